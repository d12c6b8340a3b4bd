package geoparse

import (
	"context"
	"os"
	"testing"
	"time"
)

func benchmarkParse(b *testing.B, text string) {
	p := testParser()
	ctx := context.Background()
	if _, err := p.Parse(ctx, text, time.Time{}); err != nil { // load the gazetteer
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := p.Parse(ctx, text, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse parses a 1.2 kB news article (testdata/article.txt).
func BenchmarkParse(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkParse(b, string(text))
}

// BenchmarkParseSeed parses the 3.6 kB seed article.
func BenchmarkParseSeed(b *testing.B) {
	benchmarkParse(b, readSeed(b))
}

func BenchmarkTokenize(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	rs := []rune(string(text))
	b.ReportAllocs()
	for b.Loop() {
		tokenize(rs)
	}
}
