package assets

import (
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

var (
	sampleHeader = regexp.MustCompile(`^date (\d{4}-\d{2}-\d{2}) \S.*$`)
	sampleName   = regexp.MustCompile(`^\d{2}-[a-z0-9-]+\.txt$`)
)

func TestSample(t *testing.T) {
	entries, err := fs.ReadDir(Sample, "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 28 {
		t.Fatalf("got %d sample notes, want at least 28", len(entries))
	}
	var names []string
	seen := map[string]bool{}
	foundVostochny := false
	earliest := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	latest := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, e := range entries {
		name := e.Name()
		if seen[name] {
			t.Errorf("duplicate file name %s", name)
		}
		seen[name] = true
		if !sampleName.MatchString(name) {
			t.Errorf("file name %s does not look like NN-short-slug.txt", name)
		}
		names = append(names, name)

		data, err := fs.ReadFile(Sample, "sample/"+name)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		header, body, _ := strings.Cut(text, "\n")
		m := sampleHeader.FindStringSubmatch(header)
		if m == nil {
			t.Errorf("%s: bad first line %q", name, header)
			continue
		}
		date, err := time.Parse("2006-01-02", m[1])
		if err != nil {
			t.Errorf("%s: invalid date %q: %v", name, m[1], err)
			continue
		}
		if date.Before(earliest) || date.After(latest) {
			t.Errorf("%s: date %s outside 2000–2026", name, m[1])
		}
		if !strings.HasPrefix(body, "\n") {
			t.Errorf("%s: no blank line after the first line", name)
		}
		if n := len(strings.Fields(body)); n < 60 || n > 300 {
			t.Errorf("%s: body has %d words, want 60–300", name, n)
		}
		if strings.Contains(body, "Vostochny Cosmodrome") && m[1] == "2023-09-13" {
			foundVostochny = true
		}
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("file names are not sorted: %v", names)
	}
	if !foundVostochny {
		t.Error("no note dated 2023-09-13 mentions Vostochny Cosmodrome")
	}
}
