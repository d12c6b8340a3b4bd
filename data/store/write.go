package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

// Record is one article with what the geoparser found in it: the unit that
// PutBatch stores.
type Record struct {
	Article  model.Article
	Mentions []model.Mention
	Events   []model.Event
}

// PutOptions adjust PutBatch.
type PutOptions struct {
	// Replace overwrites articles that are already stored (their mentions
	// and events are replaced; corrections are applied again). Without it
	// a stored article is skipped as a duplicate.
	Replace bool
}

// PutResult says what PutBatch did with each record.
type PutResult struct {
	// Stored are the IDs of the articles written.
	Stored []string
	// Duplicates are the IDs of the articles skipped because they were
	// already stored (or appeared twice in the batch).
	Duplicates []string
	// Events is the number of events written.
	Events int
}

// PutBatch stores a batch of records in one transaction. An article that is
// already stored is skipped (so ingesting the same article twice is a no-op)
// unless opts.Replace is set. Before writing, the user's corrections are
// applied: a mention whose span the user corrected in this article gets the
// corrected place, and a mention of a name the user corrected in another
// article from the same source gets that place (see CorrectMention); the
// events of those mentions move with them.
//
// The records are validated first; an invalid record fails the whole batch
// with ErrBadRecord and nothing is written. Article IDs are filled in when
// empty, as are events' IDs and ArticleIDs. Dated events with a time outside
// [model.MinTime, model.MaxTime) are stored as undated.
//
// Crash safety: the batch's article IDs are first committed under a
// "pending" key, then the batch, then the pending key is deleted. Open
// removes the articles named by a pending key it finds, so an interrupted
// batch leaves nothing behind.
func (s *Store) PutBatch(ctx context.Context, recs []Record, opts PutOptions) (PutResult, error) {
	var res PutResult
	if err := s.writable(ctx); err != nil {
		return res, err
	}
	for i := range recs {
		if err := Prepare(&recs[i]); err != nil {
			return res, err
		}
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.RLock()
	closed := s.closed
	s.mu.RUnlock()
	if closed {
		return res, ErrClosed
	}

	// Decide what to write, and apply corrections.
	seen := make(map[string]bool, len(recs))
	var todo []*Record
	var replaced []string
	err := s.db.View(func(tx *buntdb.Tx) error {
		senses := map[string]map[string]model.Place{}
		for i := range recs {
			r := &recs[i]
			id := r.Article.ID
			if seen[id] {
				res.Duplicates = append(res.Duplicates, id)
				continue
			}
			seen[id] = true
			if _, err := tx.Get(prefixArticle + id); err == nil {
				if !opts.Replace {
					res.Duplicates = append(res.Duplicates, id)
					continue
				}
				replaced = append(replaced, id)
			}
			src := r.Article.Source
			if _, ok := senses[src]; !ok {
				senses[src] = readSenses(tx, src)
			}
			applyCorrections(r, readCorrections(tx, id), senses[src])
			todo = append(todo, r)
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("store: %w", err)
	}
	if len(todo) == 0 {
		return res, nil
	}
	ids := make([]string, len(todo))
	for i, r := range todo {
		ids[i] = r.Article.ID
	}
	// The texts and mentions of new articles go in with the pending key.
	// Nothing reads them before the article's own key and its events are
	// written, and Open removes them if the batch is cut short. Split so,
	// BuntDB's commit buffer, which copies all a transaction writes (and
	// is kept for the next one), holds the larger half of a long article
	// rather than all of it. A replaced article is written whole in the
	// batch's transaction, so that a failed write leaves the old one as it
	// was.
	isReplaced := make(map[string]bool, len(replaced))
	for _, id := range replaced {
		isReplaced[id] = true
	}
	early := map[string]bool{}
	if err := s.db.Update(func(tx *buntdb.Tx) error {
		if _, _, err := tx.Set(keyPending, strings.Join(ids, ","), nil); err != nil {
			return err
		}
		for _, r := range todo {
			if isReplaced[r.Article.ID] {
				continue
			}
			if err := putTextMentions(tx, r); err != nil {
				return err
			}
			early[r.Article.ID] = true
		}
		return nil
	}); err != nil {
		return res, s.writeErr(err)
	}

	// The batch itself.
	var (
		removedDays    = map[int64]int{}
		removedUndated int
		addedDays      = map[int64]int{}
		addedUndated   int
		newMetas       = make(map[string]*ArticleInfo, len(todo))
		removedEvents  []rawItem
		addedEvents    []rawItem
	)
	err = s.db.Update(func(tx *buntdb.Tx) error {
		removedEvents, addedEvents = nil, nil
		for _, id := range replaced {
			d, u, kvs, err := s.collectEventCounts(tx, id)
			if err != nil {
				return err
			}
			removedEvents = append(removedEvents, kvs...)
			for k, v := range d {
				removedDays[k] += v
			}
			removedUndated += u
			if err := deleteArticleKeys(tx, id); err != nil {
				return err
			}
		}
		places := map[string]bool{}
		var buf []byte
		for _, r := range todo {
			a := r.Article
			info := &ArticleInfo{Article: a, Events: len(r.Events), Mentions: len(r.Mentions)}
			info.Text = ""
			meta, err := json.Marshal(info)
			if err != nil {
				return err
			}
			if _, _, err := tx.Set(prefixArticle+a.ID, string(meta), nil); err != nil {
				return err
			}
			if !early[a.ID] {
				if err := putTextMentions(tx, r); err != nil {
					return err
				}
			}
			for _, m := range r.Mentions {
				if err := putPlace(tx, places, m.Place); err != nil {
					return err
				}
			}
			for i := range r.Events {
				e := &r.Events[i]
				dated := e.Precision != model.Undated
				buf = encodeEvent(buf[:0], e, dated)
				key, val := eventKey(dated, a.ID, i), string(buf)
				if _, _, err := tx.Set(key, val, nil); err != nil {
					return err
				}
				addedEvents = append(addedEvents, rawItem{key, val})
				if dated {
					addedDays[floorDiv(e.Time.Unix(), 86400)]++
				} else {
					addedUndated++
				}
			}
			newMetas[a.ID] = info
			res.Stored = append(res.Stored, a.ID)
			res.Events += len(r.Events)
		}
		return nil
	})
	if err != nil {
		// Roll back the texts and mentions written early and the pending
		// key: nothing of the batch is in. Should that fail too, the
		// pending key stays for Open to finish the job.
		_ = s.db.Update(func(tx *buntdb.Tx) error {
			for id := range early {
				for _, k := range []string{prefixText + id, prefixMentions + id} {
					if _, err := tx.Delete(k); err != nil && !errors.Is(err, buntdb.ErrNotFound) {
						return err
					}
				}
			}
			_, err := tx.Delete(keyPending)
			return err
		})
		return PutResult{}, s.writeErr(err)
	}
	// The batch is in: the index follows it even if removing the pending
	// key fails.
	s.reindex(removedEvents, addedEvents)
	if err := s.db.Update(func(tx *buntdb.Tx) error {
		_, err := tx.Delete(keyPending)
		return err
	}); err != nil {
		return PutResult{}, s.writeErr(err)
	}

	s.mu.Lock()
	for k, v := range removedDays {
		if s.days[k] -= v; s.days[k] <= 0 {
			delete(s.days, k)
		}
	}
	for k, v := range addedDays {
		s.days[k] += v
	}
	s.undated += addedUndated - removedUndated
	s.articles += len(todo) - len(replaced)
	for id, info := range newMetas {
		s.metas[id] = info
	}
	s.sorted = nil
	s.mu.Unlock()
	s.noteCommitted()
	return res, nil
}

// putTextMentions writes an article's text and, if it has any, its
// mentions.
func putTextMentions(tx *buntdb.Tx, r *Record) error {
	id := r.Article.ID
	if _, _, err := tx.Set(prefixText+id, r.Article.Text, nil); err != nil {
		return err
	}
	if len(r.Mentions) == 0 {
		return nil
	}
	ms, err := marshalMentions(r.Mentions)
	if err != nil {
		return err
	}
	_, _, err = tx.Set(prefixMentions+id, ms, nil)
	return err
}

// marshalMentions returns the JSON of ms, byte for byte what json.Marshal
// makes of the slice, written one mention at a time straight into a string
// of the exact size (a first pass measures it). Marshalling the slice of a
// long article whole (200,000 mentions come to 100 MB) would hold the
// encoder's growing buffer, Marshal's copy of it and the string's copy at
// once.
func marshalMentions(ms []model.Mention) (string, error) {
	if len(ms) == 0 {
		return "[]", nil
	}
	size := len(ms) + 1 // the brackets and the commas
	for i := range ms {
		b, err := json.Marshal(&ms[i])
		if err != nil {
			return "", err
		}
		size += len(b)
	}
	var sb strings.Builder
	sb.Grow(size)
	for i := range ms {
		b, err := json.Marshal(&ms[i])
		if err != nil {
			return "", err
		}
		if i == 0 {
			sb.WriteByte('[')
		} else {
			sb.WriteByte(',')
		}
		sb.Write(b)
	}
	sb.WriteByte(']')
	return sb.String(), nil
}

// Prepare validates a record and fills in what PutBatch derives (the
// article's ID, the events' IDs and article IDs; out-of-range times become
// undated). PutBatch calls it; callers that batch records from many sources
// call it first, to turn away one bad record without failing a batch. It
// fails with ErrBadRecord.
func Prepare(r *Record) error {
	a := &r.Article
	if strings.TrimSpace(a.Text) == "" {
		return fmt.Errorf("%w: article %q (%s) has no text", ErrBadRecord, a.Title, a.Origin)
	}
	id := model.ContentID(a.Text)
	if a.ID == "" {
		a.ID = id
	} else if a.ID != id {
		return fmt.Errorf("%w: article ID %s is not the hash of its text (%s)", ErrBadRecord, a.ID, id)
	}
	a.Title = model.OneLine(a.Title)
	a.Source = model.OneLine(a.Source)
	if !a.Published.IsZero() && !model.InRange(a.Published) {
		a.Published = time.Time{}
	}
	for i := range r.Mentions {
		m := &r.Mentions[i]
		if err := checkPlace(m.Place); err != nil {
			return fmt.Errorf("%w: article %s, mention %q: %v", ErrBadRecord, a.ID, m.Name, err)
		}
	}
	for i := range r.Events {
		e := &r.Events[i]
		e.ArticleID = a.ID
		e.ID = a.ID + "-" + pad4(i)
		e.PlaceID = model.OneLine(e.PlaceID)
		e.PlaceName = model.OneLine(e.PlaceName)
		e.Snippet = model.OneLine(e.Snippet)
		if !e.Dated() {
			e.Precision, e.Time = model.Undated, time.Time{}
		} else {
			e.Time = e.Time.UTC().Truncate(time.Second)
		}
		if !validPoint(e.Point[0], e.Point[1]) {
			return fmt.Errorf("%w: article %s, event %d: point %v is not a longitude/latitude", ErrBadRecord, a.ID, i, e.Point)
		}
	}
	return nil
}

func validPoint(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

func checkPlace(p model.Place) error {
	if p.ID == "" || strings.ContainsAny(p.ID, "\t\n,") {
		return fmt.Errorf("place ID %q is empty or has a tab, newline or comma", p.ID)
	}
	if !validPoint(p.Point[0], p.Point[1]) {
		return fmt.Errorf("place %s: point %v is not a longitude/latitude", p.ID, p.Point)
	}
	return nil
}

// putPlace stores a place unless this transaction already has.
func putPlace(tx *buntdb.Tx, done map[string]bool, p model.Place) error {
	if done[p.ID] {
		return nil
	}
	done[p.ID] = true
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	if old, err := tx.Get(prefixPlace + p.ID); err == nil && old == string(b) {
		return nil
	}
	_, _, err = tx.Set(prefixPlace+p.ID, string(b), nil)
	return err
}

// collectEventCounts counts an article's stored events by day, and
// returns their keys and values (for the spatial index).
func (s *Store) collectEventCounts(tx *buntdb.Tx, id string) (map[int64]int, int, []rawItem, error) {
	days := map[int64]int{}
	undated := 0
	var kvs []rawItem
	err := tx.AscendRange("", prefixDated+id+":", prefixDated+id+";", func(k, v string) bool {
		if sec, ok := eventUnix(v); ok {
			days[floorDiv(sec, 86400)]++
		}
		kvs = append(kvs, rawItem{k, v})
		return true
	})
	if err != nil {
		return nil, 0, nil, err
	}
	err = tx.AscendRange("", prefixUndated+id+":", prefixUndated+id+";", func(k, v string) bool {
		undated++
		kvs = append(kvs, rawItem{k, v})
		return true
	})
	return days, undated, kvs, err
}

// reindex updates the spatial index after a committed write: the events
// removed, then those added. Call it with wmu held.
func (s *Store) reindex(removed, added []rawItem) {
	if s.idx == nil {
		return
	}
	for _, it := range removed {
		s.idx.drop(it.key, it.val)
	}
	for _, it := range added {
		s.idx.put(it.key, it.val)
	}
}

// Correction is a user's choice of place for one mention.
type Correction struct {
	ArticleID string      `json:"article_id"`
	Span      model.Span  `json:"span"`
	Name      string      `json:"name"`
	Source    string      `json:"source,omitempty"`
	Place     model.Place `json:"place"`
	Time      time.Time   `json:"time"`
}

func correctionKey(id string, sp model.Span) string {
	return prefixCorrection + id + ":" + strconv.Itoa(sp.Start) + ":" + strconv.Itoa(sp.End)
}

func senseKey(source, name string) string {
	return prefixSense + source + "\t" + senseName(name)
}

func senseName(name string) string { return strings.ToLower(model.OneLine(name)) }

func readCorrections(tx *buntdb.Tx, id string) map[model.Span]model.Place {
	var out map[model.Span]model.Place
	_ = tx.AscendRange("", prefixCorrection+id+":", prefixCorrection+id+";", func(_, v string) bool {
		var c Correction
		if json.Unmarshal([]byte(v), &c) == nil {
			if out == nil {
				out = map[model.Span]model.Place{}
			}
			out[c.Span] = c.Place
		}
		return true
	})
	return out
}

func readSenses(tx *buntdb.Tx, source string) map[string]model.Place {
	out := map[string]model.Place{}
	pre := prefixSense + source + "\t"
	_ = tx.AscendGreaterOrEqual("", pre, func(k, v string) bool {
		if !strings.HasPrefix(k, pre) {
			return false
		}
		pv, err := tx.Get(prefixPlace + v)
		var p model.Place
		if err == nil && json.Unmarshal([]byte(pv), &p) == nil {
			out[k[len(pre):]] = p
		}
		return true
	})
	return out
}

// applyCorrections changes the place of corrected mentions and of the
// events that come from them.
func applyCorrections(r *Record, bySpan map[model.Span]model.Place, byName map[string]model.Place) {
	if len(bySpan) == 0 && len(byName) == 0 {
		return
	}
	moved := map[model.Span]model.Place{}
	for i := range r.Mentions {
		m := &r.Mentions[i]
		p, ok := bySpan[m.Span]
		if !ok {
			if p, ok = byName[senseName(m.Name)]; !ok {
				continue
			}
		}
		// Chosen or confirmed by the user, here or for the source: it
		// needs no review.
		m.Corrected = true
		if m.Place.ID != p.ID {
			m.RunnersUp = append([]model.Candidate{{Place: m.Place, Score: m.Confidence}}, withoutPlace(m.RunnersUp, p.ID)...)
			m.Place = p
		}
		moved[m.Span] = p
	}
	for i := range r.Events {
		e := &r.Events[i]
		if p, ok := moved[e.Span]; ok {
			e.PlaceID, e.PlaceName, e.Point = p.ID, p.Name, p.Point
		}
	}
	dropRejected(r) // "not a place" corrections remove the mention
}

func withoutPlace(cs []model.Candidate, id string) []model.Candidate {
	out := cs[:0:0]
	for _, c := range cs {
		if c.Place.ID != id {
			out = append(out, c)
		}
	}
	return out
}

// CorrectMention records the user's choice of place for the mention at span
// in an article, and moves that mention's events to the place. The
// correction is kept even if the article is deleted, and is applied again
// whenever the article is stored again. It also becomes the preferred sense
// of the mention's name for the article's source: later articles from that
// source that mention the name get this place (see PutBatch and
// PreferredSenses).
//
// It fails with ErrNotFound when the article or a mention at span is not
// stored.
func (s *Store) CorrectMention(ctx context.Context, articleID string, span model.Span, place model.Place) error {
	if s.readOnly {
		return s.errReadOnly()
	}
	if err := checkPlace(place); err != nil {
		return fmt.Errorf("%w: %v", ErrBadRecord, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var info *ArticleInfo
	var removed, added []rawItem
	err := s.db.Update(func(tx *buntdb.Tx) error {
		removed, added = nil, nil
		v, err := tx.Get(prefixArticle + articleID)
		if errors.Is(err, buntdb.ErrNotFound) {
			return fmt.Errorf("%w: article %s", ErrNotFound, articleID)
		} else if err != nil {
			return err
		}
		info = new(ArticleInfo)
		if err := json.Unmarshal([]byte(v), info); err != nil {
			return fmt.Errorf("%w: article %s: %v", ErrCorrupt, articleID, err)
		}
		var ms []model.Mention
		if mv, err := tx.Get(prefixMentions + articleID); err == nil {
			if err := json.Unmarshal([]byte(mv), &ms); err != nil {
				return fmt.Errorf("%w: mentions of %s: %v", ErrCorrupt, articleID, err)
			}
		}
		idx := -1
		for i := range ms {
			if ms[i].Span == span {
				idx = i
				break
			}
		}
		if idx < 0 {
			return fmt.Errorf("%w: no mention at %d..%d in article %s", ErrNotFound, span.Start, span.End, articleID)
		}
		name := ms[idx].Name
		c := Correction{ArticleID: articleID, Span: span, Name: name, Source: info.Source, Place: place, Time: time.Now().UTC()}
		cb, _ := json.Marshal(c)
		if _, _, err := tx.Set(correctionKey(articleID, span), string(cb), nil); err != nil {
			return err
		}
		if err := putPlace(tx, map[string]bool{}, place); err != nil {
			return err
		}
		if _, _, err := tx.Set(senseKey(info.Source, name), place.ID, nil); err != nil {
			return err
		}
		// Move the mention and its events.
		rec := Record{Mentions: ms}
		type kv struct{ key, val string }
		var evs []kv
		for _, p := range []string{prefixDated, prefixUndated} {
			err := tx.AscendRange("", p+articleID+":", p+articleID+";", func(k, v string) bool {
				evs = append(evs, kv{k, v})
				return true
			})
			if err != nil {
				return err
			}
		}
		rec.Events = make([]model.Event, 0, len(evs))
		keys := make([]string, 0, len(evs))
		for _, e := range evs {
			var ev model.Event
			if decodeEvent(e.key, e.val, &ev) && ev.Span == span {
				rec.Events = append(rec.Events, ev)
				keys = append(keys, e.key)
				removed = append(removed, rawItem{e.key, e.val})
			}
		}
		applyCorrections(&rec, map[model.Span]model.Place{span: place}, nil)
		mb, err := json.Marshal(rec.Mentions)
		if err != nil {
			return err
		}
		if _, _, err := tx.Set(prefixMentions+articleID, string(mb), nil); err != nil {
			return err
		}
		var buf []byte
		for i := range rec.Events {
			e := &rec.Events[i]
			buf = encodeEvent(buf[:0], e, e.Precision != model.Undated)
			val := string(buf)
			if _, _, err := tx.Set(keys[i], val, nil); err != nil {
				return err
			}
			added = append(added, rawItem{keys[i], val})
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrCorrupt) {
			return err
		}
		return s.writeErr(err)
	}
	s.reindex(removed, added)
	return nil
}

// Corrections returns the corrections made in an article, by span order.
func (s *Store) Corrections(ctx context.Context, articleID string) ([]Correction, error) {
	var out []Correction
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		return tx.AscendRange("", prefixCorrection+articleID+":", prefixCorrection+articleID+";", func(_, v string) bool {
			var c Correction
			if json.Unmarshal([]byte(v), &c) == nil {
				out = append(out, c)
			}
			return true
		})
	})
	return out, err
}

// PreferredSenses returns the places the user chose for names in articles
// from a source, keyed by the lower-cased name. The ingest pipeline hands
// them to the geoparser as hints.
func (s *Store) PreferredSenses(ctx context.Context, source string) (map[string]model.Place, error) {
	var out map[string]model.Place
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		out = readSenses(tx, model.OneLine(source))
		return nil
	})
	return out, err
}

// DeleteArticle removes an article with its mentions and events. The user's
// corrections of it are kept, to be applied if it is stored again.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	if err := s.writable(ctx); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var days map[int64]int
	var undated int
	var removed []rawItem
	err := s.db.Update(func(tx *buntdb.Tx) error {
		if _, err := tx.Get(prefixArticle + id); errors.Is(err, buntdb.ErrNotFound) {
			return fmt.Errorf("%w: article %s", ErrNotFound, id)
		}
		var err error
		if days, undated, removed, err = s.collectEventCounts(tx, id); err != nil {
			return err
		}
		return deleteArticleKeys(tx, id)
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return err
		}
		return s.writeErr(err)
	}
	s.reindex(removed, nil)
	s.mu.Lock()
	for k, v := range days {
		if s.days[k] -= v; s.days[k] <= 0 {
			delete(s.days, k)
		}
	}
	s.undated -= undated
	s.articles--
	delete(s.metas, id)
	s.sorted = nil
	s.mu.Unlock()
	return nil
}

// writable fails with ErrReadOnly when the store was opened read-only,
// else with ctx's error when it is done.
func (s *Store) writable(ctx context.Context) error {
	if s.readOnly {
		return s.errReadOnly()
	}
	return ctx.Err()
}

// errReadOnly is the error of a write to a store opened read-only.
func (s *Store) errReadOnly() error {
	return fmt.Errorf("%w: %s was opened read-only", ErrReadOnly, s.path)
}
