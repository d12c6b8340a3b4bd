package geonames

import (
	"errors"
	"testing"
)

const vladivostok = "2013348\tVladivostok\tVladivostok\tVladivostok,Wladiwostok,Владивосток\t43.10562\t131.87353\tP\tPPLA\tRU\t\t59\t\t\t\t604901\t\t27\tAsia/Vladivostok\t2021-05-06"

func TestParsePlace(t *testing.T) {
	p, err := ParsePlace(vladivostok)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != 2013348 || p.Name != "Vladivostok" || p.Lat != 43.10562 || p.Lon != 131.87353 || p.FeatureClass != "P" ||
		p.FeatureCode != "PPLA" || p.Country != "RU" || p.Admin1 != "59" || p.Population != 604901 {
		t.Errorf("parsed %+v", p)
	}
	if alts := p.Alternates(); len(alts) != 3 || alts[1] != "Wladiwostok" {
		t.Errorf("Alternates = %q", alts)
	}
	if _, err := ParsePlace(vladivostok + "\r"); err != nil {
		t.Errorf("CRLF row: %v", err)
	}
}

func TestParsePlaceErrors(t *testing.T) {
	tests := map[string]string{
		"too few columns":  "1\tA\tA",
		"too many columns": vladivostok + "\textra",
		"bad id":           "x" + vladivostok[7:],
		"bad latitude":     "2013348\tV\tV\t\t95.0\t131.8\tP\tPPL\tRU\t\t59\t\t\t\t1\t\t27\tAsia/X\t2021-05-06",
		"NaN latitude":     "2013348\tV\tV\t\tNaN\t131.8\tP\tPPL\tRU\t\t59\t\t\t\t1\t\t27\tAsia/X\t2021-05-06",
		"NaN longitude":    "2013348\tV\tV\t\t43.0\tnan\tP\tPPL\tRU\t\t59\t\t\t\t1\t\t27\tAsia/X\t2021-05-06",
		"infinite":         "2013348\tV\tV\t\t+Inf\t131.8\tP\tPPL\tRU\t\t59\t\t\t\t1\t\t27\tAsia/X\t2021-05-06",
		"bad longitude":    "2013348\tV\tV\t\t43.0\tabc\tP\tPPL\tRU\t\t59\t\t\t\t1\t\t27\tAsia/X\t2021-05-06",
		"bad population":   "2013348\tV\tV\t\t43.0\t131.8\tP\tPPL\tRU\t\t59\t\t\t\t-4\t\t27\tAsia/X\t2021-05-06",
		"empty name":       "2013348\t\tV\t\t43.0\t131.8\tP\tPPL\tRU\t\t59\t\t\t\t1\t\t27\tAsia/X\t2021-05-06",
	}
	for name, line := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParsePlace(line); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := ParsePlace("1\tA"); !errors.Is(err, ErrColumns) {
		t.Errorf("short row: %v, want ErrColumns", err)
	}
}

func TestParseAltName(t *testing.T) {
	a, err := ParseAltName("1614203\t703448\ten\tKiev\t\t\t\t1\t\t")
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != 1614203 || a.GeonameID != 703448 || a.Lang != "en" || a.Name != "Kiev" || !a.Historic || a.Preferred || !a.IsPlaceName() {
		t.Errorf("parsed %+v", a)
	}
	link, err := ParseAltName("1\t703448\tlink\thttps://en.wikipedia.org/wiki/Kyiv")
	if err != nil || link.IsPlaceName() {
		t.Errorf("link row: %+v, %v", link, err)
	}
	for _, bad := range []string{"", "1\t2\ten", "x\t2\ten\tA", "1\t0\ten\tA", "1\t2\ten\t"} {
		if _, err := ParseAltName(bad); err == nil {
			t.Errorf("ParseAltName(%q): no error", bad)
		}
	}
}

// FuzzParsePlace checks that whatever a row holds, a place it accepts has a
// name and coordinates on the earth.
func FuzzParsePlace(f *testing.F) {
	f.Add(vladivostok)
	f.Add("2013348\tV\tV\t\tNaN\t131.8\tP\tPPL\tRU\t\t59\t\t\t\t1\t\t27\tAsia/X\t2021-05-06")
	f.Add("1\tA")
	f.Fuzz(func(t *testing.T, line string) {
		p, err := ParsePlace(line)
		if err != nil {
			return
		}
		if p.Name == "" || p.ID <= 0 || !(p.Lat >= -90 && p.Lat <= 90) || !(p.Lon >= -180 && p.Lon <= 180) || p.Population < 0 {
			t.Errorf("accepted %+v", p)
		}
	})
}

// FuzzParseAltName checks that the alternate-names reader never panics and
// that an accepted row has its ids.
func FuzzParseAltName(f *testing.F) {
	f.Add("1614203\t703448\ten\tKiev\t\t\t\t1\t\t")
	f.Add("1\t703448\tlink\thttps://en.wikipedia.org/wiki/Kyiv")
	f.Fuzz(func(t *testing.T, line string) {
		a, err := ParseAltName(line)
		if err == nil && (a.ID <= 0 || a.GeonameID <= 0) {
			t.Errorf("accepted %+v", a)
		}
	})
}
