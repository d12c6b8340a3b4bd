// Package locale settles the message language before Fyne reads it.
//
// Fyne's lang package looks up the user's language while it initialises
// (and again whenever a widget asks for the system locale). Under a
// "C.<encoding>" locale such as "C.UTF-8" — the default of many containers
// and CI machines — the lookup yields the language "C", which is not a
// language tag, and Fyne logs "language: tag is not well-formed" on every
// start, in the app, in headless commands and in every test binary.
// ("C", "POSIX" and an unset locale are fine: they yield no language.)
//
// This package's init sets LANGUAGE=en for such locales, which only
// chooses the language of messages. It runs before Fyne's: Go initialises
// packages in import-path order when their imports do not decide it, and
// "eventmap/…" sorts before "fyne.io/…". Package app imports it, so every
// binary and test that uses app gets it; every other package of the module
// that imports Fyne must import it too (TestEveryFynePackageSettles checks).
package locale

import (
	"os"
	"strings"
)

func init() {
	Settle(os.Getenv, os.Setenv)
}

// Settle sets LANGUAGE to "en" when the locale in effect (LC_ALL,
// LC_MESSAGES or LANG, the first one set) is a "C.<encoding>" or
// "POSIX.<encoding>" locale and LANGUAGE is unset. getenv and setenv are
// os.Getenv and os.Setenv outside tests.
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
			_ = setenv("LANGUAGE", "en") // only fails for an invalid name
		}
		return
	}
}
