package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestFind(t *testing.T) {
	ref := date(2023, time.September, 13) // a Wednesday
	tests := []struct {
		text   string
		want   string // the expression's text, "" for none
		date   time.Time
		prec   Precision
		anchor bool
	}{
		{"Kim Jong-un on Wednesday promised support", "Wednesday", date(2023, 9, 13), PrecisionDay, true},
		{"They met on Monday in the east", "Monday", date(2023, 9, 11), PrecisionDay, true},
		{"He will return next Friday.", "Friday", date(2023, 9, 15), PrecisionDay, true},
		{"His last one was to Vladivostok in 2019.", "2019", date(2019, 1, 1), PrecisionYear, true},
		{"Written by X September 13, 2023 | 04:06 pm", "September 13, 2023", date(2023, 9, 13), PrecisionDay, true},
		{"date 2023-09-13 Kim pledges support", "2023-09-13", date(2023, 9, 13), PrecisionDay, true},
		{"on 4 July 1976 the city", "4 July 1976", date(1976, 7, 4), PrecisionDay, true},
		{"The talks collapsed last month.", "last month", date(2023, 8, 1), PrecisionMonth, true},
		{"The law passed last year.", "last year", date(2022, 1, 1), PrecisionYear, true},
		{"Hours before the meeting, missiles flew", "Hours before", date(2023, 9, 13), PrecisionDay, true},
		{"Police said yesterday that", "yesterday", date(2023, 9, 12), PrecisionDay, true},
		{"weapons testing since early 2022", "2022", date(2022, 1, 1), PrecisionYear, false},
		{"the storm of August 2005", "August 2005", date(2005, 8, 1), PrecisionMonth, true},
		{"It happened in March.", "March", date(2023, 3, 1), PrecisionMonth, true},
		{"It will open in November.", "November", date(2022, 11, 1), PrecisionMonth, true},
		{"They may march to the capital.", "", time.Time{}, PrecisionNone, false},
		{"three days ago", "three days ago", date(2023, 9, 10), PrecisionDay, true},
		{"2,019 people live there", "", time.Time{}, PrecisionNone, false},
		{"Call 815-748-2060 for details", "", time.Time{}, PrecisionNone, false},
		{"or write to 510-574-2091 today", "today", date(2023, 9, 13), PrecisionDay, true},
		{"the office at 555.748.2019", "", time.Time{}, PrecisionNone, false},
		{"Room 2019 was booked", "", time.Time{}, PrecisionNone, false},
		{"the war of 1939-1945 ended", "1939", date(1939, 1, 1), PrecisionYear, true},
		{"2019's floods were worse", "2019", date(2019, 1, 1), PrecisionYear, true},
		{"a plan of 2091 measures", "", time.Time{}, PrecisionNone, false},
		{"emissions fall to zero by 2050", "2050", date(2050, 1, 1), PrecisionYear, false},
		{"the games open in 2032", "2032", date(2032, 1, 1), PrecisionYear, true},
		{"after the vote of 2024", "2024", date(2024, 1, 1), PrecisionYear, true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Find(tt.text, ref)
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("Find = %+v, want nothing", got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Find found nothing, want %q", tt.want)
			}
			e := got[0]
			if e.Text != tt.want || !e.Time.Equal(tt.date) || e.Precision != tt.prec || e.Anchor != tt.anchor {
				t.Errorf("Find = %q %s %v anchor=%v, want %q %s %v anchor=%v", e.Text, e.Time.Format(time.DateOnly), e.Precision, e.Anchor,
					tt.want, tt.date.Format(time.DateOnly), tt.prec, tt.anchor)
			}
			if r := []rune(tt.text); string(r[e.Start:e.End]) != e.Text {
				t.Errorf("offsets %d:%d give %q, not %q", e.Start, e.End, string(r[e.Start:e.End]), e.Text)
			}
		})
	}
}

// TestFindRangeEnd checks that the second year of a range is found, and
// that the digits of a phone number never are.
func TestFindRangeEnd(t *testing.T) {
	ref := date(2023, time.September, 13)
	tests := []struct {
		text string
		want []int // the years found
	}{
		{"the war of 1939-1945 ended", []int{1939, 1945}},
		{"from 2010 – 2015 it grew", []int{2010, 2015}},
		{"call 815-748-2060 or 510-574-2091", nil},
		{"in 2019 call 2019-2060", []int{2019}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []int
			for _, e := range Find(tt.text, ref) {
				got = append(got, e.Time.Year())
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Find years = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFindWithoutReference(t *testing.T) {
	got := Find("On Wednesday, September 13, 2023, they met.", time.Time{})
	var dated []Expr
	for _, e := range got {
		if !e.Time.IsZero() {
			dated = append(dated, e)
		}
	}
	if len(dated) != 1 || !dated[0].Time.Equal(date(2023, 9, 13)) {
		t.Errorf("Find without a reference = %+v, want only the absolute date", got)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Kim met Putin. They talked.", []string{"Kim met Putin.", "They talked."}},
		{"Mr. Smith went to Washington. He left.", []string{"Mr. Smith went to Washington.", "He left."}},
		{"He lives in the U.S. and works in St. Louis.", []string{"He lives in the U.S. and works in St. Louis."}},
		{"Title line\n\nFirst line of text. Second!", []string{"Title line", "First line of text.", "Second!"}},
		{"\"We will win.\" He said so.", []string{"\"We will win.\"", "He said so."}},
		{"Pi is 3.14 roughly. Yes.", []string{"Pi is 3.14 roughly.", "Yes."}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := []rune(tt.text)
			var got []string
			for _, s := range Sentences(tt.text) {
				got = append(got, string(r[s.Start:s.End]))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Sentences = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("sentence %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func BenchmarkFind(b *testing.B) {
	text := "Kim Jong-un on Wednesday promised support; his last trip was to Vladivostok in 2019, and North Korea has tested missiles since early 2022. Hours before the meeting, on September 13, 2023, missiles flew."
	ref := date(2023, 9, 13)
	b.ReportAllocs()
	for b.Loop() {
		Find(text, ref)
	}
}

// TestFindOffsets checks that an expression's rune offsets and its text
// agree whatever the text holds before it: letters of several bytes,
// invalid UTF-8, an ISO date at the very end.
func TestFindOffsets(t *testing.T) {
	ref := date(2023, time.September, 13)
	for _, text := range []string{
		"Ürümqi, Ålesund and 東京 on 4 July 1976",
		"bad \xff\xfe bytes on Monday in 2019",
		"ends with 2023-09-13",
		"2023-09-1",
		"“Quoted” – since early 2022…",
	} {
		exprs := Find(text, ref)
		if len(exprs) == 0 {
			if text != "2023-09-1" {
				t.Errorf("%q: no expression", text)
			}
			continue
		}
		rs := []rune(text)
		for _, e := range exprs {
			if got := string(rs[e.Start:e.End]); got != e.Text && !strings.ContainsRune(got, utf8.RuneError) {
				t.Errorf("%q: runes %d–%d are %q, Text is %q", text, e.Start, e.End, got, e.Text)
			}
		}
	}
}

// FuzzFind checks that Find never panics and that its offsets stay
// inside the text and agree with the expression's text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"on 4 July 1976", "2023-09-13", "in 2019's", "Ç\xffMonday", "March 5, 2020"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		for _, e := range Find(text, date(2023, time.September, 13)) {
			if e.Start < 0 || e.End > len(rs) || e.Start >= e.End {
				t.Fatalf("%q: offsets %d–%d outside %d runes", text, e.Start, e.End, len(rs))
			}
			if utf8.ValidString(text) && string(rs[e.Start:e.End]) != e.Text {
				t.Fatalf("%q: runes %d–%d are %q, Text is %q", text, e.Start, e.End, string(rs[e.Start:e.End]), e.Text)
			}
		}
	})
}
