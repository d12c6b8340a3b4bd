package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tidwall/buntdb"
	"github.com/tidwall/gjson"

	"eventmap/data/model"
)

// indexSource is the name of the BuntDB index of the articles' metadata
// ("a:<id>") by their source. Like every BuntDB index it lives in memory:
// it is built from the file the first time SourceHistory needs it (so a
// file written before it existed, or by an eventmap that did not keep it,
// is indexed like any other), and BuntDB keeps it up to date on every
// write after that. Nothing about it is written to the file.
const indexSource = "source"

// sourcePivot is a value that the source index orders with the articles
// of source: their metadata holds "source" the same way (left out when
// empty).
func sourcePivot(source string) string {
	b, _ := json.Marshal(struct {
		Source string `json:"source,omitempty"`
	}{source})
	return string(b)
}

// sourceIndex builds the index of articles by source, once.
func (s *Store) sourceIndex() error {
	s.srcOnce.Do(func() {
		err := s.db.CreateIndex(indexSource, prefixArticle+"*", buntdb.IndexJSONCaseSensitive("source"))
		switch {
		case errors.Is(err, buntdb.ErrDatabaseClosed):
			s.srcErr = ErrClosed
		case err != nil:
			s.srcErr = fmt.Errorf("store: %s: building the index of sources: %w", s.path, err)
		}
	})
	return s.srcErr
}

// SourceHistory returns, for the articles stored from a source (named as
// PreferredSenses names it), the places their mentions were given: the
// lower-cased name (as PreferredSenses keys it) to the place ID to the
// number of those articles that have a mention of the name at the place.
// See CountHistory for what counts. It is derived from the stored
// mentions, which carry the user's corrections; there are no separate
// counts to drift from them. Its cost is that of reading the source's
// articles' mentions: the articles are found through an index by source
// (see indexSource), built on the first call.
func (s *Store) SourceHistory(ctx context.Context, source string) (map[string]map[string]int, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.sourceIndex(); err != nil {
		return nil, err
	}
	source = model.OneLine(source)
	out := map[string]map[string]int{}
	var bad error
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		var one []model.Mention
		return tx.AscendEqual(indexSource, sourcePivot(source), func(k, _ string) bool {
			id := k[len(prefixArticle):]
			v, err := tx.Get(prefixMentions + id)
			if err != nil {
				return true // an article without mentions
			}
			arr := gjson.Parse(v)
			if !arr.IsArray() || !gjson.Valid(v) {
				bad = fmt.Errorf("%w: %s: the mentions of %s are not a JSON array", ErrCorrupt, s.path, id)
				return false
			}
			one = one[:0]
			arr.ForEach(func(_, m gjson.Result) bool {
				one = append(one, model.Mention{Name: m.Get("name").String(), Place: model.Place{ID: m.Get("place.id").String()}})
				return true
			})
			CountHistory(out, one, 1)
			return true
		})
	})
	if err == nil {
		err = bad
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CountHistory adds delta to h (see SourceHistory) for the mentions of one
// article: once for each distinct pair of name (lower-cased, as SenseName
// makes it) and place ID, however often the article names it. A "not a
// place" mention (IsNotAPlace) does not count. A count that drops to zero
// or below is removed, and so is a name left with no place. The stores
// count with it, and the ingest pipeline takes an article's own mentions
// out of a history with a delta of -1.
func CountHistory(h map[string]map[string]int, ms []model.Mention, delta int) {
	type pair struct{ name, place string }
	done := make(map[pair]bool, len(ms))
	for _, m := range ms {
		if m.Place.ID == "" || IsNotAPlace(m.Place) {
			continue
		}
		p := pair{SenseName(m.Name), m.Place.ID}
		if done[p] {
			continue
		}
		done[p] = true
		byPlace := h[p.name]
		if byPlace == nil {
			if delta <= 0 {
				continue
			}
			byPlace = map[string]int{}
			h[p.name] = byPlace
		}
		if n := byPlace[p.place] + delta; n > 0 {
			byPlace[p.place] = n
		} else {
			delete(byPlace, p.place)
			if len(byPlace) == 0 {
				delete(h, p.name)
			}
		}
	}
}
