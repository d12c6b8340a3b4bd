package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// EnvDB is the environment variable that, when set, names the database
// file used when no --db flag is given.
const EnvDB = "EVENTMAP_DB"

// DefaultFile is the database's file name inside the data folder.
const DefaultFile = "events.db"

// DefaultPath returns the database used when none is named: $EVENTMAP_DB
// when set, else events.db in the user's data folder —
// $XDG_DATA_HOME/eventmap (~/.local/share/eventmap) on Linux and BSD,
// ~/Library/Application Support/eventmap on macOS, %LocalAppData%\eventmap
// on Windows. It does not create anything.
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvDB); p != "" {
		return p, nil
	}
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "eventmap", DefaultFile), nil
}

func dataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return os.UserConfigDir()
	case "darwin", "ios":
		return os.UserConfigDir() // ~/Library/Application Support
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("store: no home folder to keep the database in; name one with --db or " + EnvDB)
	}
	return filepath.Join(home, ".local", "share"), nil
}
