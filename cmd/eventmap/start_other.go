//go:build !linux

package main

import "time"

// sinceProcessStart is the time since main began: the closest this
// platform offers without cgo.
func sinceProcessStart() time.Duration { return time.Since(mainStart) }
