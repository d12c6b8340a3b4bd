package pgstore

import (
	"context"

	"eventmap/data/store"
)

// ScanSureness calls fn with how sure the geoparser was of the place of
// every event whose mention is stored (the mention's confidence, and
// whether the user chose or confirmed the place), as
// store.Store.ScanSureness does, until fn returns false or ctx is done.
func (s *Store) ScanSureness(ctx context.Context, fn func(store.Sureness) bool) error {
	rows, err := s.pool.Query(ctx, `SELECT e.article_id, e.n,
			coalesce((m->>'confidence')::float8, 0), coalesce((m->>'corrected')::boolean, false)
		FROM events e
		JOIN articles a ON a.id = e.article_id
		CROSS JOIN LATERAL jsonb_array_elements(a.mentions) m
		WHERE (m->'span'->>'start')::int = e.span_start AND (m->'span'->>'end')::int = e.span_end`)
	if err != nil {
		return s.wrap("reading how sure places are", err)
	}
	defer rows.Close()
	for rows.Next() {
		var article string
		var n int
		var r store.Sureness
		if err := rows.Scan(&article, &n, &r.Confidence, &r.Corrected); err != nil {
			return s.wrap("reading how sure places are", err)
		}
		r.EventID = eventID(article, n)
		if !fn(r) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return s.wrap("reading how sure places are", err)
	}
	return ctx.Err()
}
