package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// sinceProcessStart is how long ago the kernel started this process, from
// /proc/self/stat (field 22, in clock ticks since boot) and /proc/uptime.
// It falls back to the time since main began.
func sinceProcessStart() time.Duration {
	stat, err1 := os.ReadFile("/proc/self/stat")
	up, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return time.Since(mainStart)
	}
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return time.Since(mainStart)
	}
	fields := strings.Fields(s[i+1:])
	// fields[0] is field 3 (state), so field 22 is fields[19].
	if len(fields) < 20 {
		return time.Since(mainStart)
	}
	ticks, err := strconv.ParseFloat(fields[19], 64)
	uptime, err2 := strconv.ParseFloat(strings.Fields(string(up))[0], 64)
	if err != nil || err2 != nil {
		return time.Since(mainStart)
	}
	const hz = 100 // USER_HZ on Linux
	return time.Duration((uptime - ticks/hz) * float64(time.Second))
}
