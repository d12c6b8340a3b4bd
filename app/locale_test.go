package app

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
)

// TestLocaleLogsNothing runs this test binary again under the locales of
// containers and CI machines and checks that Fyne logs no complaint about
// the language while it starts, sets up an app or formats for the locale.
func TestLocaleLogsNothing(t *testing.T) {
	if os.Getenv("EVENTMAP_LOCALE_CHILD") == "1" {
		test.NewTempApp(t)
		_ = lang.SystemLocale()
		_ = lang.L("Cancel")
		return
	}
	for _, env := range [][]string{{"LANG=C.UTF-8"}, {"LANG=C"}, {}, {"LC_ALL=POSIX.UTF-8"}, {"LC_ALL=C.utf8", "LANG=de_DE.UTF-8"}} {
		t.Run(strings.Join(env, " "), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestLocaleLogsNothing$", "-test.v")
			for _, kv := range os.Environ() {
				k, _, _ := strings.Cut(kv, "=")
				if k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
					cmd.Env = append(cmd.Env, kv)
				}
			}
			cmd.Env = append(append(cmd.Env, env...), "EVENTMAP_LOCALE_CHILD=1")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if !strings.Contains(string(out), "PASS") {
				t.Fatalf("the child did not run: %s", out)
			}
			if strings.Contains(string(out), "not well-formed") || strings.Contains(string(out), "Fyne error") {
				t.Errorf("logged under %v:\n%s", env, out)
			}
		})
	}
}
