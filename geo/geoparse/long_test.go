package geoparse

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestPieceEnd(t *testing.T) {
	for _, tc := range []struct {
		s    string
		max  int
		want int
	}{
		{"short", 10, 5},
		{"aaaa bbbb\n\ncccc dddd", 16, 11},
		{"aaaa bbbb\ncccc dddd", 16, 10},
		{"aaaa bbbb cccc dddd", 16, 15},
		{strings.Repeat("é", 10), 5, 4},
	} {
		got := pieceEnd(tc.s, tc.max)
		if got != tc.want || !utf8.ValidString(tc.s[:got]) {
			t.Errorf("pieceEnd(%q, %d) = %d, want %d", tc.s, tc.max, got, tc.want)
		}
	}
}

// A long text parsed in pieces gives the mentions a whole parse gives, at
// the same offsets of the whole text.
func TestParseLongMatchesParse(t *testing.T) {
	p := testParser()
	para := "On 3 May 2021 a fire broke out in Athens. Later rain fell on Dublin, Ireland.\n\n"
	text := strings.Repeat(para, longPiece/len(para)+40)
	long, err := p.ParseLong(context.Background(), text, time.Time{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune(text)
	if len(long.Mentions) == 0 {
		t.Fatal("no mentions")
	}
	for _, m := range long.Mentions {
		if string(rs[m.Start:m.End]) != m.Text {
			t.Fatalf("mention %q at %d-%d reads %q", m.Text, m.Start, m.End, string(rs[m.Start:m.End]))
		}
	}
	for _, ev := range long.Events {
		if ev.Mention < 0 || ev.Mention >= len(long.Mentions) || ev.Sentence.End > len(rs) {
			t.Fatalf("event %+v out of range", ev)
		}
		if m := long.Mentions[ev.Mention]; m.Start < ev.Sentence.Start || m.End > ev.Sentence.End {
			t.Fatalf("event's mention %d-%d outside its sentence %v", m.Start, m.End, ev.Sentence)
		}
	}
	one, err := p.Parse(context.Background(), para, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	reps := strings.Count(text, para)
	if len(long.Mentions) != reps*len(one.Mentions) {
		t.Errorf("%d mentions, want %d × %d", len(long.Mentions), reps, len(one.Mentions))
	}
}
