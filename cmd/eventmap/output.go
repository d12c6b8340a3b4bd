package main

import (
	"io"
	"strconv"
	"strings"
	"unicode"
)

// stickyWriter remembers the first error of the writes through it, so that
// a command whose output could not be written (a full disk, /dev/full, a
// closed pipe) exits non-zero even where the writes were not checked one by
// one.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// safe makes text from outside (file names, messages that hold them) fit
// for one line of a terminal: control characters, such as a newline that
// would forge a line of its own or the ESC of a terminal sequence, and
// other unprintable runes are written as Go escapes (\n, \x1b), as %q does.
func safe(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsPrint(r) || r == ' ' {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}
