package pgstore_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/pgstore"
	"eventmap/data/pgstore/pgtest"
	"eventmap/data/store"
	"eventmap/data/store/storetest"
)

// BenchmarkMillion loads 1,000,000 synthetic events into a PostGIS
// database with two writers (each with its own connections, as two
// machines), then times the queries the window and the CLI make. Run it
// beside a durable throwaway cluster:
//
//	EVENTMAP_PG_DURABLE=1 .ci/with-postgis go test -run '^$' -bench Million -benchtime 1x ./data/pgstore/
//
// Each reports medians (ms) as custom metrics; the README's table lists them.
func BenchmarkMillion(b *testing.B) {
	if b.N > 1 {
		b.Skip("run with -benchtime 1x")
	}
	const (
		events     = 1_000_000
		perArticle = 10
		articles   = 1000 // 10k events per transaction
		workers    = 2
	)
	ctx := context.Background()
	db := pgtest.NewDB(b)
	batches := events / (perArticle * articles)
	// The records are made before the clock starts.
	all := make([][]store.Record, batches)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range all {
		all[i] = storetest.SynthBatch(rng, i, articles, perArticle)
	}
	stores := make([]*pgstore.Store, workers)
	for w := range stores {
		s, err := pgstore.Open(ctx, db, pgstore.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		stores[w] = s
	}
	s := stores[0]

	b.Run("ingest-2-workers", func(b *testing.B) {
		srv0, self0 := serverCPU(ctx, s), selfCPU()
		t0 := time.Now()
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < batches; i += workers {
					if _, err := stores[w].PutBatch(ctx, all[i], store.PutOptions{}); err != nil {
						errs[w] = err
						return
					}
				}
			}()
		}
		wg.Wait()
		took := time.Since(t0)
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(events/took.Seconds(), "events/s")
		// CPU time per event, of the server and of the writers: two
		// free cores could ingest at most 2 / (their sum) events/s.
		srv, self := serverCPU(ctx, s)-srv0, selfCPU()-self0
		if srv > 0 {
			b.ReportMetric(float64(srv.Microseconds())/events, "server-cpu-µs/event")
			b.ReportMetric(float64(self.Microseconds())/events, "client-cpu-µs/event")
			b.ReportMetric(2/(srv+self).Seconds()*events, "events/s-on-2-free-cores")
		}
	})
	if st := s.Stats(); st.Events != events {
		b.Fatalf("the database has %d events", st.Events)
	}
	if _, err := s.Pool().Exec(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	start := storetest.Day("2000-01-01")
	var plan []string
	rows, err := s.Pool().Query(ctx, `EXPLAIN ANALYZE SELECT e.article_id, e.n FROM events e JOIN articles a ON a.id = e.article_id
		WHERE e.geom && ST_MakeEnvelope(10, 10, 46, 28, 4326) AND e.t >= '2010-01-01' AND e.t < '2012-07-01' ORDER BY e.t, e.article_id, e.n`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			b.Fatal(err)
		}
		plan = append(plan, line)
	}
	rows.Close()
	b.Logf("a box × time search:\n%s", strings.Join(plan, "\n"))

	b.Run("query-bbox-time", func(b *testing.B) {
		// 36°×18° is 1% of the world, 2.5 years 10% of the time: ~1k events.
		var per []time.Duration
		total := 0
		c0 := serverCPU(ctx, s) + selfCPU()
		for range 200 {
			lon, lat := rng.Float64()*324-180, rng.Float64()*162-90
			from := start.AddDate(rng.IntN(22), 0, 0)
			box := orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + 36, lat + 18}}
			t0 := time.Now()
			hits, err := s.Events(ctx, store.Query{Bound: &box, From: from, To: from.AddDate(2, 6, 0)})
			per = append(per, time.Since(t0))
			if err != nil {
				b.Fatal(err)
			}
			total += len(hits)
		}
		b.ReportMetric(median(per), "ms-median")
		reportCPU(b, ctx, s, c0, 200)
		b.ReportMetric(float64(total)/200, "events/query")
	})

	b.Run("histogram-all", func(b *testing.B) {
		var per []time.Duration
		c0 := serverCPU(ctx, s) + selfCPU()
		for i := range 200 {
			t0 := time.Now()
			bs, err := s.Histogram(ctx, store.Query{}, store.Interval(i%4))
			per = append(per, time.Since(t0))
			if err != nil || len(bs) == 0 {
				b.Fatal(err)
			}
		}
		b.ReportMetric(median(per), "ms-median")
		reportCPU(b, ctx, s, c0, 200)
	})

	b.Run("histogram-bbox", func(b *testing.B) {
		var per []time.Duration
		for range 20 {
			box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{36, 18}}
			t0 := time.Now()
			if _, err := s.Histogram(ctx, store.Query{Bound: &box}, store.ByMonth); err != nil {
				b.Fatal(err)
			}
			per = append(per, time.Since(t0))
		}
		b.ReportMetric(median(per), "ms-median")
	})

	b.Run("scan-points", func(b *testing.B) {
		var per []time.Duration
		for range 3 {
			n := 0
			t0 := time.Now()
			if err := s.ScanPoints(ctx, func(store.EventPoint) bool { n++; return true }); err != nil {
				b.Fatal(err)
			}
			per = append(per, time.Since(t0))
			if n != events {
				b.Fatalf("scanned %d events", n)
			}
		}
		b.ReportMetric(median(per), "ms-median")
	})
}

// reportCPU reports the mean CPU time (server and this process) of n
// operations since c0.
func reportCPU(b *testing.B, ctx context.Context, s *pgstore.Store, c0 time.Duration, n int) {
	if c0 == 0 {
		return
	}
	c := serverCPU(ctx, s) + selfCPU() - c0
	b.ReportMetric(float64(c.Microseconds())/1000/float64(n), "cpu-ms/op")
}

func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2]) / float64(time.Millisecond)
}
