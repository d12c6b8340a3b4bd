// Package locale settles the message language before Fyne reads it.
//
// Fyne looks up the user's language while its packages initialise. Under a
// "C.UTF-8" locale (the default of many containers and CI machines) it
// cannot parse the language and logs an error on every start, even for
// headless commands. Importing this package first — Go initialises
// packages in import-path order when nothing else decides, and "eventmap/…"
// sorts before "fyne.io/…" — sets LANGUAGE=en for such locales, which only
// chooses the language of messages.
package locale

import (
	"os"
	"strings"
)

func init() {
	Settle(os.Getenv, os.Setenv)
}

// Settle sets LANGUAGE to "en" when the locale in effect (LC_ALL,
// LC_MESSAGES or LANG, the first one set) is a "C.<encoding>" locale and
// LANGUAGE is unset. getenv and setenv are os.Getenv and os.Setenv outside
// tests.
func Settle(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			setenv("LANGUAGE", "en")
		}
		return
	}
}
