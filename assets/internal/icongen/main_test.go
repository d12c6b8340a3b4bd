package main

import (
	"bytes"
	"image/png"
	"testing"
)

func TestIconDrawsAnOpaqueGlobeAndPin(t *testing.T) {
	var buf bytes.Buffer
	if err := encode(&buf, 128); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 128 || b.Dy() != 128 {
		t.Fatalf("size %v", b)
	}
	alpha := func(x, y int) uint32 { _, _, _, a := img.At(x, y).RGBA(); return a }
	if alpha(0, 0) != 0 {
		t.Errorf("corner is not transparent")
	}
	if alpha(64, 64) != 0xffff {
		t.Errorf("centre is not opaque")
	}
	// The pin is red.
	r, g, b, _ := img.At(82, 70).RGBA()
	if !(r > 0xc000 && g < 0x6000 && b < 0x6000) {
		t.Errorf("pin colour %x %x %x", r, g, b)
	}
	if err := encode(&buf, 4); err == nil {
		t.Errorf("a 4 px icon was accepted")
	}
}
