// Command loadprobe measures what the embedded gazetteer costs a fresh
// process: the time to the first lookup and the resident memory after it,
// and again after the first spatial and id queries. Linux only (it reads
// /proc/self/status). Run: go run ./geo/gazetteer/internal/loadprobe
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
)

func main() {
	start := time.Now()
	g := gazetteer.Embedded(gazetteer.Options{})
	c, err := g.Lookup("Vladivostok", gazetteer.LookupOptions{Limit: 1})
	if err != nil || len(c) == 0 {
		fmt.Fprintln(os.Stderr, "loadprobe: lookup failed:", err)
		os.Exit(1)
	}
	first := time.Since(start)
	fmt.Printf("first lookup: %v after main started (%s)\n", first.Round(100*time.Microsecond), c[0].Name)
	report("after first lookup")

	t := time.Now()
	if _, err := g.Nearest(orb.Point{131.9, 43.1}, 5, nil); err != nil {
		fmt.Fprintln(os.Stderr, "loadprobe:", err)
		os.Exit(1)
	}
	fmt.Printf("first nearest: %v\n", time.Since(t).Round(100*time.Microsecond))
	t = time.Now()
	if _, err := g.Get(703448); err != nil {
		fmt.Fprintln(os.Stderr, "loadprobe:", err)
		os.Exit(1)
	}
	fmt.Printf("first get by id: %v\n", time.Since(t).Round(100*time.Microsecond))
	t = time.Now()
	if _, err := g.Alternates(703448); err != nil {
		fmt.Fprintln(os.Stderr, "loadprobe:", err)
		os.Exit(1)
	}
	fmt.Printf("first alternates: %v\n", time.Since(t).Round(100*time.Microsecond))
	report("after every index is built")
}

func report(when string) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var parts []string
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") {
			parts = append(parts, strings.Join(strings.Fields(l), " "))
		}
	}
	fmt.Printf("%s: %s\n", when, strings.Join(parts, ", "))
}
