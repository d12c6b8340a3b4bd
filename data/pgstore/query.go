package pgstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
)

// eventColumns are the event columns scanHit reads, events as e.
const eventColumns = `e.article_id, e.n, e.t, e.precision, e.span_start, e.span_end, e.place_id, e.place_name, e.snippet, e.lon, e.lat`

// hitColumns are the columns scanHit reads, events as e joined to
// articles as a.
const hitColumns = eventColumns + `, a.title, a.source, a.url, a.published`

func scanHit(rows pgx.Row, h *store.Hit) error {
	var t, pub *time.Time
	var prec int16
	var lon, lat float64
	var n int
	if err := rows.Scan(&h.ArticleID, &n, &t, &prec, &h.Span.Start, &h.Span.End, &h.PlaceID, &h.PlaceName, &h.Snippet, &lon, &lat,
		&h.Title, &h.Source, &h.URL, &pub); err != nil {
		return err
	}
	h.ID = eventID(h.ArticleID, n)
	h.Precision = model.Precision(prec)
	h.Point = orb.Point{lon, lat}
	if t != nil {
		h.Time = t.UTC()
	}
	if pub != nil {
		h.Published = pub.UTC()
	}
	return nil
}

// filter builds the WHERE clause of q (without its time range) and its
// arguments.
type filter struct {
	conds []string
	args  []any
}

func (f *filter) add(cond string, args ...any) {
	for _, a := range args {
		f.args = append(f.args, a)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(f.args)), 1)
	}
	f.conds = append(f.conds, cond)
}

func (f *filter) where() string {
	if len(f.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(f.conds, " AND ")
}

// common adds q's conditions other than time.
func common(q store.Query) *filter {
	f := &filter{}
	if q.Bound != nil && !q.Bound.Equal(store.World) {
		b := *q.Bound
		f.add(`e.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)`, b.Min[0], b.Min[1], b.Max[0], b.Max[1])
	}
	if q.PlaceID != "" {
		// A place's events are at its point (as the file store finds
		// them too): the GiST index finds them there.
		f.add(`e.place_id = ?`, q.PlaceID)
		f.add(`e.geom && (SELECT ST_Expand(ST_SetSRID(ST_MakePoint((doc->'point'->>0)::float8, (doc->'point'->>1)::float8), 4326), 1e-4) FROM places WHERE id = ?)`, q.PlaceID)
	}
	if q.ArticleID != "" {
		f.add(`e.article_id = ?`, q.ArticleID)
	}
	if q.Source != "" {
		f.add(`lower(a.source) = lower(?)`, q.Source)
	}
	if q.Text != "" {
		f.add(`(strpos(lower(e.snippet), lower(?)) > 0 OR strpos(lower(e.place_name), lower(?)) > 0 OR strpos(lower(a.title), lower(?)) > 0)`, q.Text, q.Text, q.Text)
	}
	return f
}

// dated adds the time range of q for dated events.
func (f *filter) dated(q store.Query) {
	f.add(`e.t IS NOT NULL`)
	if !q.From.IsZero() {
		f.add(`e.t >= ?`, q.From.UTC())
	}
	if !q.To.IsZero() {
		f.add(`e.t < ?`, q.To.UTC())
	}
}

func emptyRange(q store.Query) bool { return !q.To.IsZero() && q.From.After(q.To) }

// Search calls fn with the events q selects, in time order (undated events
// last, then by ID), until fn returns false. fn may call the Store.
func (s *Store) Search(ctx context.Context, q store.Query, fn func(store.Hit) bool) error {
	hits, err := s.Events(ctx, q)
	if err != nil {
		return err
	}
	for i := range hits {
		if !fn(hits[i]) {
			break
		}
	}
	return nil
}

// Events returns the events q selects, as Search orders them.
func (s *Store) Events(ctx context.Context, q store.Query) ([]store.Hit, error) {
	if emptyRange(q) {
		return nil, nil
	}
	var hits []store.Hit
	// Without a filter on the articles, the events are read alone and
	// their articles' titles come from the cache (see articleMetas).
	join := q.Source != "" || q.Text != ""
	cols, from := eventColumns+`, '', '', '', NULL::timestamptz`, ` FROM events e`
	if join {
		cols, from = hitColumns, ` FROM events e JOIN articles a ON a.id = e.article_id`
	}
	run := func(f *filter, order string, limit int) error {
		sql := `SELECT ` + cols + from + f.where() + ` ORDER BY ` + order
		if limit > 0 {
			sql += " LIMIT " + strconv.Itoa(limit)
		}
		rows, err := s.pool.Query(ctx, sql, f.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h store.Hit
			if err := scanHit(rows, &h); err != nil {
				return err
			}
			hits = append(hits, h)
		}
		return rows.Err()
	}
	f := common(q)
	f.dated(q)
	if err := run(f, "e.t, e.article_id, e.n", q.Limit); err != nil {
		return nil, s.wrap("searching", err)
	}
	if q.Undated && (q.Limit == 0 || len(hits) < q.Limit) {
		f := common(q)
		f.add(`e.t IS NULL`)
		limit := 0
		if q.Limit > 0 {
			limit = q.Limit - len(hits)
		}
		if err := run(f, "e.article_id, e.n", limit); err != nil {
			return nil, s.wrap("searching", err)
		}
	}
	if !join {
		if err := s.fillArticles(ctx, hits); err != nil {
			return nil, s.wrap("reading articles", err)
		}
	}
	return hits, nil
}

// articleMeta is what a hit shows of its article.
type articleMeta struct {
	title, source, url string
	published          time.Time
}

// maxMetas bounds the cache of article metadata.
const maxMetas = 500_000

// fillArticles sets the article fields of hits, from the cache or, for the
// articles not in it, from one query.
func (s *Store) fillArticles(ctx context.Context, hits []store.Hit) error {
	var missing []string
	seen := map[string]bool{}
	s.metaMu.Lock()
	for i := range hits {
		id := hits[i].ArticleID
		if _, ok := s.metas[id]; !ok && !seen[id] {
			seen[id] = true
			missing = append(missing, id)
		}
	}
	s.metaMu.Unlock()
	if len(missing) > 0 {
		rows, err := s.pool.Query(ctx, `SELECT id, title, source, url, published FROM articles WHERE id = ANY($1)`, missing)
		if err != nil {
			return err
		}
		got := map[string]articleMeta{}
		for rows.Next() {
			var id string
			var m articleMeta
			var pub *time.Time
			if err := rows.Scan(&id, &m.title, &m.source, &m.url, &pub); err != nil {
				rows.Close()
				return err
			}
			if pub != nil {
				m.published = pub.UTC()
			}
			got[id] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		s.metaMu.Lock()
		if len(s.metas)+len(got) > maxMetas {
			clear(s.metas)
		}
		maps.Copy(s.metas, got)
		s.metaMu.Unlock()
	}
	s.metaMu.Lock()
	defer s.metaMu.Unlock()
	for i := range hits {
		if m, ok := s.metas[hits[i].ArticleID]; ok {
			hits[i].Title, hits[i].Source, hits[i].URL, hits[i].Published = m.title, m.source, m.url, m.published
		}
	}
	return nil
}

func timeOnly(q store.Query) bool {
	return (q.Bound == nil || q.Bound.Equal(store.World)) && q.Text == "" && q.PlaceID == "" && q.Source == "" && q.ArticleID == ""
}

func dayAligned(t time.Time) bool { return t.IsZero() || t.Unix()%86400 == 0 }

// dayRange is the day_counts rows from..to covers (both ends in).
func dayRange(from, to time.Time) (int64, int64) {
	lo, hi := int64(undatedDay+1), int64(1)<<40
	if !from.IsZero() {
		lo = store.UnixDay(from.Unix())
	}
	if !to.IsZero() {
		hi = store.UnixDay(to.Unix() - 1)
	}
	return lo, hi
}

// Count returns the number of events q selects (ignoring q.Limit). A count
// by whole days only comes from the per-day totals.
func (s *Store) Count(ctx context.Context, q store.Query) (int, error) {
	if emptyRange(q) {
		return 0, nil
	}
	var n int64
	if timeOnly(q) && dayAligned(q.From) && dayAligned(q.To) {
		lo, hi := dayRange(q.From, q.To)
		if err := s.pool.QueryRow(ctx, `SELECT coalesce(sum(n), 0) FROM day_counts WHERE day BETWEEN $1 AND $2`, lo, hi).Scan(&n); err != nil {
			return 0, s.wrap("counting", err)
		}
		if q.Undated {
			var u int64
			if err := s.pool.QueryRow(ctx, `SELECT coalesce(sum(n), 0) FROM day_counts WHERE day = $1`, int64(undatedDay)).Scan(&u); err != nil {
				return 0, s.wrap("counting", err)
			}
			n += u
		}
		return int(n), nil
	}
	count := func(f *filter) error {
		join := ""
		if q.Source != "" || q.Text != "" {
			join = ` JOIN articles a ON a.id = e.article_id`
		}
		var c int64
		err := s.pool.QueryRow(ctx, `SELECT count(*) FROM events e`+join+f.where(), f.args...).Scan(&c)
		n += c
		return err
	}
	f := common(q)
	f.dated(q)
	if err := count(f); err != nil {
		return 0, s.wrap("counting", err)
	}
	if q.Undated {
		f := common(q)
		f.add(`e.t IS NULL`)
		if err := count(f); err != nil {
			return 0, s.wrap("counting", err)
		}
	}
	return int(n), nil
}

// Histogram counts the events q selects per bucket of the interval, as
// store.Store.Histogram does. By time only, the counts come from the
// per-day totals; otherwise the database groups the selected events by day.
func (s *Store) Histogram(ctx context.Context, q store.Query, iv store.Interval) ([]store.Bucket, error) {
	if emptyRange(q) {
		return nil, nil
	}
	var sql string
	var args []any
	if timeOnly(q) {
		lo, hi := dayRange(q.From, q.To)
		sql, args = `SELECT day, sum(n)::bigint FROM day_counts WHERE day BETWEEN $1 AND $2 GROUP BY day HAVING sum(n) > 0 ORDER BY day`, []any{lo, hi}
	} else {
		f := common(q)
		f.dated(q)
		join := ""
		if q.Source != "" || q.Text != "" {
			join = ` JOIN articles a ON a.id = e.article_id`
		}
		sql = `SELECT floor(extract(epoch FROM e.t) / 86400)::bigint AS d, count(*) FROM events e` + join + f.where() + ` GROUP BY d ORDER BY d`
		args = f.args
	}
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, s.wrap("counting by day", err)
	}
	defer rows.Close()
	var counts []store.DayCount
	for rows.Next() {
		var d, n int64
		if err := rows.Scan(&d, &n); err != nil {
			return nil, s.wrap("counting by day", err)
		}
		counts = append(counts, store.DayCount{Day: d, N: int(n)})
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("counting by day", err)
	}
	return store.Buckets(counts, iv), nil
}

// ScanPoints calls fn with the position and time of every event, dated
// events first, until fn returns false or ctx is done. The rows stream from
// the database; fn may call the Store.
func (s *Store) ScanPoints(ctx context.Context, fn func(store.EventPoint) bool) error {
	for _, cond := range []string{`t IS NOT NULL`, `t IS NULL`} {
		rows, err := s.pool.Query(ctx, `SELECT article_id, n, lon, lat, coalesce(extract(epoch FROM t)::bigint, 0), precision, place_id FROM events WHERE `+cond)
		if err != nil {
			return s.wrap("reading events", err)
		}
		stop := false
		for rows.Next() {
			var p store.EventPoint
			var lon, lat float64
			var prec int16
			var article string
			var n int
			if err := rows.Scan(&article, &n, &lon, &lat, &p.Unix, &prec, &p.PlaceID); err != nil {
				rows.Close()
				return s.wrap("reading events", err)
			}
			p.ID, p.Point, p.Precision = eventID(article, n), orb.Point{lon, lat}, model.Precision(prec)
			if !fn(p) {
				stop = true
				break
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.wrap("reading events", err)
		}
		if stop {
			return nil
		}
	}
	return ctx.Err()
}

// Event returns one event with its article's title, source and URL.
func (s *Store) Event(ctx context.Context, id string) (store.Hit, error) {
	var h store.Hit
	article, n, ok := splitEventID(id)
	if !ok {
		return store.Hit{}, fmt.Errorf("%w: event %s", store.ErrNotFound, id)
	}
	err := scanHit(s.pool.QueryRow(ctx, `SELECT `+hitColumns+` FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id = $1 AND e.n = $2`, article, n), &h)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Hit{}, fmt.Errorf("%w: event %s", store.ErrNotFound, id)
	}
	if err != nil {
		return store.Hit{}, s.wrap("reading an event", err)
	}
	return h, nil
}

const articleColumns = `id, title, source, url, published, format, origin, n_events, n_mentions`

func scanArticle(row pgx.Row, info *store.ArticleInfo, extra ...any) error {
	var pub *time.Time
	var format string
	dest := append([]any{&info.ID, &info.Title, &info.Source, &info.URL, &pub, &format, &info.Origin, &info.Events, &info.Mentions}, extra...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	info.Format = model.Format(format)
	if pub != nil {
		info.Published = pub.UTC()
	}
	return nil
}

// Article returns an article with its text and mentions.
func (s *Store) Article(ctx context.Context, id string) (store.ArticleInfo, []model.Mention, error) {
	var info store.ArticleInfo
	var ms []model.Mention
	err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+articleColumns+`, body, mentions FROM articles WHERE id = $1`, id), &info, &info.Text, &ms)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ArticleInfo{}, nil, fmt.Errorf("%w: article %s", store.ErrNotFound, id)
	}
	if err != nil {
		return store.ArticleInfo{}, nil, s.wrap("reading an article", err)
	}
	if len(ms) == 0 {
		ms = nil
	}
	return info, ms, nil
}

// HasArticle reports whether an article with this ID is stored.
func (s *Store) HasArticle(id string) bool {
	var found bool
	err := s.pool.QueryRow(context.Background(), `SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1)`, id).Scan(&found)
	return err == nil && found
}

// Articles calls fn for every stored article (without its text), in ID
// order, until it returns false.
func (s *Store) Articles(ctx context.Context, fn func(store.ArticleInfo) bool) error {
	rows, err := s.pool.Query(ctx, `SELECT `+articleColumns+` FROM articles ORDER BY id`)
	if err != nil {
		return s.wrap("reading articles", err)
	}
	var infos []store.ArticleInfo
	for rows.Next() {
		var info store.ArticleInfo
		if err := scanArticle(rows, &info); err != nil {
			rows.Close()
			return s.wrap("reading articles", err)
		}
		infos = append(infos, info)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.wrap("reading articles", err)
	}
	for _, info := range infos {
		if !fn(info) {
			break
		}
	}
	return nil
}

// Place returns a stored place.
func (s *Store) Place(ctx context.Context, id string) (model.Place, error) {
	var p model.Place
	err := s.pool.QueryRow(ctx, `SELECT doc FROM places WHERE id = $1`, id).Scan(&p)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Place{}, fmt.Errorf("%w: place %s", store.ErrNotFound, id)
	}
	if err != nil {
		return model.Place{}, s.wrap("reading a place", err)
	}
	return p, nil
}

// Corrections returns the corrections made in an article, by span order.
func (s *Store) Corrections(ctx context.Context, articleID string) ([]store.Correction, error) {
	rows, err := s.pool.Query(ctx, `SELECT doc FROM corrections WHERE article_id = $1 ORDER BY span_start, span_end`, articleID)
	if err != nil {
		return nil, s.wrap("reading corrections", err)
	}
	defer rows.Close()
	var out []store.Correction
	for rows.Next() {
		var c store.Correction
		if err := rows.Scan(&c); err != nil {
			return nil, s.wrap("reading corrections", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("reading corrections", err)
	}
	return out, nil
}

// PreferredSenses returns the places the user chose for names in articles
// from a source, keyed by the lower-cased name.
func (s *Store) PreferredSenses(ctx context.Context, source string) (map[string]model.Place, error) {
	out, err := readSenses(ctx, s.pool, model.OneLine(source))
	if err != nil {
		return nil, s.wrap("reading preferred senses", err)
	}
	return out, nil
}

// Stats returns the store's totals. A database error gives zero totals
// (and is logged).
func (s *Store) Stats() store.Stats {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var st store.Stats
	var articles, events, undated int64
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles),
		(SELECT coalesce(sum(n), 0) FROM day_counts),
		(SELECT coalesce(sum(n), 0) FROM day_counts WHERE day = $1)`, int64(undatedDay)).Scan(&articles, &events, &undated)
	if err != nil {
		s.log.Warn("pgstore: reading the totals", "db", s.name, "err", err)
		return st
	}
	return store.Stats{Articles: int(articles), Events: int(events), Undated: int(undated)}
}

// eventID is the ID of an article's n-th event, as store.Prepare makes it.
func eventID(article string, n int) string { return fmt.Sprintf("%s-%04d", article, n) }

// splitEventID is the inverse of eventID.
func splitEventID(id string) (string, int, bool) {
	i := strings.LastIndexByte(id, '-')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil && n >= 0
}

// SourceHistory returns, for the articles stored from a source, the places
// their mentions were given: lower-cased name to place ID to the number of
// those articles with a mention of the name at the place, as
// store.Store.SourceHistory does (store.CountHistory says what counts). The
// articles are found through the index on their source.
func (s *Store) SourceHistory(ctx context.Context, source string) (map[string]map[string]int, error) {
	source = model.OneLine(source)
	// lower(source) is what the index holds; the exact test follows it.
	rows, err := s.pool.Query(ctx, `SELECT a.id, m->>'name', m->'place'->>'id'
		FROM articles a CROSS JOIN LATERAL jsonb_array_elements(a.mentions) m
		WHERE lower(a.source) = lower($1) AND a.source = $1
		ORDER BY a.id`, source)
	if err != nil {
		return nil, s.wrap("reading a source's history", err)
	}
	defer rows.Close()
	out := map[string]map[string]int{}
	var cur string
	var ms []model.Mention
	for rows.Next() {
		var id string
		var name, place *string
		if err := rows.Scan(&id, &name, &place); err != nil {
			return nil, s.wrap("reading a source's history", err)
		}
		if id != cur {
			store.CountHistory(out, ms, 1)
			cur, ms = id, ms[:0]
		}
		if name != nil && place != nil {
			ms = append(ms, model.Mention{Name: *name, Place: model.Place{ID: *place}})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("reading a source's history", err)
	}
	store.CountHistory(out, ms, 1)
	return out, nil
}
