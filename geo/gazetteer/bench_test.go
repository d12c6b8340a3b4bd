package gazetteer

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"eventmap/assets"
	"eventmap/geo/gazetteer/gazfile"

	"github.com/paulmach/orb"
)

func loaded(b *testing.B) *Gazetteer {
	b.Helper()
	g := Embedded(Options{})
	if err := g.Load(); err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkLoad decodes the embedded gazetteer: the cost of the first lookup.
func BenchmarkLoad(b *testing.B) {
	data := assets.Gazetteer()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gazfile.Open(data); err != nil {
			b.Fatal(err)
		}
	}
}

func benchLookup(b *testing.B, name string, opt LookupOptions) {
	g := loaded(b)
	if c, err := g.Lookup(name, opt); err != nil || len(c) == 0 {
		b.Fatalf("Lookup(%q) = %v, %v", name, c, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g.Lookup(name, opt)
	}
}

// BenchmarkLookupExact looks up a name spelled as stored, one candidate.
func BenchmarkLookupExact(b *testing.B) { benchLookup(b, "Vladivostok", LookupOptions{Limit: 5}) }

// BenchmarkLookupFolded looks up a name that needs case and diacritic folding.
func BenchmarkLookupFolded(b *testing.B) { benchLookup(b, "SÃO PAULO", LookupOptions{Limit: 5}) }

// BenchmarkLookupAlias looks up an alias of a curated place.
func BenchmarkLookupAlias(b *testing.B) { benchLookup(b, "East Sea", LookupOptions{Limit: 5}) }

// BenchmarkLookupAliasCity looks up an alternate name shared by a capital and villages.
func BenchmarkLookupAliasCity(b *testing.B) { benchLookup(b, "Kiev", LookupOptions{Limit: 5}) }

// BenchmarkLookupCommon looks up a name many places share.
func BenchmarkLookupCommon(b *testing.B) { benchLookup(b, "Springfield", LookupOptions{Limit: 5}) }

// BenchmarkLookupMiss looks up a name nothing has.
func BenchmarkLookupMiss(b *testing.B) {
	g := loaded(b)
	b.ReportAllocs()
	for b.Loop() {
		g.Lookup("Qwxzzyplace", LookupOptions{})
	}
}

// BenchmarkGet finds a place by id.
func BenchmarkGet(b *testing.B) {
	g := loaded(b)
	g.Get(703448)
	b.ReportAllocs()
	for b.Loop() {
		g.Get(703448)
	}
}

// BenchmarkNearest finds the 10 places nearest to a point in a dense region.
func BenchmarkNearest(b *testing.B) {
	g := loaded(b)
	p := orb.Point{8.68, 50.11} // Frankfurt
	g.Nearest(p, 10, nil)
	b.ReportAllocs()
	for b.Loop() {
		g.Nearest(p, 10, nil)
	}
}

// BenchmarkWithin visits the places in a one-degree box around Paris.
func BenchmarkWithin(b *testing.B) {
	g := loaded(b)
	bd := orb.Bound{Min: orb.Point{1.85, 48.35}, Max: orb.Point{2.85, 49.35}}
	n := 0
	g.Within(bd, func(Place) bool { n++; return true })
	b.ReportMetric(float64(n), "places/op")
	b.ReportAllocs()
	for b.Loop() {
		g.Within(bd, func(Place) bool { return true })
	}
}

// BenchmarkImport imports a cities500.txt into a fresh user gazetteer.
// Set EVENTMAP_CITIES500 to the real file (199k rows, 32 MB); otherwise
// 50,000 rows in the same format are made from the embedded gazetteer.
func BenchmarkImport(b *testing.B) {
	src := os.Getenv("EVENTMAP_CITIES500")
	rows := 0
	if src == "" {
		src, rows = syntheticCities(b, 50_000)
	} else {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		rows = strings.Count(string(data), "\n")
	}
	st, _ := os.Stat(src)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := range b.N {
		u, err := OpenUser(filepath.Join(b.TempDir(), "g"+strconv.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := u.Import(context.Background(), []string{src}, ImportOptions{})
		if err != nil || rep.Files[0].Err != nil {
			b.Fatal(err, rep.Files[0].Err)
		}
		u.Close()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// syntheticCities writes n GeoNames rows built from embedded settlements.
func syntheticCities(b *testing.B, n int) (string, int) {
	b.Helper()
	g := loaded(b)
	var sb strings.Builder
	rows := 0
	for i := 0; rows < n && i < g.f.Len(); i++ {
		p := g.place(i)
		if p.Kind != KindSettlement {
			continue
		}
		alts, _ := g.f.Alternates(i)
		sb.WriteString(strings.Join([]string{
			strconv.FormatInt(p.ID, 10), p.Name, p.ASCIIName, strings.Join(alts, ","),
			strconv.FormatFloat(p.Point.Lat(), 'f', 5, 64), strconv.FormatFloat(p.Point.Lon(), 'f', 5, 64),
			"P", p.FeatureCode, p.Country, "", p.Admin1, "", "", "", strconv.FormatInt(p.Population, 10), "", "0", "Etc/UTC", "2024-01-01",
		}, "\t"))
		sb.WriteByte('\n')
		rows++
	}
	path := filepath.Join(b.TempDir(), "cities500.txt")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, rows
}
