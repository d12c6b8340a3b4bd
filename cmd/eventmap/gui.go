package main

import (
	"context"
)

// runGUI opens the desktop app and returns when its window closes.
func runGUI(_ context.Context, _ env) int {
	return 0
}
