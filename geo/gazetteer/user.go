package gazetteer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"eventmap/geo/gazetteer/gazfile"
	"eventmap/geo/gazetteer/geonames"

	"github.com/paulmach/orb"
	"github.com/tidwall/buntdb"
)

// User is the user's own gazetteer: places and alternate names imported
// from GeoNames dumps (see Import), kept in a BuntDB file with a spatial
// index. Pass it in Options to merge it into every lookup. Its methods are
// safe for concurrent use.
//
// Keys: "p:ID" holds a place ("[lon lat]" then tab-separated fields);
// "n:KEY\x00ID" says that the folded name KEY names place ID (value: the
// match type as a digit).
type User struct {
	path string

	mu     sync.RWMutex
	db     *buntdb.DB // nil until first use after an Import
	closed bool
}

const (
	placePrefix = "p:"
	namePrefix  = "n:"
	posIndex    = "pos"
)

// OpenUser returns the user gazetteer kept at path. The file is read on
// first use (BuntDB replays it into memory then); a missing file is an
// empty gazetteer, created by the first Import.
//
// A file that is there but is not a user gazetteer (an events database, an
// image, any other file) is refused with ErrNotUserGazetteer, saying what it
// seems to be, so that an import never appends to it.
func OpenUser(path string) (*User, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("gazetteer: user gazetteer %s is a folder", path)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("gazetteer: user gazetteer: %w", err)
	} else if err == nil {
		if err := checkUserFile(path); err != nil {
			return nil, err
		}
	}
	return &User{path: path}, nil
}

// ErrNotUserGazetteer is returned for a file that is not a user gazetteer.
var ErrNotUserGazetteer = errors.New("not a user gazetteer")

// DefaultUserPath is where the user gazetteer lives unless a --gazetteer
// flag names another file: gazetteer.db in the user's configuration folder.
func DefaultUserPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "eventmap", "gazetteer.db")
}

// checkUserFile looks at the first 64 KiB of an existing file and refuses
// it unless it is empty or a BuntDB file of places and names.
func checkUserFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: user gazetteer: %w", err)
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("gazetteer: user gazetteer %s: %w", path, err)
	}
	if what := fileKind(head[:n]); what != "" {
		return fmt.Errorf("gazetteer: %s: %w: it is %s", path, ErrNotUserGazetteer, what)
	}
	return nil
}

// eventsKeyPrefixes are key prefixes only an events database has.
var eventsKeyPrefixes = []string{"meta:", "a:", "t:", "m:", "e:", "u:", "c:", "s:"}

// fileKind names what head, the start of a file, is when it is not (the
// start of) a user gazetteer; "" when it is one, or empty.
func fileKind(head []byte) string {
	magic := []struct{ prefix, what string }{
		{"\x89PNG", "a PNG image"},
		{"\xff\xd8\xff", "a JPEG image"},
		{"GIF8", "a GIF image"},
		{"%PDF", "a PDF document"},
		{"PK\x03\x04", "a zip archive (to import a zipped GeoNames dump, name it after \"gazetteer import\")"},
		{"SQLite format 3\x00", "an SQLite database"},
	}
	for _, m := range magic {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.what
		}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return ""
	}
	if head[0] != '*' {
		if _, err := geonames.ParsePlace(string(bytes.SplitN(head, []byte("\n"), 2)[0])); err == nil {
			return "a GeoNames dump (import it with \"eventmap gazetteer import FILE\")"
		}
		return "not a BuntDB file"
	}
	keys := aofKeys(head)
	for _, k := range keys {
		for _, p := range eventsKeyPrefixes {
			if strings.HasPrefix(k, p) {
				return "an eventmap events database (the --db of ingest, query and export)"
			}
		}
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, placePrefix) && !strings.HasPrefix(k, namePrefix) {
			return fmt.Sprintf("a BuntDB file of another kind (it holds the key %q)", k)
		}
	}
	if len(keys) == 0 && len(head) < 64<<10 {
		return "not a BuntDB file"
	}
	return ""
}

// aofKeys returns the keys of the whole commands at the start of a BuntDB
// append-only file (RESP arrays: *N, then $LEN and the bytes of each part).
func aofKeys(b []byte) []string {
	var keys []string
	line := func() (string, bool) {
		i := bytes.Index(b, []byte("\r\n"))
		if i < 0 {
			return "", false
		}
		l := string(b[:i])
		b = b[i+2:]
		return l, true
	}
	for len(b) > 0 {
		h, ok := line()
		if !ok || len(h) < 2 || h[0] != '*' {
			return keys
		}
		n, err := strconv.Atoi(h[1:])
		if err != nil || n < 1 || n > 16 {
			return keys
		}
		var parts []string
		for range n {
			h, ok := line()
			if !ok || len(h) < 2 || h[0] != '$' {
				return keys
			}
			size, err := strconv.Atoi(h[1:])
			if err != nil || size < 0 || size+2 > len(b) {
				return keys
			}
			parts = append(parts, string(b[:size]))
			b = b[size+2:]
		}
		if len(parts) >= 2 {
			keys = append(keys, parts[1])
		}
	}
	return keys
}

// view runs fn in a read transaction, opening the database first if this
// is its first use, or the first since an Import replaced its file.
func (u *User) view(fn func(tx *buntdb.Tx) error) error {
	for {
		u.mu.RLock()
		if u.closed {
			u.mu.RUnlock()
			return errors.New("gazetteer: user gazetteer is closed")
		}
		if db := u.db; db != nil {
			err := db.View(fn)
			u.mu.RUnlock()
			if err != nil {
				return fmt.Errorf("gazetteer: user gazetteer: %w", err)
			}
			return nil
		}
		u.mu.RUnlock()
		if err := u.open(); err != nil {
			return err
		}
	}
}

// open opens the database file, or an empty one in memory if there is none.
func (u *User) open() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.db != nil || u.closed {
		return nil
	}
	src := u.path
	if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
		src = ":memory:"
	}
	db, err := openUserDB(src)
	if err != nil {
		return err
	}
	u.db = db
	return nil
}

func openUserDB(path string) (*buntdb.DB, error) {
	db, err := buntdb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: user gazetteer %s: %w", path, err)
	}
	if err := db.CreateSpatialIndex(posIndex, placePrefix+"*", placeRect); err != nil {
		db.Close()
		return nil, fmt.Errorf("gazetteer: user gazetteer %s: %w", path, err)
	}
	return db, nil
}

// placeRect reads the point at the start of a place value ("[lon lat]\t…"),
// and also the "[min],[max]" bounds that Intersects hands it.
func placeRect(s string) (min, max []float64) {
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	return buntdb.IndexRect(s)
}

// Path returns where the user gazetteer is kept.
func (u *User) Path() string { return u.path }

// Close closes the user gazetteer.
func (u *User) Close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.closed = true
	if u.db == nil {
		return nil
	}
	err := u.db.Close()
	u.db = nil
	if err != nil {
		return fmt.Errorf("gazetteer: user gazetteer: %w", err)
	}
	return nil
}

// Len returns the number of places in the user gazetteer.
func (u *User) Len() (int, error) {
	n := 0
	err := u.view(func(tx *buntdb.Tx) error {
		return tx.AscendKeys(placePrefix+"*", func(_, _ string) bool { n++; return true })
	})
	return n, err
}

// userPlace is a place of the user gazetteer with its static rank.
type userPlace struct {
	Place
	Rank float64
}

// encodePlace writes a place value: "[lon lat]" then name, ascii, kind,
// feature code, country, admin1, population, rank, tab-separated.
func encodePlace(p *Place, rank float64) string {
	var b strings.Builder
	b.Grow(64 + len(p.Name) + len(p.ASCIIName))
	b.WriteByte('[')
	b.WriteString(strconv.FormatFloat(p.Point.Lon(), 'f', -1, 64))
	b.WriteByte(' ')
	b.WriteString(strconv.FormatFloat(p.Point.Lat(), 'f', -1, 64))
	b.WriteString("]\t")
	for _, s := range []string{p.Name, p.ASCIIName, strconv.Itoa(int(p.Kind)), p.FeatureCode, p.Country, p.Admin1, strconv.FormatInt(p.Population, 10)} {
		b.WriteString(s)
		b.WriteByte('\t')
	}
	b.WriteString(strconv.FormatFloat(rank, 'f', 4, 64))
	return b.String()
}

func decodePlace(key, val string) (userPlace, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(key, placePrefix), 10, 64)
	if err != nil {
		return userPlace{}, fmt.Errorf("gazetteer: user gazetteer: bad key %q", key)
	}
	f := strings.Split(val, "\t")
	if len(f) != 9 {
		return userPlace{}, fmt.Errorf("gazetteer: user gazetteer: bad value for %q", key)
	}
	min, _ := buntdb.IndexRect(f[0])
	if len(min) < 2 {
		return userPlace{}, fmt.Errorf("gazetteer: user gazetteer: bad point for %q", key)
	}
	kind, _ := strconv.Atoi(f[3])
	pop, _ := strconv.ParseInt(f[7], 10, 64)
	rank, _ := strconv.ParseFloat(f[8], 64)
	pt := orb.Point{min[0], min[1]}
	return userPlace{Place: Place{
		ID: id, Name: f[1], ASCIIName: f[2], Kind: Kind(kind), FeatureCode: f[4], Country: f[5], Admin1: f[6],
		Point: pt, Bound: orb.Bound{Min: pt, Max: pt}, Population: pop, User: true,
	}, Rank: rank}, nil
}

func placeKey(id int64) string { return placePrefix + strconv.FormatInt(id, 10) }

// Get returns the user place with the given id.
func (u *User) Get(id int64) (Place, error) {
	var p userPlace
	err := u.view(func(tx *buntdb.Tx) error {
		v, err := tx.Get(placeKey(id))
		if err != nil {
			return err
		}
		p, err = decodePlace(placeKey(id), v)
		return err
	})
	if errors.Is(err, buntdb.ErrNotFound) {
		return Place{}, fmt.Errorf("%w: id %d", ErrNotFound, id)
	}
	if err != nil {
		return Place{}, err
	}
	return p.Place, nil
}

// userHit is a name match in the user gazetteer: a user place, or only the
// id of an embedded place that a user alternate name points to.
type userHit struct {
	ID    int64
	Match MatchType
	Place *userPlace
}

// lookup returns the user gazetteer's matches for a folded key.
func (u *User) lookup(key string) ([]userHit, error) {
	var hits []userHit
	err := u.view(func(tx *buntdb.Tx) error {
		prefix := namePrefix + key + "\x00"
		var ierr error
		err := tx.AscendGreaterOrEqual("", prefix, func(k, v string) bool {
			if !strings.HasPrefix(k, prefix) {
				return false
			}
			id, err := strconv.ParseInt(k[len(prefix):], 10, 64)
			if err != nil || v == "" {
				return true
			}
			h := userHit{ID: id, Match: MatchType(v[0] - '0')}
			if pv, err := tx.Get(placeKey(id)); err == nil {
				p, err := decodePlace(placeKey(id), pv)
				if err != nil {
					ierr = err
					return false
				}
				h.Place = &p
			}
			hits = append(hits, h)
			return true
		})
		if ierr != nil {
			return ierr
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return hits, nil
}

// nearest returns about limit user places near p (by planar distance).
func (u *User) nearest(p orb.Point, limit int) ([]Place, error) {
	var out []Place
	err := u.view(func(tx *buntdb.Tx) error {
		var derr error
		n := 0
		q := fmt.Sprintf("[%g %g]", p.Lon(), p.Lat())
		err := tx.Nearby(posIndex, q, func(k, v string, _ float64) bool {
			up, err := decodePlace(k, v)
			if err != nil {
				derr = err
				return false
			}
			out = append(out, up.Place)
			n++
			return n < limit*4
		})
		if derr != nil {
			return derr
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// within calls fn for the user places whose point lies in b.
func (u *User) within(b orb.Bound, fn func(Place) bool) error {
	return u.view(func(tx *buntdb.Tx) error {
		var derr error
		q := fmt.Sprintf("[%g %g],[%g %g]", b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat())
		err := tx.Intersects(posIndex, q, func(k, v string) bool {
			up, err := decodePlace(k, v)
			if err != nil {
				derr = err
				return false
			}
			if !b.Contains(up.Point) {
				return true
			}
			return fn(up.Place)
		})
		if derr != nil {
			return derr
		}
		return err
	})
}

// rankOf is the static rank the user gazetteer stores for a GeoNames place.
func rankOf(k Kind, fcode string, pop int64) float64 { return gazfile.Rank(k, fcode, pop) }
