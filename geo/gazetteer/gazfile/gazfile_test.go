package gazfile

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kyiv", "kyiv"},
		{"KIEV", "kiev"},
		{"São Paulo", "sao paulo"},
		{"Zürich", "zurich"},
		{"Kraków", "krakow"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"Ærø", "aero"},
		{"Đà Nẵng", "da nang"},
		{"Xi'an", "xian"},
		{"Côte d’Ivoire", "cote divoire"},
		{"U.S.", "us"},
		{"N.Y.", "ny"},
		{"W. Va.", "w va"},
		{"Winston-Salem", "winston salem"},
		{"  Rostov-on-Don  ", "rostov on don"},
		{"The Hague", "hague"},
		{"the Far East", "far east"},
		{"The", "the"},
		{"P'yŏngyang", "pyongyang"},
		{"İstanbul", "istanbul"},
		{"Москва", "москва"},
		{"東京", "東京"},
		{"", ""},
		{"...", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzFold checks that Fold's shortcut for keys gives what the full
// folding gives, and that a key folds to itself.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"kyiv", "the hague", "the the x", "new  york", " us", "us ", "São Paulo", "the", "a1 b2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), fold(s); got != want {
			t.Fatalf("Fold(%q) = %q, full folding gives %q", s, got, want)
		}
		if k := fold(s); folded(k) && fold(k) != k {
			t.Fatalf("key %q of %q folds to %q", k, s, fold(k))
		}
	})
}

func TestIsLatin(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Kyiv", true}, {"Sant Julià de Lòria", true}, {"Москва", false}, {"東京", false}, {"Route 66", false}, {"St. Louis", true},
	}
	for _, tt := range tests {
		if got := IsLatin(tt.in); got != tt.want {
			t.Errorf("IsLatin(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func testRecords() []Record {
	b := orb.Bound{Min: orb.Point{127.5, 33.5}, Max: orb.Point{142.2, 51.7}}
	return []Record{
		{ID: 2013348, Name: "Vladivostok", ASCII: "Vladivostok", Alternates: []string{"Wladiwostok", "Vladivostoka"}, Kind: KindSettlement, FeatureCode: "PPLA", Country: "RU", Admin1: "59", Point: orb.Point{131.87353, 43.10562}, Population: 604901, Rank: 0.85},
		{ID: 703448, Name: "Kyiv", ASCII: "Kyiv", Alternates: []string{"Kiev", "Kyjiw"}, Kind: KindSettlement, FeatureCode: "PPLC", Country: "UA", Admin1: "12", Point: orb.Point{30.5238, 50.45466}, Population: 2797553, Rank: 1.1},
		{ID: 9999, Name: "Kiev", ASCII: "Kiev", Kind: KindSettlement, FeatureCode: "PPL", Country: "US", Point: orb.Point{-90, 40}, Population: 600, Rank: 0.3},
		{ID: -5, Name: "Sea of Japan", Alternates: []string{"East Sea"}, Kind: KindSea, FeatureCode: "SEA", Point: orb.Point{134.5, 40}, Bound: &b, Rank: 1.1},
		{ID: -1462, Name: "Russia", Kind: KindCountry, FeatureCode: "PCLI", Country: "RU", Codes: []string{"RU", "RUS"}, Demonyms: []string{"Russian"}, Point: orb.Point{99, 61.7}, Bound: &orb.Bound{Min: orb.Point{27, 41}, Max: orb.Point{180, 82}}, Rank: 1.5},
		{ID: 2017623, Name: "Primorsky Krai", Abbrevs: []string{"Prim."}, Kind: KindAdmin1, FeatureCode: "ADM1", Country: "RU", Admin1: "59", Point: orb.Point{134, 45}, Bound: &orb.Bound{Min: orb.Point{130, 42}, Max: orb.Point{139, 48.5}}, Rank: 0.8},
	}
}

func buildFile(t testing.TB, recs []Record) *File {
	t.Helper()
	var buf bytes.Buffer
	if err := Build(&buf, recs); err != nil {
		t.Fatal(err)
	}
	f, err := Open(buf.String())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestBuildOpen(t *testing.T) {
	recs := testRecords()
	f := buildFile(t, recs)
	if f.Len() != len(recs) {
		t.Fatalf("Len = %d, want %d", f.Len(), len(recs))
	}
	byID := map[int64]Place{}
	for i := range f.Len() {
		p := f.Place(i)
		byID[p.ID] = p
		if f.HasBound(i) != (p.Kind == KindSea || p.Kind == KindCountry || p.Kind == KindAdmin1) {
			t.Errorf("%s: HasBound = %v", p.Name, f.HasBound(i))
		}
	}
	v := byID[2013348]
	if v.Name != "Vladivostok" || v.Country != "RU" || v.Admin1 != "59" || v.FeatureCode != "PPLA" || v.Population != 604901 || v.Kind != KindSettlement {
		t.Errorf("Vladivostok decoded as %+v", v)
	}
	if d := v.Point.Lat() - 43.10562; d > 1e-5 || d < -1e-5 {
		t.Errorf("Vladivostok lat %v", v.Point.Lat())
	}
	sea := byID[-5]
	if sea.Bound.Min != (orb.Point{127.5, 33.5}) || sea.Bound.Max != (orb.Point{142.2, 51.7}) {
		t.Errorf("sea bound %v", sea.Bound)
	}

	lookup := func(key string) []string {
		var out []string
		f.Lookup(key, func(i int, mt MatchType) bool {
			out = append(out, f.Place(i).Name+":"+mt.String())
			return true
		})
		return out
	}
	tests := []struct {
		key  string
		want []string
	}{
		{"kiev", []string{"Kyiv:alternate", "Kiev:name"}}, // postings best rank first
		{"east sea", []string{"Sea of Japan:alternate"}},
		{"russian", []string{"Russia:demonym"}},
		{"rus", []string{"Russia:code"}},
		{"prim", []string{"Primorsky Krai:abbreviation"}},
		{"vladivostok", []string{"Vladivostok:name"}},
		{"nowhere", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := lookup(tt.key); !slices.Equal(got, tt.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.key, got, tt.want)
		}
		ps := f.Postings(tt.key)
		var got []string
		for k := range ps.Len() {
			i, mt := ps.At(k)
			got = append(got, f.Place(i).Name+":"+mt.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Postings(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}

	var keys []string
	f.Keys("vla", func(k string) bool { keys = append(keys, k); return true })
	if !slices.Equal(keys, []string{"vladivostok", "vladivostoka"}) {
		t.Errorf("Keys(vla) = %v", keys)
	}

	for i := range f.Len() {
		if f.ID(i) == 703448 {
			alts, err := f.Alternates(i)
			if err != nil || !slices.Equal(alts, []string{"Kiev", "Kyjiw"}) {
				t.Errorf("Alternates(Kyiv) = %v, %v", alts, err)
			}
			if a, ok := f.Admin1Place(i); ok {
				t.Errorf("Kyiv has admin1 place %d; the test data has none for UA.12", a)
			}
		}
		if f.ID(i) == 2013348 {
			a, ok := f.Admin1Place(i)
			if !ok || f.Place(a).Name != "Primorsky Krai" {
				t.Errorf("Vladivostok's admin1 = %v, %v", a, ok)
			}
		}
	}
	if i, ok := f.CountryPlace("RU"); !ok || f.Place(i).Name != "Russia" {
		t.Errorf("CountryPlace(RU) = %d, %v", i, ok)
	}
	if i, ok := f.Admin1Of("RU", "59"); !ok || f.Place(i).Name != "Primorsky Krai" {
		t.Errorf("Admin1Of(RU, 59) = %d, %v", i, ok)
	}
	if _, ok := f.Admin1Of("RU", "60"); ok {
		t.Error("Admin1Of(RU, 60) found a region")
	}
}

func TestOpenBadData(t *testing.T) {
	var buf bytes.Buffer
	if err := Build(&buf, testRecords()); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	tests := map[string]string{
		"empty":     "",
		"magic":     "NOTAGAZ!" + good[8:],
		"truncated": good[:len(good)/2],
		"garbled":   good[:60] + string(bytes.Repeat([]byte{0xff}, 40)) + good[100:],
		"header":    good[:len(magic)+5],
		"version":   "EMGAZ01\n" + good[len(magic):],
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Open(data); !errors.Is(err, ErrFormat) {
				t.Errorf("Open = %v, want ErrFormat", err)
			}
		})
	}
}

func TestOpenOldVersionSaysSo(t *testing.T) {
	var buf bytes.Buffer
	if err := Build(&buf, testRecords()); err != nil {
		t.Fatal(err)
	}
	_, err := Open("EMGAZ01\n" + buf.String()[len(magic):])
	if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), `version "01"`) || !strings.Contains(err.Error(), "go generate") {
		t.Errorf("Open(version 01) = %v, want ErrFormat naming the version and how to regenerate", err)
	}
}

// TestCodecRoundTrip compresses sections of different shapes and checks
// that each comes back byte for byte, that a compressible section shrinks
// and that a section cut short or longer than its stated size is refused.
func TestCodecRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 1<<16)
	for i := range noise {
		noise[i] = byte(rnd.Uint32())
	}
	text := bytes.Repeat([]byte("Vladivostok\x0bWladiwostok\x04Kyiv\x04Kiev"), 5000)
	for name, sec := range map[string][]byte{"empty": {}, "one": {7}, "noise": noise, "text": text} {
		t.Run(name, func(t *testing.T) {
			c, err := compress(sec)
			if err != nil {
				t.Fatal(err)
			}
			got, err := inflate(string(c), len(sec))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, sec) {
				t.Fatal("section changed in the round trip")
			}
			if len(sec) > 1000 && name == "text" && len(c)*20 > len(sec) {
				t.Errorf("%d bytes compressed to %d", len(sec), len(c))
			}
			if len(sec) > 0 {
				if _, err := inflate(string(c), len(sec)+1); err == nil {
					t.Error("inflate accepted a section shorter than stated")
				}
				if _, err := inflate(string(c), len(sec)-1); err == nil {
					t.Error("inflate accepted a section longer than stated")
				}
				if _, err := inflate(string(c[:len(c)/2]), len(sec)); err == nil {
					t.Error("inflate accepted a cut section")
				}
			}
		})
	}
}

func TestBuildRejectsWideID(t *testing.T) {
	recs := []Record{{ID: 1 << 40, Name: "X", Kind: KindSettlement}}
	if err := Build(&bytes.Buffer{}, recs); err == nil {
		t.Error("Build accepted an id wider than 32 bits")
	}
}

func TestKindNames(t *testing.T) {
	for k := KindUnknown + 1; k < kindCount; k++ {
		got, ok := ParseKind(k.String())
		if !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := ParseKind("volcano"); ok {
		t.Error("ParseKind(volcano) ok")
	}
}

func TestRank(t *testing.T) {
	if Rank(KindSettlement, "PPL", 166810) <= Rank(KindSettlement, "PPLA", 116565) {
		t.Error("a state capital outranks a more populous town of the same name")
	}
	if Rank(KindSettlement, "PPLC", 1000) <= Rank(KindSettlement, "PPL", 1000) {
		t.Error("a capital does not outrank a village")
	}
	if Rank(KindCountry, "PCLI", 1_000_000) <= Rank(KindSettlement, "PPLC", 30_000_000) {
		t.Error("a country does not outrank a city")
	}
	if KindOf("H", "SEA") != KindSea || KindOf("P", "PPL") != KindSettlement || KindOf("A", "ADM1") != KindAdmin1 || KindOf("S", "AIRP") != KindAirport {
		t.Error("KindOf maps GeoNames codes wrongly")
	}
}

func TestIndexAlternates(t *testing.T) {
	var good bytes.Buffer
	for _, list := range [][]string{{"Wladiwostok", "Vladivostoka"}, nil, {"Kiev"}} {
		putUvarint(&good, uint64(len(list)))
		for _, s := range list {
			putString(&good, s)
		}
	}
	offs, err := indexAlternates(good.Bytes(), 3)
	if err != nil || !slices.Equal(offs, []uint32{0, 26, 27}) {
		t.Errorf("indexAlternates = %v, %v, want [0 26 27]", offs, err)
	}
	b := good.Bytes()
	for name, h := range map[string][]byte{
		"cut":      b[:len(b)-2],
		"trailing": append(slices.Clone(b), 0),
		"long":     append([]byte{1, 200}, b[2:]...),
		"empty":    nil,
	} {
		if _, err := indexAlternates(h, 3); err == nil {
			t.Errorf("%s: indexAlternates accepted a damaged section", name)
		}
	}
}
