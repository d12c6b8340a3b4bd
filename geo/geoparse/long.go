package geoparse

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// longPiece is the size, in bytes, of the pieces ParseLong cuts a long text
// into: large enough that no sentence is cut in a real article, small
// enough that the parser's working memory (tens of times its input) stays
// well under a gigabyte.
const longPiece = 1 << 20

// ParseLong geoparses a text of any length. A text up to longPiece bytes
// is parsed whole, as by Parse; a longer one in pieces of about that size
// cut at a paragraph break (else a line break, else a space), so that memory
// stays proportional to a piece, not to the whole text. Offsets in the
// result are of the whole text, and the article date of the first piece
// (given or found) dates the others. h, when set, are hints from the user's
// store, as for ParseWithHints, applied to every piece.
func (p *Parser) ParseLong(ctx context.Context, text string, date time.Time, h *Hints) (*Result, error) {
	if len(text) <= longPiece {
		return p.ParseWithHints(ctx, text, date, h)
	}
	out := &Result{Date: date}
	runeOff := 0
	for first := true; text != ""; first = false {
		n := pieceEnd(text, longPiece)
		piece := text[:n]
		res, err := p.ParseWithHints(ctx, piece, out.Date, h)
		if err != nil {
			return nil, err
		}
		if first {
			out.Date = res.Date
		}
		base := len(out.Mentions)
		for _, m := range res.Mentions {
			m.Start += runeOff
			m.End += runeOff
			out.Mentions = append(out.Mentions, m)
		}
		for _, ev := range res.Events {
			ev.Mention += base
			ev.Sentence.Start += runeOff
			ev.Sentence.End += runeOff
			out.Events = append(out.Events, ev)
		}
		runeOff += utf8.RuneCountInString(piece)
		text = text[n:]
	}
	return out, nil
}

// pieceEnd returns where to cut the first piece of at most about max bytes
// off s: after the last paragraph break in its second half, else the last
// line break, else the last space, else at a rune boundary.
func pieceEnd(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	head := s[:max]
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(head, sep); i >= max/2 {
			return i + len(sep)
		}
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if i == 0 {
		return max
	}
	return i
}
