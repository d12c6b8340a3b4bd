package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = dispatch(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		code, out, _ := runCLI(arg)
		if code != 0 || !strings.HasPrefix(out, "eventmap ") || !strings.Contains(out, "commit") {
			t.Errorf("%s: exit %d, output %q", arg, code, out)
		}
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	code, out, _ := runCLI("help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name) {
			t.Errorf("help does not list %q:\n%s", c.name, out)
		}
	}
	code, out, _ = runCLI("help", "version")
	if code != 0 || !strings.Contains(out, "usage: eventmap version") {
		t.Errorf("help version: exit %d, %q", code, out)
	}
	if code, _, errs := runCLI("help", "nope"); code != 2 || !strings.Contains(errs, "nope") {
		t.Errorf("help nope: exit %d, %q", code, errs)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, errs := runCLI("frobnicate")
	if code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) || !strings.Contains(errs, "eventmap help") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestSinceProcessStart(t *testing.T) {
	if d := sinceProcessStart(); d < 0 || d.Hours() > 24*365 {
		t.Errorf("process started %v ago", d)
	}
}
