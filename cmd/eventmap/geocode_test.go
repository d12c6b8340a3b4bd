package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := dispatch(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestGeocodeJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, errs := runCmd(t, "geocode", "--json", "--limit", "2", "--db", db, "Vladivostok")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res []map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(res) == 0 {
		t.Fatal("no candidates")
	}
	for _, k := range []string{"id", "name", "kind", "feature_code", "country", "admin1", "lat", "lon", "population", "score"} {
		if _, ok := res[0][k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
	if res[0]["name"] != "Vladivostok" || res[0]["kind"] != "settlement" || res[0]["country"] != "RU" {
		t.Errorf("best %v", res[0])
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Error("geocode created the user gazetteer")
	}
}

func TestGeocodeTableAndErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, _ := runCmd(t, "geocode", "--db", db, "--country", "US", "Springfield")
	if code != 0 || !strings.Contains(out, "Missouri") || !strings.HasPrefix(out, "SCORE") {
		t.Errorf("exit %d, output %s", code, out)
	}
	if code, _, _ := runCmd(t, "geocode", "--db", db); code != 2 {
		t.Errorf("no name: exit %d, want 2", code)
	}
	if code, _, errs := runCmd(t, "geocode", "--db", db, "Qwxzzyplace"); code != 1 || !strings.Contains(errs, "no place") {
		t.Errorf("unknown name: exit %d, %s", code, errs)
	}
	if code, out, _ := runCmd(t, "geocode", "--json", "--db", db, "Qwxzzyplace"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("unknown name as JSON: exit %d, %q", code, out)
	}
}

func TestGazetteerImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	row := strings.Join([]string{"99000001", "Zzyzxville", "Zzyzxville", "", "35.1434", "-116.1042", "P", "PPL", "US", "", "CA", "", "", "", "700", "", "10", "America/Los_Angeles", "2024-01-01"}, "\t")
	src := filepath.Join(dir, "US.txt")
	os.WriteFile(src, []byte(row+"\nbroken row\n"), 0o644)
	code, out, errs := runCmd(t, "gazetteer", "import", "--quiet", "--db", db, src)
	if code != 0 || !strings.Contains(out, "1 places") || !strings.Contains(out, "US.txt:2:") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	code, out, _ = runCmd(t, "geocode", "--db", db, "Zzyzxville")
	if code != 0 || !strings.Contains(out, "Zzyzxville") {
		t.Errorf("imported place not found: %d %s", code, out)
	}
	if code, _, _ := runCmd(t, "gazetteer", "export"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
	if code, _, errs := runCmd(t, "gazetteer", "import", "--quiet", "--db", db, filepath.Join(dir, "missing.txt")); code != 1 || !strings.Contains(errs, "missing.txt") {
		t.Errorf("missing file: exit %d %s", code, errs)
	}
}

// TestGeocodeAdmin1IsTheTownsRegion: the admin-1 name geocode shows for a
// town is a region around it, in a country whose Natural Earth regions
// are departments with codes colliding with GeoNames' regions (a
// Dordogne village used to be shown "in Paris").
func TestGeocodeAdmin1IsTheTownsRegion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	geocode := func(args ...string) []geocodeResult {
		t.Helper()
		code, out, errs := runCmd(t, append([]string{"geocode", "--json", "--db", db, "--country", "FR", "--limit", "0"}, args...)...)
		if code != 0 {
			t.Fatalf("geocode %v: exit %d: %s", args, code, errs)
		}
		var rows []geocodeResult
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		return rows
	}
	towns := 0
	for _, town := range geocode("Notre Dame") {
		if town.Kind != "settlement" || town.Admin1 == "" {
			continue
		}
		towns++
		var region *geocodeResult
		for _, r := range geocode(town.Admin1) {
			if r.Kind == "admin1" && r.Name == town.Admin1 {
				region = &r
				break
			}
		}
		if region == nil {
			t.Errorf("%s: admin-1 %q is no region", town.Name, town.Admin1)
			continue
		}
		if km := gazetteer.DistanceKM(orb.Point{town.Lon, town.Lat}, orb.Point{region.Lon, region.Lat}); km > 350 {
			t.Errorf("%s is shown in %s, %.0f km away", town.Name, town.Admin1, km)
		}
	}
	if towns < 5 {
		t.Errorf("%d French towns named Notre Dame…", towns)
	}
}
