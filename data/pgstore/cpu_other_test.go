//go:build !linux

package pgstore_test

import (
	"context"
	"time"

	"eventmap/data/pgstore"
)

// serverCPU and selfCPU are not measured outside Linux.
func serverCPU(context.Context, *pgstore.Store) time.Duration { return 0 }

func selfCPU() time.Duration { return 0 }
