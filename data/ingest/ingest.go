// Package ingest runs the import pipeline: it expands the inputs (files,
// folders, globs, stdin), reads articles from them (data/article), geoparses
// them in parallel, and writes the results to a store in batches from a
// single writer, reporting progress through a callback that the CLI and the
// UI share.
//
// The geoparser is reached through the Geoparser interface declared here,
// in terms of data/model values, so that this package does not depend on any
// one implementation (and geo/ does not depend on data/).
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"eventmap/data/article"
	"eventmap/data/model"
	"eventmap/data/store"
)

// Senses are the places a user prefers for names in articles from one
// source, keyed by lower-cased name (see store.PreferredSenses).
type Senses = map[string]model.Place

// History is what the stored articles of one source were given: the
// lower-cased name (keyed as Senses are) to the place ID to the number of
// those articles that have a mention of the name at the place (see
// store.SourceHistory).
type History = map[string]map[string]int

// Memory is what a store remembers of an article's source, handed to the
// geoparser with the article: the places the user chose by hand for names
// (Senses) and the places the source's stored articles were given
// (Seen). Either may be nil. It is shared between the articles of a
// source: a Geoparser reads it and never changes it.
type Memory struct {
	// Senses are the user's corrections: a geoparser should choose them
	// when the name is found (the store applies them afterwards anyway).
	Senses Senses
	// Seen is the source's history: a geoparser may lean towards the
	// places a name was given before, as evidence, not as a rule.
	Seen History
}

// Rejected reports whether the user said that name is not a place in the
// source's articles (a "not a place" correction): its mentions are
// dropped.
func (m Memory) Rejected(name string) bool {
	p, ok := m.Senses[store.SenseName(name)]
	return ok && store.IsNotAPlace(p)
}

// ReadMemory reads the memory of a source from a store: its preferred
// senses and its history.
func ReadMemory(ctx context.Context, st Store, source string) (Memory, error) {
	senses, err := st.PreferredSenses(ctx, source)
	if err != nil {
		return Memory{}, err
	}
	seen, err := st.SourceHistory(ctx, source)
	if err != nil {
		return Memory{}, err
	}
	return Memory{Senses: senses, Seen: seen}, nil
}

// Without returns the memory with the mentions of one stored article taken
// out of its history (see store.CountHistory), so that the article does not
// vote for its own places when it is geoparsed again. m is left as it is.
func (m Memory) Without(ms []model.Mention) Memory {
	if len(m.Seen) == 0 || len(ms) == 0 {
		return m
	}
	mine := History{}
	store.CountHistory(mine, ms, 1)
	seen := make(History, len(m.Seen))
	for name, byPlace := range m.Seen {
		if _, ok := mine[name]; !ok {
			seen[name] = byPlace // shared: not changed below
			continue
		}
		cp := make(map[string]int, len(byPlace))
		for id, n := range byPlace {
			cp[id] = n
		}
		seen[name] = cp
	}
	store.CountHistory(seen, ms, -1)
	m.Seen = seen
	return m
}

// Result is what a geoparser finds in one article.
type Result struct {
	// Mentions are the place names found, with the places chosen.
	Mentions []model.Mention
	// Events are the dated (or undated) events at those places. Their
	// Span names the mention their place comes from; IDs and ArticleID
	// are filled in by the store.
	Events []model.Event
}

// Geoparser finds places and events in an article. It must be safe for
// concurrent use: Run calls it from several goroutines. mem is what the
// store remembers of the article's source (the zero Memory when nothing).
type Geoparser interface {
	Parse(ctx context.Context, a model.Article, mem Memory) (Result, error)
}

// GeoparserFunc adapts a function to the Geoparser interface.
type GeoparserFunc func(ctx context.Context, a model.Article, mem Memory) (Result, error)

// Parse calls f.
func (f GeoparserFunc) Parse(ctx context.Context, a model.Article, mem Memory) (Result, error) {
	return f(ctx, a, mem)
}

// Defaults.
const (
	DefaultBatchEvents   = 10000
	DefaultBatchArticles = 1000
)

// Store is what Run writes to: a store (the BuntDB file of data/store or
// the PostGIS database of data/pgstore).
type Store interface {
	PutBatch(ctx context.Context, recs []store.Record, opts store.PutOptions) (store.PutResult, error)
	HasArticle(id string) bool
	PreferredSenses(ctx context.Context, source string) (map[string]model.Place, error)
	SourceHistory(ctx context.Context, source string) (map[string]map[string]int, error)
}

// Config sets up a Run.
type Config struct {
	// Store receives the articles. Required.
	Store Store
	// Geoparser finds places and events. Required.
	Geoparser Geoparser
	// Importers read the inputs; nil means article.NewSet(article.Options{}).
	Importers *article.Set
	// Workers is the number of geoparsing goroutines; 0 means GOMAXPROCS.
	Workers int
	// BatchEvents and BatchArticles cap a write batch; 0 means the
	// defaults. A batch is also written whenever the writer has caught up
	// with the geoparsers, so a slow geoparser's results are stored (and
	// acknowledged) as they come.
	BatchEvents, BatchArticles int
	// Replace re-geoparses and overwrites articles already stored
	// (corrections are applied again); otherwise they are skipped as
	// duplicates without being geoparsed.
	Replace bool
	// Stdin is read for the input "-"; nil means os.Stdin.
	Stdin io.Reader
	// Progress, if set, is called from the writer goroutine after each
	// write and at the end, at most every ProgressEvery (0: 100 ms) except
	// for the last call, whose Progress.Finished is true.
	Progress      func(Progress)
	ProgressEvery time.Duration
	// OnCommit, if set, is called with the IDs of the articles of each
	// batch once the batch is committed: those articles survive a crash.
	OnCommit func(ids []string)
	// Logger receives a line per failure; nil discards them.
	Logger *slog.Logger
}

// Progress is the state of a Run.
type Progress struct {
	// Inputs is the number of files (and stdin) to read; InputsRead of
	// them are read to the end.
	Inputs, InputsRead int
	// Bytes is their total size (0 when unknown, as for stdin) and
	// BytesRead how much has been read.
	Bytes, BytesRead int64
	// Read counts the articles read so far; Done those finished (stored,
	// duplicate or failed). Total estimates the number of articles from
	// the bytes read; it is exact once Reading is false.
	Read, Done, Total int
	// Stored, Duplicates, Failed and Events count the outcomes.
	Stored, Duplicates, Failed, Events int
	// Reading is true while inputs are still being read.
	Reading bool
	// Elapsed is the time since the start, Rate the articles done per
	// second, and ETA the estimated time left (-1 when unknown).
	Elapsed time.Duration
	Rate    float64
	ETA     time.Duration
	// Finished is set on the last call.
	Finished bool
}

// Fraction returns the share of the work done, in [0, 1].
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return 0
	}
	return min(1, float64(p.Done)/float64(p.Total))
}

// Failure is an input (or an entry of one, or an article) that could not be
// ingested, and why.
type Failure struct {
	Input string
	Err   error
}

// Error returns "input: cause" (the cause usually names the input already).
func (f Failure) Error() string {
	if strings.Contains(f.Err.Error(), f.Input) {
		return f.Err.Error()
	}
	return f.Input + ": " + f.Err.Error()
}

// Summary is the outcome of a Run.
type Summary struct {
	// Articles and Events count what was stored; Duplicates the articles
	// skipped as already stored.
	Articles, Events, Duplicates int
	// Formats counts the articles stored by the format they were read
	// from (text, markdown, html, feed …).
	Formats map[model.Format]int
	// Failures lists what could not be ingested, in input order.
	Failures []Failure
	// Skipped lists the files found in folders that no importer reads (by
	// their extension: a photo, a spreadsheet), in input order. They are
	// not failures, but the summary names them: nothing is left out
	// without a word.
	Skipped []string
	Elapsed time.Duration
}

// ArticleReader is a Store that reads an article back, as Reparse needs.
type ArticleReader interface {
	Article(ctx context.Context, id string) (store.ArticleInfo, []model.Mention, error)
}

// Reparse geoparses a stored article again and stores the result in its
// place, with the user's corrections and preferred senses applied, as
// after a correction was undone. The geoparser gets the memory of the
// article's source as it is now, less the article's own stored mentions:
// an article does not vote for its own places. cfg.Store must also be an
// ArticleReader.
func Reparse(ctx context.Context, cfg Config, articleID string) error {
	if cfg.Store == nil || cfg.Geoparser == nil {
		return errors.New("ingest: Config needs a Store and a Geoparser")
	}
	ar, ok := cfg.Store.(ArticleReader)
	if !ok {
		return fmt.Errorf("ingest: reparsing article %s: the store cannot read articles back", articleID)
	}
	info, ms, err := ar.Article(ctx, articleID)
	if err != nil {
		return fmt.Errorf("ingest: reparsing article %s: %w", articleID, err)
	}
	mem, err := ReadMemory(ctx, cfg.Store, info.Source)
	if err != nil {
		return fmt.Errorf("ingest: reparsing article %s: %w", articleID, err)
	}
	res, err := cfg.Geoparser.Parse(ctx, info.Article, mem.Without(ms))
	if err != nil {
		return fmt.Errorf("ingest: reparsing article %s: geoparsing: %w", articleID, err)
	}
	rec := store.Record{Article: info.Article, Mentions: res.Mentions, Events: res.Events}
	if err := store.Prepare(&rec); err != nil {
		return fmt.Errorf("ingest: reparsing article %s: %w", articleID, err)
	}
	if _, err := cfg.Store.PutBatch(ctx, []store.Record{rec}, store.PutOptions{Replace: true}); err != nil {
		return fmt.Errorf("ingest: reparsing article %s: %w", articleID, err)
	}
	return nil
}

// countFormats adds the articles of batch that were stored to the
// summary's counts by format.
func countFormats(sum *Summary, batch []store.Record, stored []string) {
	if len(stored) == 0 {
		return
	}
	if sum.Formats == nil {
		sum.Formats = make(map[model.Format]int)
	}
	kept := make(map[string]bool, len(stored))
	for _, id := range stored {
		kept[id] = true
	}
	for _, r := range batch {
		if kept[r.Article.ID] {
			sum.Formats[r.Article.Format]++
			delete(kept, r.Article.ID) // a duplicate in the same batch is not stored twice
		}
	}
}

// ErrNoInputs is returned when the inputs name no file.
var ErrNoInputs = errors.New("ingest: no input files")

// Expand turns command-line inputs into the files to read: a file as is,
// a folder by walking it (recursively, skipping hidden entries, keeping the
// files whose extension an importer reads), a glob by its matches, "-" as
// stdin. An input that matches nothing is a Failure, and so is a named
// pipe, socket or device found in a folder or by a glob (named on its own,
// it is read: a shell's <(command) is a pipe). The files of folders whose
// extension no importer reads come back as skipped.
func Expand(inputs []string, set *article.Set) (files, skipped []string, fails []Failure) {
	exts := map[string]bool{}
	for _, im := range set.Importers() {
		for _, e := range im.Extensions() {
			exts[e] = true
		}
	}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, in := range inputs {
		if in == "-" {
			add(in)
			continue
		}
		fi, err := os.Stat(in)
		if err != nil && strings.ContainsAny(in, "*?[") {
			matches, gerr := filepath.Glob(in)
			if gerr != nil {
				fails = append(fails, Failure{in, fmt.Errorf("ingest: %s: bad pattern: %w", in, gerr)})
				continue
			}
			if len(matches) == 0 {
				fails = append(fails, Failure{in, fmt.Errorf("ingest: %s: no file matches", in)})
			}
			sort.Strings(matches)
			for _, m := range matches {
				mfi, err := os.Stat(m)
				switch {
				case err != nil || mfi.IsDir():
				case !mfi.Mode().IsRegular():
					fails = append(fails, Failure{m, fmt.Errorf("ingest: %s: %w", m, article.ErrNotRegular)})
				default:
					add(m)
				}
			}
			continue
		}
		if err != nil {
			fails = append(fails, Failure{in, fmt.Errorf("ingest: %w", err)})
			continue
		}
		if !fi.IsDir() {
			add(in)
			continue
		}
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fails = append(fails, Failure{p, fmt.Errorf("ingest: %w", err)})
				return nil
			}
			if p != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !exts[strings.ToLower(filepath.Ext(p))] {
				skipped = append(skipped, p)
				return nil
			}
			if !d.Type().IsRegular() {
				// A named pipe would block the read for ever; a socket or
				// device is no article. A link is followed to a file.
				if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
					fails = append(fails, Failure{p, fmt.Errorf("ingest: %s: %w", p, article.ErrNotRegular)})
					return nil
				}
			}
			add(p)
			return nil
		})
		if err != nil {
			fails = append(fails, Failure{in, fmt.Errorf("ingest: %w", err)})
		}
	}
	return files, skipped, fails
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// job is an article on its way, or a failure to report.
type job struct {
	a    model.Article
	fail *Failure
	seq  int // input order, for sorting failures
}

// outcome is a geoparsed article, a duplicate, or a failure.
type outcome struct {
	rec  store.Record
	dup  bool
	fail *Failure
	seq  int
	// unread marks a failure of an input or entry, not of an article read.
	unread bool
}

// Run ingests the inputs into cfg.Store. It returns when everything is read
// and written, or when ctx is cancelled (then with ctx's error, after
// writing what was already geoparsed). Failures of inputs or articles do not
// stop it; they are listed in the Summary. The error is for what stops the
// run as a whole: no inputs, a cancelled context, or a store that cannot be
// written.
func Run(ctx context.Context, cfg Config, inputs []string) (Summary, error) {
	start := time.Now()
	if cfg.Store == nil || cfg.Geoparser == nil {
		return Summary{}, errors.New("ingest: Config needs a Store and a Geoparser")
	}
	set := cfg.Importers
	if set == nil {
		set = article.NewSet(article.Options{})
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	stdin := cfg.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	files, skipped, fails := Expand(inputs, set)
	var sum Summary
	sum.Failures, sum.Skipped = fails, skipped
	if len(files) == 0 {
		if len(fails) > 0 {
			return sum, fmt.Errorf("%w (%d input(s) failed)", ErrNoInputs, len(fails))
		}
		return sum, ErrNoInputs
	}
	var totalBytes int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && f != "-" {
			totalBytes += fi.Size()
		}
	}

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		bytesRead  atomic.Int64
		readCount  atomic.Int64
		inputsRead atomic.Int64
		reading    atomic.Bool
	)
	reading.Store(true)
	jobs := make(chan job, workers*4)
	outs := make(chan outcome, workers*4)

	// Reader: one goroutine reads the inputs in order.
	go func() {
		defer close(jobs)
		defer reading.Store(false)
		seq := 0
		send := func(j job) bool {
			select {
			case jobs <- j:
				return true
			case <-runCtx.Done():
				return false
			}
		}
		for _, f := range files {
			if runCtx.Err() != nil {
				return
			}
			yield := func(it article.Item) bool {
				seq++
				if it.Err != nil {
					return send(job{fail: &Failure{Input: f, Err: it.Err}, seq: seq})
				}
				readCount.Add(1)
				return send(job{a: it.Article, seq: seq})
			}
			var err error
			if f == "-" {
				err = set.Import(runCtx, article.Input{Name: "stdin", R: countingReader{stdin, &bytesRead}}, yield)
			} else {
				err = importFile(runCtx, set, f, &bytesRead, yield)
			}
			inputsRead.Add(1)
			if err != nil && runCtx.Err() == nil {
				seq++
				if !send(job{fail: &Failure{Input: f, Err: err}, seq: seq}) {
					return
				}
			}
		}
	}()

	// Geoparsers. They share one memory per source, read when the run
	// first meets the source.
	var wg sync.WaitGroup
	mems := &memories{st: cfg.Store, by: map[string]*memory{}}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				o := outcome{seq: j.seq, fail: j.fail, unread: j.fail != nil}
				if o.fail == nil {
					o = geoparse(runCtx, cfg, j, mems)
				}
				select {
				case outs <- o:
				case <-runCtx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(outs) }()

	// The writer: this goroutine.
	bEvents, bArticles := cfg.BatchEvents, cfg.BatchArticles
	if bEvents <= 0 {
		bEvents = DefaultBatchEvents
	}
	if bArticles <= 0 {
		bArticles = DefaultBatchArticles
	}
	every := cfg.ProgressEvery
	if every <= 0 {
		every = 100 * time.Millisecond
	}
	var (
		batch      []store.Record
		batchEv    int
		p          Progress
		lastReport time.Time
		writeErr   error
		unread     int // failures that are not articles read (inputs, bad entries)
	)
	p.Inputs, p.Bytes = len(files), totalBytes
	report := func(final bool) {
		if cfg.Progress == nil {
			return
		}
		now := time.Now()
		if !final && now.Sub(lastReport) < every {
			return
		}
		lastReport = now
		p.InputsRead = int(inputsRead.Load())
		p.BytesRead = bytesRead.Load()
		p.Read = int(readCount.Load())
		p.Reading = reading.Load() && !final
		p.Elapsed = now.Sub(start)
		p.Finished = final
		p.Total = p.Read + unread
		if p.Reading && p.BytesRead > 0 && p.Bytes > p.BytesRead {
			p.Total = int(float64(p.Read)*float64(p.Bytes)/float64(p.BytesRead)) + unread
		}
		p.Total = max(p.Total, p.Done)
		p.Rate = 0
		if s := p.Elapsed.Seconds(); s > 0 {
			p.Rate = float64(p.Done) / s
		}
		p.ETA = -1
		if p.Rate > 0 {
			p.ETA = time.Duration(float64(p.Total-p.Done) / p.Rate * float64(time.Second))
		}
		if final {
			p.ETA = 0
		}
		cfg.Progress(p)
	}
	flush := func() {
		if len(batch) == 0 || writeErr != nil {
			return
		}
		res, err := cfg.Store.PutBatch(context.WithoutCancel(ctx), batch, store.PutOptions{Replace: cfg.Replace})
		if err != nil {
			writeErr = err
			cancel()
			return
		}
		sum.Articles += len(res.Stored)
		countFormats(&sum, batch, res.Stored)
		sum.Events += res.Events
		sum.Duplicates += len(res.Duplicates)
		p.Stored += len(res.Stored)
		p.Events += res.Events
		p.Duplicates += len(res.Duplicates)
		p.Done += len(batch)
		if cfg.OnCommit != nil && len(res.Stored) > 0 {
			cfg.OnCommit(res.Stored)
		}
		// Cleared, not just cut: the array would otherwise keep the
		// stored records (a long article's text, mentions and events)
		// until later ones overwrite them.
		clear(batch)
		batch, batchEv = batch[:0], 0
		report(false)
	}
	var itemFails []outcome
	for o := range outs {
		switch {
		case o.fail != nil:
			itemFails = append(itemFails, o)
			p.Failed++
			p.Done++
			if o.unread {
				unread++
			}
			log.Warn("ingest: failed", "input", o.fail.Input, "err", o.fail.Err)
		case o.dup:
			sum.Duplicates++
			p.Duplicates++
			p.Done++
		default:
			if writeErr == nil {
				batch = append(batch, o.rec)
				batchEv += len(o.rec.Events)
			}
		}
		if len(batch) >= bArticles || batchEv >= bEvents || len(outs) == 0 {
			flush()
		}
		report(false)
	}
	flush()
	sort.SliceStable(itemFails, func(i, j int) bool { return itemFails[i].seq < itemFails[j].seq })
	for _, o := range itemFails {
		sum.Failures = append(sum.Failures, *o.fail)
	}
	sum.Elapsed = time.Since(start)
	report(true)
	if writeErr != nil {
		return sum, fmt.Errorf("ingest: %w", writeErr)
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, nil
}

func importFile(ctx context.Context, set *article.Set, path string, n *atomic.Int64, yield func(article.Item) bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer f.Close()
	return set.Import(ctx, article.Input{Name: path, R: countingReader{f, n}}, yield)
}

// memories are the memories of the sources a Run meets, each read from
// the store once, when the first article of the source is geoparsed; the
// workers share them. So every article of a source in one run sees the
// store as it was before the run wrote any article of that source: the
// articles of one run never see each other, whatever order the workers
// take them in, and a run gives the same places however many workers it
// has. A source whose memory could not be read is tried again with its
// next article (the failed article is reported).
type memories struct {
	st Store
	mu sync.Mutex
	by map[string]*memory
}

// memory is one source's memory, read once.
type memory struct {
	mu   sync.Mutex // held while it is read
	read bool
	mem  Memory
}

// get returns the memory of source, reading it on first use. The workers
// that meet the source meanwhile wait for that read.
func (ms *memories) get(ctx context.Context, source string) (Memory, error) {
	source = model.OneLine(source) // as the store keys it
	ms.mu.Lock()
	m := ms.by[source]
	if m == nil {
		m = &memory{}
		ms.by[source] = m
	}
	ms.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.read {
		mem, err := ReadMemory(ctx, ms.st, source)
		if err != nil {
			return Memory{}, err
		}
		m.mem, m.read = mem, true
	}
	return m.mem, nil
}

// geoparse turns a read article into an outcome.
func geoparse(ctx context.Context, cfg Config, j job, mems *memories) outcome {
	a := j.a
	stored := cfg.Store.HasArticle(a.ID)
	if !cfg.Replace && stored {
		return outcome{dup: true, seq: j.seq}
	}
	fail := func(err error) outcome {
		return outcome{fail: &Failure{Input: a.Origin, Err: err}, seq: j.seq}
	}
	mem, err := mems.get(ctx, a.Source)
	if err != nil {
		return fail(fmt.Errorf("ingest: %s: reading what the store remembers of source %q: %w", a.Origin, a.Source, err))
	}
	if stored {
		// Replaced: the stored version is in the memory; it must not
		// vote for itself (as in Reparse).
		if ar, ok := cfg.Store.(ArticleReader); ok {
			_, own, err := ar.Article(ctx, a.ID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return fail(fmt.Errorf("ingest: %s: %w", a.Origin, err))
			}
			mem = mem.Without(own)
		}
	}
	res, err := cfg.Geoparser.Parse(ctx, a, mem)
	if err != nil {
		return fail(fmt.Errorf("ingest: %s: geoparsing: %w", a.Origin, err))
	}
	rec := store.Record{Article: a, Mentions: res.Mentions, Events: res.Events}
	if err := store.Prepare(&rec); err != nil {
		return fail(fmt.Errorf("ingest: %s: %w", a.Origin, err))
	}
	return outcome{rec: rec, seq: j.seq}
}
