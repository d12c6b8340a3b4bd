package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"eventmap/data/model"
	"eventmap/data/store"
)

// RejectMention records that the mention at span in an article is not a
// place and removes the mention and its events, as
// store.Store.RejectMention does: like any correction it is kept, applied
// whenever the article is stored again, and reused for the name in later
// articles from the same source; UndoCorrection takes it back.
func (s *Store) RejectMention(ctx context.Context, articleID string, span model.Span) error {
	if s.readOnly {
		return fmt.Errorf("%w: %s is open read-only", store.ErrReadOnly, s.name)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := recordCorrection(ctx, tx, articleID, span, store.NotAPlace())
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err != nil {
		return s.wrap("removing a mention", err)
	}
	// Stored again, the article takes the correction: the mention and its
	// events go, and the day counts follow.
	return store.StoreAgain(ctx, s, articleID)
}

// UndoCorrection removes the user's correction of the mention at span in
// an article, and the preferred sense it set for the name when that still
// names the correction's place, as store.Store.UndoCorrection does. It
// fails with store.ErrNotFound when there is no such correction.
func (s *Store) UndoCorrection(ctx context.Context, articleID string, span model.Span) error {
	if s.readOnly {
		return fmt.Errorf("%w: %s is open read-only", store.ErrReadOnly, s.name)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var doc string
		err := tx.QueryRow(ctx, `DELETE FROM corrections WHERE article_id = $1 AND span_start = $2 AND span_end = $3 RETURNING doc`,
			articleID, span.Start, span.End).Scan(&doc)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: no correction at %d..%d in article %s", store.ErrNotFound, span.Start, span.End, articleID)
		}
		if err != nil {
			return err
		}
		var c store.Correction
		if err := json.Unmarshal([]byte(doc), &c); err != nil {
			return nil // the correction is gone; its sense cannot be told
		}
		if _, err := tx.Exec(ctx, `DELETE FROM senses WHERE source = $1 AND name = $2 AND place_id = $3`,
			c.Source, store.SenseName(c.Name), c.Place.ID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `SELECT pg_notify($1, 'correct')`, notifyChannel)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return err
	}
	return s.wrap("undoing a correction", err)
}
