package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Changes returns a channel that receives a value soon after any process
// commits a write to the database (this one included): an ingest, a
// correction or a delete. Bursts are merged: a reader that is busy finds
// one value waiting, not one per write. The channel is closed when ctx is
// done or the store is closed.
//
// It listens with LISTEN on a connection of its own and reconnects (every
// two seconds) when that connection is lost; a reconnection also sends a
// value, since writes may have been missed meanwhile.
func (s *Store) Changes(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	signal := func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-s.done:
		case <-ctx.Done():
		}
		cancel()
	}()
	go func() {
		defer close(ch)
		first := true
		for ctx.Err() == nil && !s.isClosed() {
			err := s.listen(ctx, func() {
				if !first {
					signal() // writes may have been missed while reconnecting
				}
				first = false
			}, signal)
			if ctx.Err() != nil || s.isClosed() {
				return
			}
			s.log.Warn("pgstore: listening for changes; reconnecting in 2 s", "db", s.name, "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
		}
	}()
	return ch
}

// listen holds one LISTEN connection until it fails or ctx is done.
func (s *Store) listen(ctx context.Context, connected, changed func()) error {
	conn, err := pgx.ConnectConfig(ctx, s.cfg.ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		return err
	}
	connected()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		changed()
	}
}
