package store

import (
	"bufio"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
)

// The million-event benchmarks. Run them with
//
//	go test -run '^$' -bench Million -benchtime 1x ./data/store/
//
// Each reports medians (ms) as custom metrics; the README's table lists them.

const (
	benchEvents        = 1_000_000
	benchPerArticle    = 10
	benchBatchArticles = 1000 // 10k events per transaction
)

var benchStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

const benchYears = 25

// synthRecords returns the records of batch i: articles with events at
// random points of the world and random days of 2000–2024.
func synthRecords(rng *rand.Rand, batch int) []Record {
	recs := make([]Record, benchBatchArticles)
	span := float64(benchYears * 365 * 86400)
	for a := range recs {
		n := batch*benchBatchArticles + a
		text := "Synthetic article " + strconv.Itoa(n) + " about events in many places."
		r := Record{Article: model.Article{ID: model.ContentID(text), Title: "Article " + strconv.Itoa(n), Source: "synthetic", Text: text, Format: model.FormatText}}
		for e := range benchPerArticle {
			p := model.Place{ID: "gn:" + strconv.Itoa(rng.IntN(50000)), Name: "Place", Point: orb.Point{rng.Float64()*360 - 180, rng.Float64()*180 - 90}}
			sp := model.Span{Start: e, End: e + 1}
			if e < 2 {
				r.Mentions = append(r.Mentions, model.Mention{Span: sp, Name: p.Name, Place: p, Confidence: 0.5})
			}
			t := benchStart.Add(time.Duration(rng.Float64()*span) * time.Second).Truncate(24 * time.Hour)
			r.Events = append(r.Events, model.Event{Span: sp, PlaceID: p.ID, PlaceName: p.Name, Point: p.Point, Time: t, Precision: model.Day, Snippet: "Something happened here."})
		}
		recs[a] = r
	}
	return recs
}

func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2]) / float64(time.Millisecond)
}

// rssMB returns the resident memory of the process in MB (Linux), or the Go
// runtime's view elsewhere.
func rssMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
				return float64(kb) / 1024
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.Sys) / (1 << 20)
}

func BenchmarkMillion(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	path := filepath.Join(dir, "million.db")
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { s.Close() }()
	rng := rand.New(rand.NewPCG(1, 2))
	batches := benchEvents / (benchPerArticle * benchBatchArticles)

	b.Run("ingest", func(b *testing.B) {
		b.ReportAllocs()
		if b.N > 1 {
			b.Skip("run with -benchtime 1x")
		}
		var took time.Duration
		var per []time.Duration
		c0 := processCPU()
		for i := range batches {
			recs := synthRecords(rng, i)
			t0 := time.Now()
			if _, err := s.PutBatch(ctx, recs, PutOptions{}); err != nil {
				b.Fatal(err)
			}
			d := time.Since(t0)
			took += d
			per = append(per, d)
		}
		b.ReportMetric(float64(benchEvents)/took.Seconds(), "events/s")
		// The CPU time includes making the records.
		b.ReportMetric(float64((processCPU()-c0).Microseconds())/benchEvents, "cpu-µs/event")
		b.ReportMetric(median(per), "ms/batch-median")
		runtime.GC()
		b.ReportMetric(rssMB(), "rss-MB")
		fi, _ := os.Stat(path)
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
	})
	if s.Stats().Events != benchEvents {
		b.Fatalf("store has %d events; run the ingest sub-benchmark first", s.Stats().Events)
	}

	b.Run("query-bbox-time", func(b *testing.B) {
		b.ReportAllocs()
		// 36°×18° is 1% of the world, 2.5 years 10% of the time: ~1k events.
		var per, cpu []time.Duration
		total := 0
		n := max(b.N, 200) // enough queries for a median under -benchtime 1x
		// The machine is shared: the CPU time of the query's thread is
		// reported beside the wall-clock time.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		for i := 0; i < n; i++ {
			lon, lat := rng.Float64()*324-180, rng.Float64()*162-90
			from := benchStart.AddDate(rng.IntN(benchYears-3), 0, 0)
			box := orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + 36, lat + 18}}
			c0 := threadCPU()
			t0 := time.Now()
			hits, err := s.Events(ctx, Query{Bound: &box, From: from, To: from.AddDate(2, 6, 0)})
			per = append(per, time.Since(t0))
			cpu = append(cpu, threadCPU()-c0)
			if err != nil {
				b.Fatal(err)
			}
			total += len(hits)
		}
		b.ReportMetric(median(per), "ms-median")
		b.ReportMetric(median(cpu), "thread-cpu-ms-median")
		b.ReportMetric(float64(total)/float64(n), "events/query")
	})

	b.Run("histogram-all", func(b *testing.B) {
		b.ReportAllocs()
		var per []time.Duration
		for i := 0; i < max(b.N, 200); i++ {
			t0 := time.Now()
			bs, err := s.Histogram(ctx, Query{}, Interval(i%4))
			per = append(per, time.Since(t0))
			if err != nil || len(bs) == 0 {
				b.Fatal(err)
			}
		}
		b.ReportMetric(median(per), "ms-median")
	})

	b.Run("histogram-scan-bbox", func(b *testing.B) {
		// For comparison: a histogram that must search (a box of 1%).
		b.ReportAllocs()
		var per []time.Duration
		for i := 0; i < max(b.N, 20); i++ {
			box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{36, 18}}
			t0 := time.Now()
			if _, err := s.Histogram(ctx, Query{Bound: &box}, ByMonth); err != nil {
				b.Fatal(err)
			}
			per = append(per, time.Since(t0))
		}
		b.ReportMetric(median(per), "ms-median")
	})

	b.Run("reopen", func(b *testing.B) {
		// As the window opens it: the file with its spatial index, then
		// every event's position for the map (ScanPoints).
		var per, usable, cpu []time.Duration
		for i := 0; i < max(b.N, 3); i++ {
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			c0 := processCPU()
			t0 := time.Now()
			s, err = Open(path, Options{})
			per = append(per, time.Since(t0))
			cpu = append(cpu, processCPU()-c0)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			s.ScanPoints(ctx, func(EventPoint) bool { n++; return true })
			usable = append(usable, time.Since(t0))
			if n != benchEvents {
				b.Fatalf("scanned %d events", n)
			}
		}
		if got := s.Stats().Events; got != benchEvents {
			b.Fatalf("reopened store has %d events", got)
		}
		b.ReportMetric(median(per), "ms-median")
		b.ReportMetric(median(usable), "with-scan-ms-median")
		b.ReportMetric(median(cpu), "open-cpu-ms-median")
		runtime.GC()
		b.ReportMetric(rssMB(), "rss-MB")
	})

	b.Run("reopen-window", func(b *testing.B) {
		// As the window opens it: the file without its spatial index,
		// then every event's position for the map (ScanPoints) while the
		// index is built in the background; until both are done.
		var per, cpu []time.Duration
		for i := 0; i < max(b.N, 3); i++ {
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			c0 := processCPU()
			t0 := time.Now()
			s, err = Open(path, Options{DeferIndexes: true})
			if err != nil {
				b.Fatal(err)
			}
			built := make(chan error, 1)
			go func() { built <- s.BuildIndexes() }()
			n := 0
			s.ScanPoints(ctx, func(EventPoint) bool { n++; return true })
			if err := <-built; err != nil {
				b.Fatal(err)
			}
			per = append(per, time.Since(t0))
			cpu = append(cpu, processCPU()-c0)
			if n != benchEvents {
				b.Fatalf("scanned %d events", n)
			}
		}
		b.ReportMetric(median(per), "ms-median")
		// On two cores, scanning and building run side by side.
		b.ReportMetric(median(cpu), "cpu-ms-median")
	})

	b.Run("reopen-deferred-indexes", func(b *testing.B) {
		// As "eventmap ingest" opens it: no spatial index; then every
		// event's position (ScanPoints), for comparison.
		var per, scans []time.Duration
		for i := 0; i < max(b.N, 3); i++ {
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			t0 := time.Now()
			s, err = Open(path, Options{DeferIndexes: true})
			per = append(per, time.Since(t0))
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			n := 0
			s.ScanPoints(ctx, func(EventPoint) bool { n++; return true })
			scans = append(scans, time.Since(t1))
			if n != benchEvents {
				b.Fatalf("scanned %d events", n)
			}
		}
		b.ReportMetric(median(per), "ms-median")
		b.ReportMetric(median(scans), "scan-ms-median")
	})
}

// BenchmarkPutBatch measures one 10k-event batch into a store of growing size.
func BenchmarkPutBatch(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "b.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		recs := synthRecords(rng, i)
		b.StartTimer()
		if _, err := s.PutBatch(context.Background(), recs, PutOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*benchPerArticle*benchBatchArticles)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkMillionIngestDeferredIndexes ingests the million events into a
// store opened with DeferIndexes, as "eventmap ingest" and the window do,
// then builds the spatial indexes (which the first box search would do).
func BenchmarkMillionIngestDeferredIndexes(b *testing.B) {
	if b.N > 1 {
		b.Skip("run with -benchtime 1x")
	}
	ctx := context.Background()
	s, err := Open(filepath.Join(b.TempDir(), "million.db"), Options{DeferIndexes: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	batches := benchEvents / (benchPerArticle * benchBatchArticles)
	var took time.Duration
	for i := range batches {
		recs := synthRecords(rng, i)
		t0 := time.Now()
		if _, err := s.PutBatch(ctx, recs, PutOptions{}); err != nil {
			b.Fatal(err)
		}
		took += time.Since(t0)
	}
	b.ReportMetric(float64(benchEvents)/took.Seconds(), "events/s")
	t0 := time.Now()
	if err := s.BuildIndexes(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(t0).Milliseconds()), "index-build-ms")
}
