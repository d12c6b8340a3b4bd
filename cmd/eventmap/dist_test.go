package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// distDir is where make dist puts the packages: $EVENTMAP_DIST, else dist/
// at the top of the repository.
func distDir() string {
	if d := os.Getenv("EVENTMAP_DIST"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "dist")
}

// TestDistLinux unpacks the Linux package and runs the packaged binary
// headless: version, an ingest of the sample notes, a snapshot.
func TestDistLinux(t *testing.T) {
	tars, _ := filepath.Glob(filepath.Join(distDir(), "eventmap-*-linux-amd64.tar.xz"))
	if len(tars) == 0 {
		t.Skip("no Linux package in dist/: run make dist")
	}
	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xJf", tars[0], "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("unpacking %s: %v\n%s", tars[0], err, out)
	}
	for _, f := range []string{"eventmap/Makefile", "eventmap/usr/local/share/applications/io.eventmap.app.desktop", "eventmap/usr/local/share/pixmaps/io.eventmap.app.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("package lacks %s", f)
		}
	}
	bin := filepath.Join(dir, "eventmap", "usr", "local", "bin", "eventmap")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("eventmap %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := run("version"); !strings.HasPrefix(out, "eventmap v") || strings.Contains(out, "commit unknown") {
		t.Errorf("version: %q", out)
	}
	db := filepath.Join(dir, "events.db")
	if out := run("ingest", "--db", db, filepath.Join("..", "..", "assets", "sample", "*.txt")); !strings.Contains(out, "30 articles stored") {
		t.Errorf("ingest: %s", out)
	}
	shot := filepath.Join(dir, "shot.png")
	run("snapshot", "--db", db, "--out", shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if img, err := png.Decode(f); err != nil || img.Bounds().Dx() != 1280 {
		t.Errorf("snapshot: %v", err)
	}
}

// TestDistWindows checks that the Windows program is a 64-bit PE with an
// icon and version information among its resources.
func TestDistWindows(t *testing.T) {
	exes, _ := filepath.Glob(filepath.Join(distDir(), "eventmap-*-windows-amd64.exe"))
	if len(exes) == 0 {
		t.Skip("no Windows program in dist/: run make dist (with mingw-w64)")
	}
	f, err := pe.Open(exes[0])
	if err != nil {
		t.Fatalf("%s is not a PE file: %v", exes[0], err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want amd64", f.Machine)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		t.Fatal("no resource section")
	}
	data, err := rsrc.Data()
	if err != nil {
		t.Fatal(err)
	}
	types := resourceTypes(data)
	const rtIcon, rtGroupIcon, rtVersion = 3, 14, 16
	for _, want := range []uint32{rtIcon, rtGroupIcon, rtVersion} {
		if !types[want] {
			t.Errorf("resource type %d missing (have %v)", want, types)
		}
	}
	// The version resource carries the product name.
	if !bytes.Contains(data, utf16("Event Map")) {
		t.Errorf("no product name in the resources")
	}
}

// resourceTypes lists the type IDs of the root directory of a resource
// section (IMAGE_RESOURCE_DIRECTORY, then its entries).
func resourceTypes(data []byte) map[uint32]bool {
	types := make(map[uint32]bool)
	if len(data) < 16 {
		return types
	}
	named := int(binary.LittleEndian.Uint16(data[12:]))
	ids := int(binary.LittleEndian.Uint16(data[14:]))
	for i := 0; i < named+ids; i++ {
		off := 16 + 8*i
		if off+8 > len(data) {
			break
		}
		id := binary.LittleEndian.Uint32(data[off:])
		if id&0x80000000 == 0 {
			types[id] = true
		}
	}
	return types
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}
