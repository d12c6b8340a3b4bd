package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"eventmap/data/model"
	"eventmap/data/store"
)

// undatedDay is the day_counts row that counts undated events.
const undatedDay = -1 << 40

// PutBatch stores a batch of records in one transaction, as
// store.Store.PutBatch does: an article already stored (by this or any other
// process) is skipped unless opts.Replace is set, the user's corrections are
// applied first, and an invalid record fails the batch with
// store.ErrBadRecord before anything is written. Two processes putting the
// same article at once store it once: the second finds it a duplicate.
func (s *Store) PutBatch(ctx context.Context, recs []store.Record, opts store.PutOptions) (store.PutResult, error) {
	var res store.PutResult
	if s.readOnly {
		return res, fmt.Errorf("%w: %s is open read-only", store.ErrReadOnly, s.name)
	}
	if s.isClosed() {
		return res, store.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	for i := range recs {
		if err := store.Prepare(&recs[i]); err != nil {
			return res, err
		}
	}
	// One record per article, in ID order, so that concurrent writers
	// lock rows in the same order.
	seen := make(map[string]bool, len(recs))
	var todo []*store.Record
	var dups []string
	for i := range recs {
		id := recs[i].Article.ID
		if seen[id] {
			dups = append(dups, id)
			continue
		}
		seen[id] = true
		todo = append(todo, &recs[i])
	}
	slices.SortFunc(todo, func(a, b *store.Record) int { return cmpString(a.Article.ID, b.Article.ID) })
	if len(todo) == 0 {
		res.Duplicates = dups
		return res, nil
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		res = store.PutResult{Duplicates: slices.Clone(dups)}
		return s.putTx(ctx, tx, todo, opts, &res)
	})
	if err != nil {
		return store.PutResult{}, s.wrap("storing articles", err)
	}
	s.forget(res.Stored...)
	return res, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Store) putTx(ctx context.Context, tx pgx.Tx, todo []*store.Record, opts store.PutOptions, res *store.PutResult) error {
	ids := make([]string, len(todo))
	for i, r := range todo {
		ids[i] = r.Article.ID
	}
	days := map[int64]int64{}
	if opts.Replace {
		// Lock and remove what is stored of these articles (their
		// events go with them), counting the events away.
		rows, err := tx.Query(ctx, `SELECT e.t FROM events e WHERE e.article_id = ANY($1)`, ids)
		if err != nil {
			return err
		}
		if err := countAway(rows, days); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM events WHERE article_id = ANY($1)`, ids); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM articles WHERE id = ANY($1)`, ids); err != nil {
			return err
		}
	}

	// Corrections of these articles and preferred senses of their sources.
	bySpan := map[string]map[model.Span]model.Place{}
	rows, err := tx.Query(ctx, `SELECT doc FROM corrections WHERE article_id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c store.Correction
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		if bySpan[c.ArticleID] == nil {
			bySpan[c.ArticleID] = map[model.Span]model.Place{}
		}
		bySpan[c.ArticleID][c.Span] = c.Place
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	senses := map[string]map[string]model.Place{}
	for _, r := range todo {
		src := r.Article.Source
		if _, ok := senses[src]; !ok {
			if senses[src], err = readSenses(ctx, tx, src); err != nil {
				return err
			}
		}
	}
	for _, r := range todo {
		store.ApplyCorrections(r, bySpan[r.Article.ID], senses[r.Article.Source])
	}

	// The articles, in one statement: those already stored (by anyone)
	// do not come back.
	n := len(todo)
	var (
		titles, sources, urls, formats, origins, bodies, mentions = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		published                                                 = make([]*time.Time, n)
		nEvents, nMentions                                        = make([]int32, n), make([]int32, n)
	)
	for i, r := range todo {
		a := r.Article
		ms := []byte("[]")
		if len(r.Mentions) > 0 {
			var err error
			if ms, err = json.Marshal(r.Mentions); err != nil {
				return err
			}
		}
		titles[i], sources[i], urls[i], formats[i], origins[i], bodies[i], mentions[i] = a.Title, a.Source, a.URL, string(a.Format), a.Origin, a.Text, string(ms)
		if !a.Published.IsZero() {
			t := a.Published.UTC()
			published[i] = &t
		}
		nEvents[i], nMentions[i] = int32(len(r.Events)), int32(len(r.Mentions))
	}
	rows, err = tx.Query(ctx, `INSERT INTO articles (id, title, source, url, published, format, origin, body, mentions, n_events, n_mentions)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::int[], $11::int[])
		ON CONFLICT (id) DO NOTHING RETURNING id`,
		ids, titles, sources, urls, published, formats, origins, bodies, mentions, nEvents, nMentions)
	if err != nil {
		return err
	}
	inserted := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		inserted[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var stored []*store.Record
	for _, r := range todo {
		if inserted[r.Article.ID] {
			stored = append(stored, r)
		} else {
			res.Duplicates = append(res.Duplicates, r.Article.ID)
		}
	}
	if len(stored) == 0 {
		return nil
	}

	// Their places, in ID order.
	places := map[string]model.Place{}
	for _, r := range stored {
		for _, m := range r.Mentions {
			places[m.Place.ID] = m.Place
		}
	}
	if err := putPlaces(ctx, tx, places); err != nil {
		return err
	}

	// Their events, with COPY.
	var evRows [][]any
	for _, r := range stored {
		for i := range r.Events {
			e := &r.Events[i]
			pt := store.RoundPoint(e.Point)
			var t any
			if e.Precision != model.Undated {
				t = e.Time
				days[store.UnixDay(e.Time.Unix())]++
			} else {
				days[undatedDay]++
			}
			evRows = append(evRows, []any{e.ArticleID, int32(i), t, int16(e.Precision), int32(e.Span.Start), int32(e.Span.End), e.PlaceID, e.PlaceName, e.Snippet, pt[0], pt[1]})
		}
		res.Stored = append(res.Stored, r.Article.ID)
		res.Events += len(r.Events)
	}
	if len(evRows) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"events"},
			[]string{"article_id", "n", "t", "precision", "span_start", "span_end", "place_id", "place_name", "snippet", "lon", "lat"},
			pgx.CopyFromRows(evRows)); err != nil {
			return err
		}
	}
	if err := addDays(ctx, tx, days); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `SELECT pg_notify($1, 'put')`, notifyChannel)
	return err
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// dayOf is the day_counts row of an event's time (nil: undated).
func dayOf(t *time.Time) int64 {
	if t == nil {
		return undatedDay
	}
	return store.UnixDay(t.Unix())
}

// putPlaces stores places that are new or changed, in ID order.
func putPlaces(ctx context.Context, tx pgx.Tx, places map[string]model.Place) error {
	if len(places) == 0 {
		return nil
	}
	ids := make([]string, 0, len(places))
	for id := range places {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	docs := make([]string, len(ids))
	for i, id := range ids {
		b, err := json.Marshal(places[id])
		if err != nil {
			return err
		}
		docs[i] = string(b)
	}
	// New places, then changed ones: an unchanged place is not locked, so
	// writers that mention the same places do not wait on each other.
	if _, err := tx.Exec(ctx, `INSERT INTO places (id, doc) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (id) DO NOTHING`, ids, docs); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `UPDATE places p SET doc = v.doc FROM unnest($1::text[], $2::jsonb[]) AS v(id, doc)
		WHERE p.id = v.id AND p.doc <> v.doc`, ids, docs)
	return err
}

// addDays adds to the per-day counts, in day order.
func addDays(ctx context.Context, tx pgx.Tx, days map[int64]int64) error {
	var ds, ns []int64
	for d, n := range days {
		if n != 0 {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return nil
	}
	slices.Sort(ds)
	for _, d := range ds {
		ns = append(ns, days[d])
	}
	// Each connection counts in its own shard of rows.
	_, err := tx.Exec(ctx, `INSERT INTO day_counts (day, shard, n) SELECT d, pg_backend_pid() % 64, c FROM unnest($1::bigint[], $2::bigint[]) AS v(d, c)
		ON CONFLICT (day, shard) DO UPDATE SET n = day_counts.n + excluded.n`, ds, ns)
	return err
}

// readSenses returns the preferred senses of names for a source.
func readSenses(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, source string) (map[string]model.Place, error) {
	rows, err := q.Query(ctx, `SELECT s.name, p.doc FROM senses s JOIN places p ON p.id = s.place_id WHERE s.source = $1`, source)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]model.Place{}
	for rows.Next() {
		var name string
		var p model.Place
		if err := rows.Scan(&name, &p); err != nil {
			return nil, err
		}
		out[name] = p
	}
	return out, rows.Err()
}

// CorrectMention records the user's choice of place for the mention at
// span in an article and moves that mention's events to it, as
// store.Store.CorrectMention does: the correction outlives the article, is
// applied again when the article is stored again, and becomes the preferred
// sense of the name for the article's source. It fails with
// store.ErrNotFound when the article or a mention at span is not stored.
func (s *Store) CorrectMention(ctx context.Context, articleID string, span model.Span, place model.Place) error {
	if s.readOnly {
		return fmt.Errorf("%w: %s is open read-only", store.ErrReadOnly, s.name)
	}
	if err := store.CheckPlace(place); err != nil {
		return fmt.Errorf("%w: %v", store.ErrBadRecord, err)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		ms, err := recordCorrection(ctx, tx, articleID, span, place)
		if err != nil {
			return err
		}
		rec := store.Record{Mentions: ms}
		store.ApplyCorrections(&rec, map[model.Span]model.Place{span: place}, nil)
		mb, err := json.Marshal(rec.Mentions)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE articles SET mentions = $2 WHERE id = $1`, articleID, string(mb)); err != nil {
			return err
		}
		pt := store.RoundPoint(place.Point)
		if _, err := tx.Exec(ctx, `UPDATE events SET place_id = $4, place_name = $5, lon = $6, lat = $7
			WHERE article_id = $1 AND span_start = $2 AND span_end = $3`,
			articleID, span.Start, span.End, place.ID, place.Name, pt[0], pt[1]); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `SELECT pg_notify($1, 'correct')`, notifyChannel)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return err
	}
	return s.wrap("correcting a mention", err)
}

// DeleteArticle removes an article with its mentions and events; the
// user's corrections of it are kept, to be applied if it is stored again.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	if s.readOnly {
		return fmt.Errorf("%w: %s is open read-only", store.ErrReadOnly, s.name)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `SELECT 1 FROM articles WHERE id = $1 FOR UPDATE`, id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("%w: article %s", store.ErrNotFound, id)
		}
		days := map[int64]int64{}
		rows, err := tx.Query(ctx, `DELETE FROM events WHERE article_id = $1 RETURNING t`, id)
		if err != nil {
			return err
		}
		if err := countAway(rows, days); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM articles WHERE id = $1`, id); err != nil {
			return err
		}
		if err := addDays(ctx, tx, days); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `SELECT pg_notify($1, 'delete')`, notifyChannel)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err == nil {
		s.forget(id)
	}
	return s.wrap("deleting an article", err)
}

// forget drops articles from the cache of their metadata.
func (s *Store) forget(ids ...string) {
	s.metaMu.Lock()
	for _, id := range ids {
		delete(s.metas, id)
	}
	s.metaMu.Unlock()
}

// recordCorrection stores, inside tx, the user's choice of place for the
// mention at span in an article: the place, the correction, and the
// preferred sense of the name for the article's source. It returns the
// article's mentions as stored (locked until tx ends), or store.ErrNotFound
// when the article or a mention at span is not stored.
func recordCorrection(ctx context.Context, tx pgx.Tx, articleID string, span model.Span, place model.Place) ([]model.Mention, error) {
	var source string
	var ms []model.Mention
	err := tx.QueryRow(ctx, `SELECT source, mentions FROM articles WHERE id = $1 FOR UPDATE`, articleID).Scan(&source, &ms)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("%w: article %s", store.ErrNotFound, articleID)
	}
	if err != nil {
		return nil, err
	}
	idx := slices.IndexFunc(ms, func(m model.Mention) bool { return m.Span == span })
	if idx < 0 {
		return nil, fmt.Errorf("%w: no mention at %d..%d in article %s", store.ErrNotFound, span.Start, span.End, articleID)
	}
	name := ms[idx].Name
	c := store.Correction{ArticleID: articleID, Span: span, Name: name, Source: source, Place: place, Time: time.Now().UTC()}
	cb, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	if err := putPlaces(ctx, tx, map[string]model.Place{place.ID: place}); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO corrections (article_id, span_start, span_end, doc) VALUES ($1, $2, $3, $4)
		ON CONFLICT (article_id, span_start, span_end) DO UPDATE SET doc = excluded.doc`, articleID, span.Start, span.End, string(cb)); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO senses (source, name, place_id) VALUES ($1, $2, $3)
		ON CONFLICT (source, name) DO UPDATE SET place_id = excluded.place_id`, source, store.SenseName(name), place.ID); err != nil {
		return nil, err
	}
	return ms, nil
}

// countAway takes the events of rows (their time, one column) off the day
// counts, and closes rows.
func countAway(rows pgx.Rows, days map[int64]int64) error {
	defer rows.Close()
	for rows.Next() {
		var t *time.Time
		if err := rows.Scan(&t); err != nil {
			return err
		}
		days[dayOf(t)]--
	}
	return rows.Err()
}
