package main

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"eventmap/geo/gazetteer/gazfile"

	"github.com/paulmach/orb"
)

func testConfig(t *testing.T) config {
	t.Helper()
	return config{
		out:     filepath.Join(t.TempDir(), "gazetteer.bin"),
		cities:  filepath.Join("testdata", "cities500.txt"),
		places:  filepath.Join("testdata", "places"),
		atlas:   filepath.Join("testdata", "atlas"),
		curated: filepath.Join("testdata", "curated"),
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestBuildFixtures(t *testing.T) {
	cfg := testConfig(t)
	recs, err := build(cfg, quiet())
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]gazfile.Record{}
	for _, r := range recs {
		by[r.Kind.String()+":"+r.Name] = r
	}
	// 7 cities, 5 countries (RU, UA, US, CU, RE), 4 admin1 (MO, IL, RU.59,
	// GB.ENG), 3 French departments and the 2 regions of their towns, 3
	// counties, 4 curated.
	if len(recs) != 28 {
		names := []string{}
		for _, r := range recs {
			names = append(names, r.Kind.String()+":"+r.Name)
		}
		t.Fatalf("got %d records: %v", len(recs), names)
	}

	v := by["settlement:Vladivostok"]
	if !slices.Equal(v.Alternates, []string{"Wladiwostok", "VVO"}) {
		t.Errorf("Vladivostok alternates %q: want Latin ones other than the name", v.Alternates)
	}
	ru := by["country:Russia"]
	if ru.ID != countryID("RU") || ru.Population != 604901 || ru.Bound == nil || ru.Bound.Min.Lon() != 30 {
		t.Errorf("Russia: id %d pop %d bound %v; want the largest polygon's bound", ru.ID, ru.Population, ru.Bound)
	}
	if !slices.Contains(ru.Alternates, "Russian Federation") || !slices.Contains(ru.Alternates, "Russland") || slices.Contains(ru.Alternates, "Россия") {
		t.Errorf("Russia alternates %q", ru.Alternates)
	}
	if !slices.Contains(ru.Demonyms, "Russian") || !slices.Contains(ru.Demonyms, "Russians") {
		t.Errorf("Russia demonyms %q", ru.Demonyms)
	}
	if !slices.Contains(ru.Codes, "RUS") || !slices.Contains(ru.Abbrevs, "USSR") {
		t.Errorf("Russia codes %q abbrevs %q", ru.Codes, ru.Abbrevs)
	}
	if cu, ok := by["country:Cuba"]; !ok || slices.Contains(cu.Alternates, "Guantanamo") || !slices.Contains(cu.Codes, "CUB") {
		t.Errorf("Cuba renamed wrongly: %+v", cu)
	}
	re := by["country:Réunion"]
	if re.Point != (orb.Point{55.4504, -20.88231}) || re.Bound == nil {
		t.Errorf("Réunion (no shape) should sit on its largest city: %v %v", re.Point, re.Bound)
	}
	us := by["country:United States"]
	if us.Bound == nil || us.Bound.Max.Lat() != 71.4 || !us.Bound.Contains(us.Point) {
		t.Errorf("US bound override: %v point %v", us.Bound, us.Point)
	}

	mo := by["admin1:Missouri"]
	if mo.ID != 4398678 || mo.Admin1 != "MO" || mo.Country != "US" || !slices.Contains(mo.Codes, "MO") || !slices.Contains(mo.Abbrevs, "Mo.") || mo.Population != 166810 {
		t.Errorf("Missouri: %+v", mo)
	}
	prim := by["admin1:Primorsky Krai"]
	if prim.Bound == nil || prim.Bound.Max.Lon() != 139 || !slices.Contains(prim.Alternates, "Primor'ye") {
		t.Errorf("Primorsky Krai: bound %v (want the union of its features), alternates %q", prim.Bound, prim.Alternates)
	}
	if _, ok := by["admin1:Somewhere"]; ok {
		t.Error("a feature without a GeoNames admin1 code was kept")
	}
	if eng := by["admin1:England"]; eng.Admin1 != "ENG" || eng.Bound == nil {
		t.Errorf("England from the curated table: %+v", eng)
	}

	// France's Natural Earth regions are departments whose codes collide
	// with the towns' (Paris is in region 11, department 75 is Paris).
	for name, a1 := range map[string]string{"Paris": "11", "Dordogne": "75", "Aude": ""} {
		d, ok := by["admin2:"+name]
		if !ok || d.FeatureCode != "ADM2" || d.Admin1 != a1 || d.Codes != nil {
			t.Errorf("department %s: %+v, want admin2 in admin-1 %q", name, d, a1)
		}
		if _, ok := by["admin1:"+name]; ok {
			t.Errorf("department %s kept as admin-1", name)
		}
	}
	if d := by["admin2:Paris"]; d.ID != 2968815 || d.Population != 2138551 {
		t.Errorf("department Paris: id %d (want its GeoNames id, for its outline), population %d", d.ID, d.Population)
	}
	idf, na := by["admin1:Île-de-France"], by["admin1:Nouvelle-Aquitaine"]
	if idf.Admin1 != "11" || idf.Country != "FR" || idf.Bound == nil || !idf.Bound.Contains(orb.Point{2.3488, 48.85341}) || idf.Population != 2138551 {
		t.Errorf("Île-de-France: %+v bound %v", idf, idf.Bound)
	}
	if na.Admin1 != "75" || na.Bound == nil || na.Bound.Contains(orb.Point{2.3488, 48.85341}) || !na.Bound.Contains(na.Point) || na.Bound.Min.Lon() != 0 {
		t.Errorf("Nouvelle-Aquitaine: %+v bound %v", na, na.Bound)
	}

	vc := by["spaceport:Vostochny Cosmodrome"]
	if vc.Point != (orb.Point{128.334, 51.884}) || vc.Bound == nil || vc.Bound.Max.Lat()-51.884 < 0.08 || vc.FeatureCode != "SPCP" {
		t.Errorf("Vostochny: %+v bound %v", vc, vc.Bound)
	}
	// Europe's extent holds Ukraine's point, not Russia's (60 N 100 E)
	eu, ua := by["continent:Europe"], by["country:Ukraine"]
	if ua.Population == 0 || eu.Population != ua.Population || eu.Rank <= gazfile.Rank(gazfile.KindContinent, eu.FeatureCode, 0) {
		t.Errorf("Europe: population %d rank %v, want Ukraine's %d and a rank above a continent without people", eu.Population, eu.Rank, ua.Population)
	}
	sib := by["region:Siberia"]
	if sib.Bound == nil || sib.Bound.Max.Lat() < 73 {
		t.Errorf("Siberia's r=1500 bound: %v", sib.Bound)
	}
}

func TestRunWritesReadableFile(t *testing.T) {
	cfg := testConfig(t)
	if err := run(cfg, quiet()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cfg.out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gazfile.Open(string(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	f.Lookup("east sea", func(i int, mt gazfile.MatchType) bool {
		got = append(got, f.Place(i).Name)
		return true
	})
	if !slices.Equal(got, []string{"Sea of Japan"}) {
		t.Errorf("east sea → %v", got)
	}
	if _, err := os.Stat(cfg.out + ".tmp"); !os.IsNotExist(err) {
		t.Error("temporary file left behind")
	}
}

func TestCuratedErrors(t *testing.T) {
	tests := map[string]string{
		"unknown kind":    "volcano\tEtna\t\tIT\t37.75\t14.99\t\n",
		"bad lat":         "mountain\tEtna\t\tIT\t137.75\t14.99\t\n",
		"bad country":     "mountain\tEtna\t\tITA\t37.75\t14.99\t\n",
		"empty name":      "mountain\t\t\tIT\t37.75\t14.99\t\n",
		"bad extent":      "mountain\tEtna\t\tIT\t37.75\t14.99\tx=3\n",
		"bad radius":      "mountain\tEtna\t\tIT\t37.75\t14.99\tr=-3\n",
		"bound off point": "mountain\tEtna\t\tIT\t37.75\t14.99\tb=0,0,1,1\n",
		"bound reversed":  "mountain\tEtna\t\tIT\t37.75\t14.99\tb=15,38,14,37\n",
		"too many fields": "mountain\tEtna\t\tIT\t37.75\t14.99\tr=3\textra\n",
	}
	for name, row := range tests {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "places.tsv")
			if err := os.WriteFile(p, []byte("# header\n"+row), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := readCurated(p)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "places.tsv:2") {
				t.Errorf("error %q does not name the file and line", err)
			}
		})
	}
}

func TestBadCitiesRow(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cities500.txt")
	data, _ := os.ReadFile(filepath.Join("testdata", "cities500.txt"))
	data = append(data, []byte("garbage\n")...)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(":%d:", bytes.Count(data, []byte("\n")))
	if _, _, err := readCities(p); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want one naming the last line (%s)", err, want)
	}
}

func TestDuplicateIDs(t *testing.T) {
	cfg := testConfig(t)
	dir := t.TempDir()
	for _, n := range []string{"countries.tsv", "admin1.tsv"} {
		b, _ := os.ReadFile(filepath.Join(cfg.curated, n))
		os.WriteFile(filepath.Join(dir, n), b, 0o644)
	}
	row := "sea\tSea of Japan\t\t\t40\t134.5\t\n"
	os.WriteFile(filepath.Join(dir, "places.tsv"), []byte(row+row), 0o644)
	cfg.curated = dir
	if _, err := build(cfg, quiet()); err == nil || !strings.Contains(err.Error(), "id") {
		t.Errorf("err = %v, want a duplicate id error", err)
	}
}

func TestUntarRefusesEscape(t *testing.T) {
	// A tarball with an entry "../evil" must not be unpacked.
	var buf bytes.Buffer
	writeTestTgz(t, &buf, "../evil", "x")
	p := filepath.Join(t.TempDir(), "p.tgz")
	os.WriteFile(p, buf.Bytes(), 0o644)
	if err := untar(p, filepath.Join(t.TempDir(), "out")); err == nil {
		t.Error("untar accepted an escaping entry")
	}
}
