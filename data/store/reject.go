package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

// NotAPlaceID is the ID of the place that a "not a place" correction
// gives a name (the group "Wagner", a person called "Georgia"): the
// mention and its events are removed wherever the correction applies.
const NotAPlaceID = "none:not-a-place"

// NotAPlace is the place of a "not a place" correction.
func NotAPlace() model.Place {
	return model.Place{ID: NotAPlaceID, Name: "not a place", Kind: model.KindUnknown}
}

// IsNotAPlace reports whether p is the place of a "not a place"
// correction.
func IsNotAPlace(p model.Place) bool { return p.ID == NotAPlaceID }

// RejectMention records that the mention at span in an article is not a
// place, and removes the mention and its events. Like any correction it
// is listed by Corrections, kept if the article is deleted, applied
// whenever the article is stored again, and reused for the name in later
// articles from the same source; UndoCorrection takes it back.
//
// It fails with ErrNotFound when the article or a mention at span is not
// stored.
func (s *Store) RejectMention(ctx context.Context, articleID string, span model.Span) error {
	if err := s.writable(ctx); err != nil {
		return err
	}
	err := func() error {
		s.wmu.Lock()
		defer s.wmu.Unlock()
		return s.db.Update(func(tx *buntdb.Tx) error {
			info, ms, err := articleAndMentions(tx, articleID)
			if err != nil {
				return err
			}
			name := ""
			for _, m := range ms {
				if m.Span == span {
					name = m.Name
				}
			}
			if name == "" {
				return fmt.Errorf("%w: no mention at %d..%d in article %s", ErrNotFound, span.Start, span.End, articleID)
			}
			c := Correction{ArticleID: articleID, Span: span, Name: name, Source: info.Source, Place: NotAPlace(), Time: time.Now().UTC()}
			cb, _ := json.Marshal(c)
			if _, _, err := tx.Set(correctionKey(articleID, span), string(cb), nil); err != nil {
				return err
			}
			if err := putPlace(tx, map[string]bool{}, NotAPlace()); err != nil {
				return err
			}
			_, _, err = tx.Set(senseKey(info.Source, name), NotAPlaceID, nil)
			return err
		})
	}()
	if err != nil {
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrCorrupt) {
			return err
		}
		return s.writeErr(err)
	}
	return s.storeAgain(ctx, articleID)
}

// UndoCorrection removes the user's correction of the mention at span in
// an article, and the preferred sense it set for the name when that still
// names the correction's place. The article keeps its places until it is
// geoparsed again (ingest.Reparse), which then finds the mention afresh.
// It fails with ErrNotFound when there is no such correction.
func (s *Store) UndoCorrection(ctx context.Context, articleID string, span model.Span) error {
	if err := s.writable(ctx); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.db.Update(func(tx *buntdb.Tx) error {
		v, err := tx.Delete(correctionKey(articleID, span))
		if errors.Is(err, buntdb.ErrNotFound) {
			return fmt.Errorf("%w: no correction at %d..%d in article %s", ErrNotFound, span.Start, span.End, articleID)
		} else if err != nil {
			return err
		}
		var c Correction
		if err := json.Unmarshal([]byte(v), &c); err != nil {
			return nil // the correction is gone; its sense cannot be told
		}
		key := senseKey(c.Source, c.Name)
		if id, err := tx.Get(key); err == nil && id == c.Place.ID {
			if _, err := tx.Delete(key); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return err
		}
		return s.writeErr(err)
	}
	return nil
}

// articleAndMentions reads an article's information and mentions.
func articleAndMentions(tx *buntdb.Tx, id string) (ArticleInfo, []model.Mention, error) {
	var info ArticleInfo
	v, err := tx.Get(prefixArticle + id)
	if errors.Is(err, buntdb.ErrNotFound) {
		return info, nil, fmt.Errorf("%w: article %s", ErrNotFound, id)
	} else if err != nil {
		return info, nil, err
	}
	if err := json.Unmarshal([]byte(v), &info); err != nil {
		return info, nil, fmt.Errorf("%w: article %s: %v", ErrCorrupt, id, err)
	}
	var ms []model.Mention
	if mv, err := tx.Get(prefixMentions + id); err == nil {
		if err := json.Unmarshal([]byte(mv), &ms); err != nil {
			return info, nil, fmt.Errorf("%w: mentions of %s: %v", ErrCorrupt, id, err)
		}
	}
	return info, ms, nil
}

// storeAgain stores an article again from what is stored of it, so that
// its corrections apply (PutBatch with Replace keeps the counts right and
// is safe against a crash half-way).
func (s *Store) storeAgain(ctx context.Context, id string) error { return StoreAgain(ctx, s, id) }

// Rewriter is a store that can read an article back and store it again:
// this package's Store, or data/pgstore's.
type Rewriter interface {
	Article(ctx context.Context, id string) (ArticleInfo, []model.Mention, error)
	Events(ctx context.Context, q Query) ([]Hit, error)
	PutBatch(ctx context.Context, recs []Record, opts PutOptions) (PutResult, error)
}

// StoreAgain stores an article of st again from what st holds of it, so
// that the corrections recorded since apply to it (a "not a place" one
// removes its mention and events).
func StoreAgain(ctx context.Context, st Rewriter, id string) error {
	info, ms, err := st.Article(ctx, id)
	if err != nil {
		return err
	}
	hits, err := st.Events(ctx, Query{ArticleID: id, Undated: true})
	if err != nil {
		return err
	}
	evs := make([]model.Event, len(hits))
	for i, h := range hits {
		evs[i] = h.Event
	}
	_, err = st.PutBatch(ctx, []Record{{Article: info.Article, Mentions: ms, Events: evs}}, PutOptions{Replace: true})
	return err
}

// dropRejected removes from a record the mentions whose place is
// NotAPlace, and their events.
func dropRejected(r *Record) {
	gone := map[model.Span]bool{}
	ms := make([]model.Mention, 0, len(r.Mentions)) // the caller's slices stay as they are
	for _, m := range r.Mentions {
		if IsNotAPlace(m.Place) {
			gone[m.Span] = true
			continue
		}
		ms = append(ms, m)
	}
	if len(gone) == 0 {
		return
	}
	r.Mentions = ms
	evs := make([]model.Event, 0, len(r.Events))
	for _, e := range r.Events {
		if !gone[e.Span] && e.PlaceID != NotAPlaceID {
			evs = append(evs, e)
		}
	}
	r.Events = evs
}
