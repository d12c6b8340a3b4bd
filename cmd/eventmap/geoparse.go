package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"eventmap/data/article"
	"eventmap/data/ingest"
	"eventmap/data/model"
	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse"
)

// placeJSON is a place as "eventmap geoparse --json" prints it.
type placeJSON struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Kind        string  `json:"kind"`
	FeatureCode string  `json:"feature_code"`
	Country     string  `json:"country"`
	Admin1      string  `json:"admin1"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Population  int64   `json:"population"`
}

type alternativeJSON struct {
	Place      placeJSON `json:"place"`
	Confidence float64   `json:"confidence"`
}

type mentionJSON struct {
	Start        int               `json:"start"`
	End          int               `json:"end"`
	Text         string            `json:"text"`
	Place        placeJSON         `json:"place"`
	Confidence   float64           `json:"confidence"`
	Alternatives []alternativeJSON `json:"alternatives"`
	Demonym      bool              `json:"demonym,omitempty"`
}

type eventJSON struct {
	Mention       int       `json:"mention"`
	Place         placeJSON `json:"place"`
	SentenceStart int       `json:"sentence_start"`
	SentenceEnd   int       `json:"sentence_end"`
	Date          string    `json:"date,omitempty"` // YYYY-MM-DD, or "" when undated
	Precision     string    `json:"precision"`
	DateText      string    `json:"date_text,omitempty"`
}

type geoparseJSON struct {
	Date     string        `json:"date,omitempty"`
	Mentions []mentionJSON `json:"mentions"`
	Events   []eventJSON   `json:"events"`
}

func toPlaceJSON(p gazetteer.Place) placeJSON {
	return placeJSON{ID: p.ID, Name: p.Name, Kind: p.Kind.String(), FeatureCode: p.FeatureCode, Country: p.Country,
		Admin1: p.Admin1, Lat: p.Point.Lat(), Lon: p.Point.Lon(), Population: p.Population}
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func toGeoparseJSON(r *geoparse.Result) geoparseJSON {
	out := geoparseJSON{Date: dateString(r.Date), Mentions: []mentionJSON{}, Events: []eventJSON{}}
	for _, m := range r.Mentions {
		out.Mentions = append(out.Mentions, toMentionJSON(m))
	}
	for _, ev := range r.Events {
		out.Events = append(out.Events, toEventJSON(ev))
	}
	return out
}

func toMentionJSON(m geoparse.Mention) mentionJSON {
	mj := mentionJSON{Start: m.Start, End: m.End, Text: m.Text, Place: toPlaceJSON(m.Place), Confidence: m.Confidence,
		Alternatives: []alternativeJSON{}, Demonym: m.Demonym}
	for _, a := range m.Alternatives {
		mj.Alternatives = append(mj.Alternatives, alternativeJSON{Place: toPlaceJSON(a.Place), Confidence: a.Confidence})
	}
	return mj
}

func toEventJSON(ev geoparse.Event) eventJSON {
	return eventJSON{Mention: ev.Mention, Place: toPlaceJSON(ev.Place), SentenceStart: ev.Sentence.Start,
		SentenceEnd: ev.Sentence.End, Date: dateString(ev.Date), Precision: ev.Precision.String(), DateText: ev.DateText}
}

// writeGeoparseJSON writes what toGeoparseJSON would give, indented as
// json.Encoder with SetIndent("", "  ") does, one mention and one event at a
// time: the result of a long text is not copied whole into JSON values and
// then into one buffer.
func writeGeoparseJSON(w io.Writer, r *geoparse.Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n")
	if d := dateString(r.Date); d != "" {
		fmt.Fprintf(bw, "  \"date\": %q,\n", d)
	}
	list := func(name string, n int, item func(int) any, last bool) error {
		fmt.Fprintf(bw, "  %q: [", name)
		for i := range n {
			b, err := json.MarshalIndent(item(i), "    ", "  ")
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n    ")
			bw.Write(b)
		}
		if n > 0 {
			bw.WriteString("\n  ")
		}
		bw.WriteString("]")
		if !last {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		return nil
	}
	if err := list("mentions", len(r.Mentions), func(i int) any { return toMentionJSON(r.Mentions[i]) }, false); err != nil {
		return err
	}
	if err := list("events", len(r.Events), func(i int) any { return toEventJSON(r.Events[i]) }, true); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

const geoparseUsage = "eventmap geoparse [--json] [--date YYYY-MM-DD] [--gazetteer FILE] [--db PATH|postgres://… [--source NAME]] FILE|-"

// readArticle reads the one article of a document as ingest reads it:
// the body of a page, a feed's item or a table's row, a text after its
// "date YYYY-MM-DD Title" line, with its date and source. A document the
// importers cannot read, or that holds no article or several, is an error
// naming it.
func readArticle(ctx context.Context, name string, b []byte) (model.Article, error) {
	var arts []model.Article
	var bad error
	err := article.NewSet(article.Options{}).Import(ctx, article.Input{Name: name, R: bytes.NewReader(b)}, func(it article.Item) bool {
		if it.Err != nil {
			bad = cmp.Or(bad, it.Err)
		} else {
			arts = append(arts, it.Article)
		}
		return len(arts) < 2
	})
	switch {
	case err != nil:
		return model.Article{}, err
	case len(arts) > 1:
		return model.Article{}, fmt.Errorf("%s holds several articles (%s); geoparse reads one: import them with ingest, or give one article", name, arts[0].Format)
	case len(arts) == 0 && bad != nil:
		return model.Article{}, bad
	case len(arts) == 0:
		return model.Article{}, fmt.Errorf("%s: no article in it", name)
	}
	return arts[0], nil
}

// readMemory reads, read-only, what the database at db remembers of a
// source: the user's corrections and the places its stored articles were
// given, as ingest reads them. When a, the article being geoparsed, is
// stored already, its own places are left out (as ingest --replace
// does).
func readMemory(ctx context.Context, db, source string, a *model.Article) (ingest.Memory, error) {
	st, err := openDB(ctx, db, false)
	if err != nil {
		return ingest.Memory{}, err
	}
	defer st.Close()
	mem, err := ingest.ReadMemory(ctx, st, source)
	if err != nil {
		return ingest.Memory{}, fmt.Errorf("%s: %w", st.Path(), err)
	}
	if ar, ok := st.(ingest.ArticleReader); ok && a != nil && st.HasArticle(a.ID) {
		_, own, err := ar.Article(ctx, a.ID)
		if err != nil {
			return ingest.Memory{}, fmt.Errorf("%s: %w", st.Path(), err)
		}
		mem = mem.Without(own)
	}
	return mem, nil
}

// withoutRejected drops the mentions of names the user said are not
// places in the source's articles (as ingest does), with their events.
func withoutRejected(res *geoparse.Result, mem ingest.Memory) {
	keep := make([]int, len(res.Mentions)) // new index of each mention, -1 when dropped
	ms := res.Mentions[:0]
	for i, m := range res.Mentions {
		keep[i] = -1
		if !mem.Rejected(m.Text) {
			keep[i] = len(ms)
			ms = append(ms, m)
		}
	}
	res.Mentions = ms
	evs := res.Events[:0]
	for _, ev := range res.Events {
		if ev.Mention >= 0 && ev.Mention < len(keep) && keep[ev.Mention] >= 0 {
			ev.Mention = keep[ev.Mention]
			evs = append(evs, ev)
		}
	}
	res.Events = evs
}

// memoryNote describes a memory in a line.
func memoryNote(source string, mem ingest.Memory) string {
	return fmt.Sprintf("source %q: %d name(s) corrected by hand, %d name(s) placed in earlier articles", source, len(mem.Senses), len(mem.Seen))
}

func runGeoparse(ctx context.Context, e env) int {
	fs := newFlagSet(e, "geoparse", geoparseUsage)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	dateFlag := fs.String("date", "", "the article's date, YYYY-MM-DD (default: the date the article gives, as ingest reads it, else the first full date near the top of its text)")
	noDemonyms := fs.Bool("no-demonyms", false, "leave adjectives and demonyms (\"Russian\") out")
	gazPath := gazetteerFlag(fs, e, false)
	db := fs.String("db", "", "read what this database (a BuntDB file or a postgres:// URL) remembers of the article's source: corrections and the places earlier articles were given, as ingest uses them")
	sourceFlag := fs.String("source", "", "the source whose memory --db gives (default: the source the importers read from the input, as ingest would store it)")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	sourceSet := false
	fs.Visit(func(f *flag.Flag) { sourceSet = sourceSet || f.Name == "source" })
	if sourceSet && *db == "" {
		fmt.Fprintln(e.stderr, "eventmap geoparse: --source needs --db, the database that remembers the source")
		return 2
	}
	var date time.Time
	if *dateFlag != "" {
		d, err := time.Parse("2006-01-02", *dateFlag)
		if err != nil {
			fmt.Fprintf(e.stderr, "eventmap geoparse: --date %q: want YYYY-MM-DD\n", *dateFlag)
			return 2
		}
		date = d
	}
	name := fs.Arg(0)
	in := article.Input{Name: "stdin", R: e.stdin}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(e.stderr, "eventmap geoparse:", safe(err.Error()))
			return 1
		}
		defer f.Close()
		in = article.Input{Name: name, R: f}
	}
	// Binary data fails from its first KiB, and reading stops at the
	// ingest limit: /dev/zero or an endless pipe cannot fill the memory.
	b, err := article.ReadDocument(in, article.DefaultMaxSize)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap geoparse:", safe(err.Error()))
		return 1
	}
	a, err := readArticle(ctx, in.Name, b)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap geoparse:", safe(err.Error()))
		return 1
	}
	if date.IsZero() {
		date = a.Published
	}
	g, u, err := openGazetteer(gazPath())
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap geoparse:", safe(err.Error()))
		return 1
	}
	defer u.Close()
	var mem ingest.Memory
	source := *sourceFlag
	if *db != "" {
		if !sourceSet {
			if a.Source == "" {
				fmt.Fprintf(e.stderr, "eventmap geoparse: %s: the source of the article is not known (no source, URL or site name in it): name it with --source\n", safe(in.Name))
				return 2
			}
			source = a.Source
		}
		stored := &a
		if a.Source != source {
			stored = nil // another source's article: not the one stored
		}
		if mem, err = readMemory(ctx, *db, source, stored); err != nil {
			fmt.Fprintln(e.stderr, "eventmap geoparse:", safe(err.Error()))
			return 1
		}
	}
	p := geoparse.New(g, geoparse.Options{NoDemonyms: *noDemonyms})
	res, err := p.ParseLong(ctx, a.Text, date, ingest.Hints(mem))
	if err != nil {
		fmt.Fprintf(e.stderr, "eventmap geoparse: %s: %v\n", safe(in.Name), err)
		return 1
	}
	withoutRejected(res, mem)
	if *asJSON {
		if err := writeGeoparseJSON(e.stdout, res); err != nil {
			fmt.Fprintln(e.stderr, "eventmap geoparse:", err)
			return 1
		}
		return 0
	}
	if *db != "" {
		fmt.Fprintln(e.stdout, memoryNote(source, mem))
	}
	if !res.Date.IsZero() {
		fmt.Fprintf(e.stdout, "article date: %s\n", res.Date.Format("2006-01-02"))
	}
	if *db != "" || !res.Date.IsZero() {
		fmt.Fprintln(e.stdout)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "START\tEND\tTEXT\tPLACE\tKIND\tCC\tLAT\tLON\tCONF\tRUNNERS-UP")
	for _, m := range res.Mentions {
		alts := ""
		for i, a := range m.Alternatives {
			if i > 0 {
				alts += "; "
			}
			alts += fmt.Sprintf("%s (%s) %.2f", a.Place.Name, whereIs(g, a.Place), a.Confidence)
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%.4f\t%.4f\t%.2f\t%s\n", m.Start, m.End, m.Text, m.Place.Name,
			m.Place.Kind, m.Place.Country, m.Place.Point.Lat(), m.Place.Point.Lon(), m.Confidence, alts)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout)
	tw = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tPRECISION\tPLACE\tSENTENCE\tFROM")
	for _, ev := range res.Events {
		d := "-"
		if !ev.Date.IsZero() {
			d = ev.Date.Format("2006-01-02")
		}
		from := ev.DateText
		if from == "" {
			from = "article date"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d-%d\t%s\n", d, ev.Precision, ev.Place.Name, ev.Sentence.Start, ev.Sentence.End, from)
	}
	tw.Flush()
	return 0
}

// whereIs names where a place lies for a reader telling namesakes apart:
// its admin-1 region and country ("Illinois, US"), or the country alone.
func whereIs(g *gazetteer.Gazetteer, p gazetteer.Place) string {
	if p.Admin1 == "" || p.Kind == gazetteer.KindAdmin1 || p.Kind == gazetteer.KindCountry {
		return p.Country
	}
	if a, err := g.Admin1(p.Country, p.Admin1); err == nil && a.Name != "" {
		return a.Name + ", " + p.Country
	}
	return p.Country
}
