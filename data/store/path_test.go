package store

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvDB, "/tmp/x/events.db")
	if p, err := DefaultPath(); err != nil || p != "/tmp/x/events.db" {
		t.Errorf("with %s set: %q %v", EnvDB, p, err)
	}
	t.Setenv(EnvDB, "")
	if runtime.GOOS != "linux" {
		t.Skip("the XDG layout is checked on Linux")
	}
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, _ := DefaultPath(); p != filepath.FromSlash("/data/eventmap/events.db") {
		t.Errorf("XDG_DATA_HOME: %q", p)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/ann")
	if p, _ := DefaultPath(); !strings.HasSuffix(p, ".local/share/eventmap/events.db") {
		t.Errorf("default: %q", p)
	}
}
