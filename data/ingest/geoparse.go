package ingest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/gazetteer"
	gp "eventmap/geo/geoparse"
	"eventmap/geo/geoparse/timex"
)

// PlaceOf converts a gazetteer place to the stored form. GeoNames places
// get the ID "gn:<geonameid>"; the project's curated places, which have
// negative IDs, get "gz:<n>".
func PlaceOf(p gazetteer.Place) model.Place {
	id := fmt.Sprintf("gn:%d", p.ID)
	if p.ID < 0 {
		id = fmt.Sprintf("gz:%d", -p.ID)
	}
	mp := model.Place{ID: id, Name: p.Name, Kind: kindOf(p.Kind), Country: p.Country, Point: p.Point}
	if p.HasExtent() {
		mp.Extent = p.Bound
	}
	return mp
}

// kindOf folds the gazetteer's kinds into the store's coarse ones.
func kindOf(k gazetteer.Kind) model.PlaceKind {
	switch k {
	case gazetteer.KindSettlement:
		return model.KindCity
	case gazetteer.KindCountry:
		return model.KindCountry
	case gazetteer.KindAdmin1, gazetteer.KindAdmin2:
		return model.KindAdmin
	case gazetteer.KindOcean, gazetteer.KindSea, gazetteer.KindGulf, gazetteer.KindBay, gazetteer.KindStrait,
		gazetteer.KindRiver, gazetteer.KindLake:
		return model.KindWater
	case gazetteer.KindSpaceport, gazetteer.KindBase, gazetteer.KindNuclear, gazetteer.KindAirport, gazetteer.KindLandmark:
		return model.KindLandmark
	case gazetteer.KindUnknown:
		return model.KindUnknown
	}
	return model.KindRegion
}

// precisionOf maps the geoparser's date precision to the store's; a week
// is kept as its day.
func precisionOf(p timex.Precision) model.Precision {
	switch p {
	case timex.PrecisionDay, timex.PrecisionWeek:
		return model.Day
	case timex.PrecisionMonth:
		return model.Month
	case timex.PrecisionYear:
		return model.Year
	}
	return model.Undated
}

// Geoparse adapts the geoparser to the pipeline: the source's memory is
// handed to the geoparser as hints (see Hints): the user's preferred
// senses (which also steer the article's other names, and replace the
// geoparser's choice for their names) and the places the source's earlier
// articles were given;
// mentions and events come back with byte offsets into the article's
// text, and each event's snippet is its sentence. A long article is parsed
// in pieces (see geoparse.Parser.ParseLong), so its memory stays a small
// multiple of it.
func Geoparse(p *gp.Parser) Geoparser {
	return GeoparserFunc(func(ctx context.Context, a model.Article, mem Memory) (Result, error) {
		res, err := p.ParseLong(ctx, a.Text, a.Published, Hints(mem))
		if err != nil {
			return Result{}, err
		}
		return convert(a.Text, res, mem.Senses), nil
	})
}

// Hints turns a source's memory into the geoparser's hints: names folded
// as the gazetteer folds them, places by gazetteer id (PlaceOf's
// "gn:<id>" and "gz:<n>"). Senses whose place is not from the gazetteer
// (such as "not a place") are left to convert; history of such places is
// dropped. Names that fold alike ("São Paulo", "Sao Paulo") add their
// counts. It returns nil for an empty memory. The pipeline (Geoparse) and
// "eventmap geoparse --db" both call it.
func Hints(mem Memory) *gp.Hints {
	if len(mem.Senses) == 0 && len(mem.Seen) == 0 {
		return nil
	}
	h := &gp.Hints{}
	if len(mem.Senses) > 0 {
		h.Senses = make(map[string]int64, len(mem.Senses))
		for name, p := range mem.Senses {
			if id, ok := gazetteerID(p.ID); ok {
				h.Senses[gazetteer.Fold(name)] = id
			}
		}
	}
	if len(mem.Seen) > 0 {
		h.Seen = make(map[string]map[int64]int, len(mem.Seen))
		for name, byPlace := range mem.Seen {
			key := gazetteer.Fold(name)
			for pid, n := range byPlace {
				id, ok := gazetteerID(pid)
				if !ok || n <= 0 {
					continue
				}
				if h.Seen[key] == nil {
					h.Seen[key] = make(map[int64]int, len(byPlace))
				}
				h.Seen[key][id] += n
			}
		}
	}
	return h
}

// gazetteerID reverses PlaceOf's IDs.
func gazetteerID(id string) (int64, bool) {
	if rest, ok := strings.CutPrefix(id, "gn:"); ok {
		n, err := strconv.ParseInt(rest, 10, 64)
		return n, err == nil
	}
	if rest, ok := strings.CutPrefix(id, "gz:"); ok {
		n, err := strconv.ParseInt(rest, 10, 64)
		return -n, err == nil && n > 0
	}
	return 0, false
}

// convert turns a geoparse result over text into the pipeline's form.
func convert(text string, res *gp.Result, senses Senses) Result {
	bytesAt := runeOffsets(text)
	span := func(start, end int) model.Span {
		return model.Span{Start: bytesAt(start), End: bytesAt(end)}
	}
	var out Result
	chosen := make([]model.Place, len(res.Mentions))
	for i, m := range res.Mentions {
		mm := model.Mention{Span: span(m.Start, m.End), Name: m.Text, Place: PlaceOf(m.Place), Confidence: m.Confidence}
		for _, alt := range m.Alternatives {
			mm.RunnersUp = append(mm.RunnersUp, model.Candidate{Place: PlaceOf(alt.Place), Score: alt.Confidence})
		}
		if p, ok := senses[store.SenseName(m.Text)]; ok {
			mm.Place, mm.Corrected = p, true
		}
		chosen[i] = mm.Place
		if store.IsNotAPlace(mm.Place) {
			continue // the user said this name is not a place: no mention, no events
		}
		out.Mentions = append(out.Mentions, mm)
	}
	for _, ev := range res.Events {
		if ev.Mention < 0 || ev.Mention >= len(res.Mentions) {
			continue
		}
		m := res.Mentions[ev.Mention]
		place := chosen[ev.Mention]
		if store.IsNotAPlace(place) {
			continue
		}
		e := model.Event{
			Span:      span(m.Start, m.End),
			PlaceID:   place.ID,
			PlaceName: place.Name,
			Point:     place.Point,
			Precision: precisionOf(ev.Precision),
			Snippet:   model.OneLine(sliceRunes(text, bytesAt, ev.Sentence.Start, ev.Sentence.End)),
		}
		if e.Precision != model.Undated && model.InRange(ev.Date) {
			e.Time = ev.Date.UTC()
		} else {
			e.Precision = model.Undated // no date, or one out of range: kept undated
		}
		out.Events = append(out.Events, e)
	}
	return out
}

// runeOffsets returns a function from rune offsets in text to byte
// offsets (clamped to the text). It keeps the byte offset of every 64th
// rune and walks from there: a table of every rune would take eight bytes
// per byte of a long text.
func runeOffsets(text string) func(int) int {
	const step = 64
	marks := make([]int, 0, len(text)/step+1)
	n := 0
	for i := range text {
		if n%step == 0 {
			marks = append(marks, i)
		}
		n++
	}
	return func(r int) int {
		if r <= 0 {
			return 0
		}
		if r >= n {
			return len(text)
		}
		b := marks[r/step]
		for k := r % step; k > 0; k-- {
			_, size := utf8.DecodeRuneInString(text[b:])
			b += size
		}
		return b
	}
}

// sliceRunes returns text between two rune offsets.
func sliceRunes(text string, bytesAt func(int) int, start, end int) string {
	s, e := bytesAt(start), bytesAt(end)
	if e < s {
		return ""
	}
	out := text[s:e]
	if !utf8.ValidString(out) {
		return strings.ToValidUTF8(out, "")
	}
	return out
}
