package gazfile

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/andybalholm/brotli"
	"github.com/paulmach/orb"
)

// magic starts every gazetteer file; the digits are the format version.
// Version 02 compresses each section with Brotli (quality 11, 16 MiB
// window); version 01 used DEFLATE and is no longer read.
const magic = "EMGAZ02\n"

// magicPrefix is magic without its version digits and newline.
const magicPrefix = "EMGAZ"

// brotliWindow is the log2 of the Brotli window Build compresses with: it
// covers every section whole.
const brotliWindow = 24

// Sections of the file, in order.
const (
	secTables = iota
	secPlaces
	secNames
	secKeys
	secAlts
	numSections
)

const (
	recSize   = 32      // bytes per place record
	boundSize = 16      // bytes per bound
	coordUnit = 1e-5    // degrees per stored coordinate unit
	noAdmin   = 0xFFFF  // admin1 index of a place with none
	maxPlaces = 1 << 29 // postings keep 3 bits for the match type
)

// ErrFormat is returned by Open for data that is not a gazetteer file.
var ErrFormat = errors.New("gazfile: not a gazetteer file")

// Record is one place as the generator hands it to Build.
type Record struct {
	ID          int64      // GeoNames id, or a negative synthetic id
	Name        string     // main name
	ASCII       string     // ASCII spelling (may equal Name)
	Alternates  []string   // alternate names and aliases, kept for display and indexed
	Abbrevs     []string   // abbreviations and codes, indexed as MatchAbbrev
	Demonyms    []string   // demonyms and adjectives, indexed as MatchDemonym
	Codes       []string   // ISO and postal codes, indexed as MatchCode
	Kind        Kind       // what sort of place
	FeatureCode string     // GeoNames feature code ("PPLC", "ADM1", …) or a project code
	Country     string     // ISO 3166-1 alpha-2 code, or ""
	Admin1      string     // GeoNames admin1 code within Country, or ""
	Point       orb.Point  // representative point, lon/lat
	Bound       *orb.Bound // extent, nil for a point place
	Population  int64      // inhabitants, 0 when unknown
	Rank        float64    // static importance in [0, 2], used to order postings
}

// Build writes recs as a gazetteer file to w. Records with an extent are
// stored first; postings under each key are ordered by Rank, best first.
func Build(w io.Writer, recs []Record) error {
	if len(recs) >= maxPlaces {
		return fmt.Errorf("gazfile: %d records is too many", len(recs))
	}
	recs = slices.Clone(recs)
	slices.SortStableFunc(recs, func(a, b Record) int {
		ab, bb := a.Bound != nil, b.Bound != nil
		switch {
		case ab && !bb:
			return -1
		case !ab && bb:
			return 1
		}
		return 0
	})
	nb := 0
	for _, r := range recs {
		if r.Bound != nil {
			nb++
		}
	}

	// Tables: feature codes, countries, admin1 codes.
	fcodes := interner{}
	countries := interner{}
	admins := interner{}
	fcodes.id("")
	countries.id("")
	for _, r := range recs {
		if len(r.FeatureCode) > 255 || len(r.Country) > 255 {
			return fmt.Errorf("gazfile: record %d: code too long", r.ID)
		}
		fcodes.id(r.FeatureCode)
		countries.id(r.Country)
		if r.Admin1 != "" {
			admins.id(r.Country + "." + r.Admin1)
		}
	}
	if len(fcodes.list) > 256 || len(countries.list) > 65535 || len(admins.list) >= noAdmin {
		return errors.New("gazfile: too many distinct codes")
	}
	countryPlace := make([]int32, len(countries.list))
	adminPlace := make([]int32, len(admins.list))
	for i := range countryPlace {
		countryPlace[i] = -1
	}
	for i := range adminPlace {
		adminPlace[i] = -1
	}
	for i, r := range recs {
		switch r.Kind {
		case KindCountry:
			countryPlace[countries.m[r.Country]] = int32(i)
		case KindAdmin1:
			if r.Admin1 != "" {
				adminPlace[admins.m[r.Country+"."+r.Admin1]] = int32(i)
			}
		}
	}
	var tables bytes.Buffer
	putU32(&tables, uint32(len(recs)))
	putU32(&tables, uint32(nb))
	for _, list := range [][]string{fcodes.list, countries.list, admins.list} {
		putU32(&tables, uint32(len(list)))
		for _, s := range list {
			putString(&tables, s)
		}
	}
	for _, p := range countryPlace {
		putU32(&tables, uint32(p))
	}
	for _, p := range adminPlace {
		putU32(&tables, uint32(p))
	}

	// Places, bounds, names, alternates; keys collected on the way.
	var places, bounds, names, alts bytes.Buffer
	nameOff := map[string]uint32{}
	str := func(s string) uint32 {
		if off, ok := nameOff[s]; ok {
			return off
		}
		off := uint32(names.Len())
		putString(&names, s)
		nameOff[s] = off
		return off
	}
	// Alternates: for each place in order, the count and the names; the
	// reader finds where each place's list starts when it first needs one.
	type posting struct {
		place uint32
		mt    MatchType
		rank  float64
	}
	keys := map[string][]posting{}
	for i, r := range recs {
		var rec [recSize]byte
		binary.LittleEndian.PutUint32(rec[0:], uint32(int32(r.ID)))
		if r.ID > math.MaxInt32 || r.ID < math.MinInt32 {
			return fmt.Errorf("gazfile: id %d does not fit 32 bits", r.ID)
		}
		binary.LittleEndian.PutUint32(rec[4:], uint32(coord(r.Point.Lat())))
		binary.LittleEndian.PutUint32(rec[8:], uint32(coord(r.Point.Lon())))
		pop := r.Population
		if pop < 0 {
			pop = 0
		}
		if pop > math.MaxUint32 {
			pop = math.MaxUint32
		}
		binary.LittleEndian.PutUint32(rec[12:], uint32(pop))
		binary.LittleEndian.PutUint32(rec[16:], str(r.Name))
		ascii := r.ASCII
		if ascii == "" {
			ascii = r.Name
		}
		binary.LittleEndian.PutUint32(rec[20:], str(ascii))
		rec[24] = byte(fcodes.m[r.FeatureCode])
		rec[25] = byte(r.Kind)
		binary.LittleEndian.PutUint16(rec[26:], uint16(countries.m[r.Country]))
		a := uint16(noAdmin)
		if r.Admin1 != "" {
			a = uint16(admins.m[r.Country+"."+r.Admin1])
		}
		binary.LittleEndian.PutUint16(rec[28:], a)
		binary.LittleEndian.PutUint16(rec[30:], quantRank(r.Rank))
		places.Write(rec[:])
		if r.Bound != nil {
			var b [boundSize]byte
			binary.LittleEndian.PutUint32(b[0:], uint32(coord(r.Bound.Min.Lon())))
			binary.LittleEndian.PutUint32(b[4:], uint32(coord(r.Bound.Min.Lat())))
			binary.LittleEndian.PutUint32(b[8:], uint32(coord(r.Bound.Max.Lon())))
			binary.LittleEndian.PutUint32(b[12:], uint32(coord(r.Bound.Max.Lat())))
			bounds.Write(b[:])
		}

		// Keys: each folded key once per place, under its best match
		// type; a curated abbreviation wins over an alternate name that
		// folds the same ("N.Y." over "NY").
		mine := map[string]MatchType{}
		add := func(s string, mt MatchType) {
			k := Fold(s)
			if k == "" || len(k) > 255 {
				return
			}
			old, ok := mine[k]
			if !ok || mt < old || (mt == MatchAbbrev && old != MatchName) {
				mine[k] = mt
			}
		}
		add(r.Name, MatchName)
		add(ascii, MatchASCII)
		var shown []string
		seen := map[string]bool{r.Name: true, ascii: true}
		for _, s := range r.Alternates {
			add(s, MatchAlt)
			if !seen[s] && s != "" {
				seen[s] = true
				shown = append(shown, s)
			}
		}
		for _, s := range r.Abbrevs {
			add(s, MatchAbbrev)
		}
		for _, s := range r.Demonyms {
			add(s, MatchDemonym)
		}
		for _, s := range r.Codes {
			add(s, MatchCode)
		}
		for k, mt := range mine {
			keys[k] = append(keys[k], posting{uint32(i), mt, r.Rank})
		}
		putUvarint(&alts, uint64(len(shown)))
		for _, s := range shown {
			putString(&alts, s)
		}
	}
	placeSec := encodePlaces(places.Bytes(), bounds.Bytes(), len(recs), nb, fcodes.list)

	// Keys sorted bytewise; postings by match type class then rank.
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	var keySec bytes.Buffer
	putU32(&keySec, uint32(len(sorted)))
	np := 0
	for _, ps := range keys {
		np += len(ps)
	}
	putU32(&keySec, uint32(np))
	putU32(&keySec, uint32(len(recs)))
	// The key strings and the postings go in two runs, each of which
	// compresses better alone than the two interleaved.
	var keyStr, keyPost bytes.Buffer
	prev := ""
	for _, k := range sorted {
		ps := keys[k]
		slices.SortFunc(ps, func(a, b posting) int {
			if c := cmp.Compare(b.rank, a.rank); c != 0 {
				return c
			}
			return cmp.Compare(a.place, b.place)
		})
		shared := 0
		for shared < len(k) && shared < len(prev) && k[shared] == prev[shared] {
			shared++
		}
		keyStr.WriteByte(byte(shared))
		keyStr.WriteByte(byte(len(k) - shared))
		keyStr.WriteString(k[shared:])
		putUvarint(&keyPost, uint64(len(ps)))
		for _, p := range ps {
			putUvarint(&keyPost, uint64(p.place<<3|uint32(p.mt)))
		}
		prev = k
	}
	putU32(&keySec, uint32(keyStr.Len()))
	keySec.Write(keyStr.Bytes())
	keySec.Write(keyPost.Bytes())

	secs := [numSections][]byte{tables.Bytes(), placeSec, names.Bytes(), keySec.Bytes(), alts.Bytes()}
	comp := make([][]byte, numSections)
	for i, s := range secs {
		c, err := compress(s)
		if err != nil {
			return err
		}
		comp[i] = c
	}
	var head bytes.Buffer
	head.WriteString(magic)
	for i := range secs {
		putU32(&head, uint32(len(secs[i])))
		putU32(&head, uint32(len(comp[i])))
	}
	if _, err := w.Write(head.Bytes()); err != nil {
		return fmt.Errorf("gazfile: %w", err)
	}
	for _, c := range comp {
		if _, err := w.Write(c); err != nil {
			return fmt.Errorf("gazfile: %w", err)
		}
	}
	return nil
}

type interner struct {
	m    map[string]int
	list []string
}

func (in *interner) id(s string) int {
	if in.m == nil {
		in.m = map[string]int{}
	}
	if i, ok := in.m[s]; ok {
		return i
	}
	in.m[s] = len(in.list)
	in.list = append(in.list, s)
	return len(in.list) - 1
}

func coord(deg float64) int32 { return int32(math.Round(deg / coordUnit)) }

func putU32(b *bytes.Buffer, v uint32) {
	var x [4]byte
	binary.LittleEndian.PutUint32(x[:], v)
	b.Write(x[:])
}

func putUvarint(b *bytes.Buffer, v uint64) {
	var x [binary.MaxVarintLen64]byte
	b.Write(x[:binary.PutUvarint(x[:], v)])
}

func putString(b *bytes.Buffer, s string) {
	putUvarint(b, uint64(len(s)))
	b.WriteString(s)
}

// File is an opened gazetteer file. Its methods are safe for concurrent use;
// the data it returns is immutable.
type File struct {
	n, nb        int
	fcodes       []string
	countries    []string
	admins       []string
	countryPlace []int32
	adminPlace   []int32
	countryIdx   map[string]int
	adminSorted  []string // admins, sorted
	adminOrder   []int    // adminSorted[i] is admins[adminOrder[i]]

	places []byte // n records then nb bounds
	names  []byte
	nkeys  int
	keyEnt []byte // (nkeys+1) × (heap offset, first posting)
	posts  []byte
	heap   []byte

	altComp string
	altRaw  int
	altOnce sync.Once
	alts    []byte   // the section inflated
	altOffs []uint32 // where each place's list starts in alts
	altErr  error
}

// Open decodes a gazetteer file held in data. It inflates the core sections in parallel and leaves the
// alternate names compressed until Alternates first needs them.
func Open(data string) (*File, error) {
	if len(data) < len(magic) || !strings.HasPrefix(data, magicPrefix) {
		return nil, ErrFormat
	}
	if v := data[:len(magic)]; v != magic {
		return nil, fmt.Errorf("%w: format version %q, this program reads %q (regenerate the file with go generate ./assets)",
			ErrFormat, strings.TrimSpace(v[len(magicPrefix):]), strings.TrimSpace(magic[len(magicPrefix):]))
	}
	if len(data) < len(magic)+numSections*8 {
		return nil, fmt.Errorf("%w: header truncated", ErrFormat)
	}
	var raw, comp [numSections]int
	p := len(magic)
	for i := range numSections {
		raw[i] = int(binary.LittleEndian.Uint32([]byte(data[p : p+4])))
		comp[i] = int(binary.LittleEndian.Uint32([]byte(data[p+4 : p+8])))
		p += 8
	}
	var secs [numSections][]byte
	var errs [numSections]error
	var wg sync.WaitGroup
	f := &File{}
	for i := range numSections {
		if p+comp[i] > len(data) {
			return nil, fmt.Errorf("%w: section %d truncated", ErrFormat, i)
		}
		c := data[p : p+comp[i]]
		p += comp[i]
		if i == secAlts {
			f.altComp, f.altRaw = c, raw[i]
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			secs[i], errs[i] = inflate(c, raw[i])
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%w: section %d: %v", ErrFormat, i, err)
		}
	}
	if err := f.parseTables(secs[secTables]); err != nil {
		return nil, err
	}
	var err error
	if f.places, err = decodePlaces(secs[secPlaces], f.n, f.nb, f.fcodes); err != nil {
		return nil, err
	}
	f.names = secs[secNames]
	if err := f.decodeKeys(secs[secKeys]); err != nil {
		return nil, err
	}
	return f, nil
}

// compress returns b compressed with Brotli at its best quality.
func compress(b []byte) ([]byte, error) {
	var c bytes.Buffer
	w := brotli.NewWriterOptions(&c, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: brotliWindow})
	if _, err := w.Write(b); err != nil {
		return nil, fmt.Errorf("gazfile: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("gazfile: %w", err)
	}
	return c.Bytes(), nil
}

// inflate decompresses a section c that holds exactly n bytes.
func inflate(c string, n int) ([]byte, error) {
	out := make([]byte, n)
	r := brotli.NewReader(strings.NewReader(c))
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, err
	}
	// The stream must end here, whole.
	switch k, err := io.Copy(io.Discard, io.LimitReader(r, 1)); {
	case err != nil:
		return nil, err
	case k != 0:
		return nil, errors.New("section longer than its header says")
	}
	return out, nil
}

func (f *File) parseTables(b []byte) error {
	d := decoder{b: b}
	f.n = int(d.u32())
	f.nb = int(d.u32())
	for _, list := range []*[]string{&f.fcodes, &f.countries, &f.admins} {
		n := int(d.u32())
		if n > len(b) {
			return fmt.Errorf("%w: bad table", ErrFormat)
		}
		*list = make([]string, n)
		for i := range *list {
			(*list)[i] = d.str()
		}
	}
	f.countryPlace = make([]int32, len(f.countries))
	for i := range f.countryPlace {
		f.countryPlace[i] = int32(d.u32())
	}
	f.adminPlace = make([]int32, len(f.admins))
	for i := range f.adminPlace {
		f.adminPlace[i] = int32(d.u32())
	}
	if d.err {
		return fmt.Errorf("%w: bad table", ErrFormat)
	}
	f.adminOrder = make([]int, len(f.admins))
	for i := range f.adminOrder {
		f.adminOrder[i] = i
	}
	slices.SortFunc(f.adminOrder, func(a, b int) int { return strings.Compare(f.admins[a], f.admins[b]) })
	f.adminSorted = make([]string, len(f.admins))
	for i, j := range f.adminOrder {
		f.adminSorted[i] = f.admins[j]
	}
	f.countryIdx = make(map[string]int, len(f.countries))
	for i, c := range f.countries {
		f.countryIdx[c] = i
	}
	return nil
}

type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) u32() uint32 {
	if len(d.b) < 4 {
		d.err = true
		return 0
	}
	v := binary.LittleEndian.Uint32(d.b)
	d.b = d.b[4:]
	return v
}

func (d *decoder) str() string {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || uint64(len(d.b)-k) < n {
		d.err = true
		return ""
	}
	s := string(d.b[k : k+int(n)])
	d.b = d.b[k+int(n):]
	return s
}

// Len returns the number of places.
func (f *File) Len() int { return f.n }

// Place is one decoded place record.
type Place struct {
	ID          int64
	Name        string
	ASCII       string
	Kind        Kind
	FeatureCode string
	Country     string
	Admin1      string
	Point       orb.Point
	Bound       orb.Bound // equal to Point's bound for a point place
	Population  int64
	Rank        float64
}

// Place decodes the place at index i (0 ≤ i < Len()).
func (f *File) Place(i int) Place {
	r := f.places[i*recSize : (i+1)*recSize]
	p := Place{
		ID:          int64(int32(binary.LittleEndian.Uint32(r[0:]))),
		Point:       orb.Point{deg(r[8:]), deg(r[4:])},
		Population:  int64(binary.LittleEndian.Uint32(r[12:])),
		Name:        f.heapString(f.names, binary.LittleEndian.Uint32(r[16:])),
		ASCII:       f.heapString(f.names, binary.LittleEndian.Uint32(r[20:])),
		FeatureCode: f.fcodes[r[24]],
		Kind:        Kind(r[25]),
		Country:     f.countries[binary.LittleEndian.Uint16(r[26:])],
		Rank:        float64(binary.LittleEndian.Uint16(r[30:])) / rankUnits,
	}
	if a := binary.LittleEndian.Uint16(r[28:]); a != noAdmin {
		code := f.admins[a]
		p.Admin1 = code[len(p.Country)+1:]
	}
	p.Bound = p.Point.Bound()
	if i < f.nb {
		b := f.places[f.n*recSize+i*boundSize:]
		p.Bound = orb.Bound{Min: orb.Point{deg(b[0:]), deg(b[4:])}, Max: orb.Point{deg(b[8:]), deg(b[12:])}}
	}
	return p
}

// Point returns only the coordinates of place i, without decoding the rest.
func (f *File) Point(i int) orb.Point {
	r := f.places[i*recSize:]
	return orb.Point{deg(r[8:]), deg(r[4:])}
}

// Rank returns the static importance of place i.
func (f *File) Rank(i int) float64 {
	return float64(binary.LittleEndian.Uint16(f.places[i*recSize+30:])) / rankUnits
}

// ID returns the id of place i.
func (f *File) ID(i int) int64 {
	return int64(int32(binary.LittleEndian.Uint32(f.places[i*recSize:])))
}

// CountryOf returns the country code of place i.
func (f *File) CountryOf(i int) string {
	return f.countries[binary.LittleEndian.Uint16(f.places[i*recSize+26:])]
}

// HasBound reports whether place i has an extent.
func (f *File) HasBound(i int) bool { return i < f.nb }

// CountryPlace returns the index of the country record for an ISO code.
func (f *File) CountryPlace(cc string) (int, bool) {
	i, ok := f.countryIdx[cc]
	if !ok || f.countryPlace[i] < 0 {
		return 0, false
	}
	return int(f.countryPlace[i]), true
}

// Admin1Place returns the index of the admin1 record of place i, if any.
func (f *File) Admin1Place(i int) (int, bool) {
	a := binary.LittleEndian.Uint16(f.places[i*recSize+28:])
	if a == noAdmin || f.adminPlace[a] < 0 {
		return 0, false
	}
	return int(f.adminPlace[a]), true
}

func deg(b []byte) float64 {
	return float64(int32(binary.LittleEndian.Uint32(b))) / (1 / coordUnit)
}

func (f *File) heapString(h []byte, off uint32) string {
	n, k := binary.Uvarint(h[off:])
	s := h[int(off)+k : int(off)+k+int(n)]
	return unsafe.String(unsafe.SliceData(s), len(s))
}

func (f *File) key(i int) string {
	off := binary.LittleEndian.Uint32(f.keyEnt[i*8:])
	n := int(f.heap[off])
	s := f.heap[off+1 : int(off)+1+n]
	return unsafe.String(unsafe.SliceData(s), n)
}

// Postings are the places indexed under one folded key, best ranked
// first.
type Postings struct {
	f    *File
	a, b uint32
}

// Len returns the number of places.
func (ps Postings) Len() int { return int(ps.b - ps.a) }

// At returns the k-th place and how the key matched it.
func (ps Postings) At(k int) (place int, mt MatchType) {
	v := binary.LittleEndian.Uint32(ps.f.posts[(ps.a+uint32(k))*4:])
	return int(v >> 3), MatchType(v & 7)
}

// Postings returns the places indexed under the folded key (none when
// the file does not hold it).
func (f *File) Postings(key string) Postings {
	lo, hi := 0, f.nkeys
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if f.key(m) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= f.nkeys || f.key(lo) != key {
		return Postings{f: f}
	}
	a := binary.LittleEndian.Uint32(f.keyEnt[lo*8+4:])
	b := binary.LittleEndian.Uint32(f.keyEnt[(lo+1)*8+4:])
	return Postings{f: f, a: a, b: b}
}

// Lookup calls fn for every place indexed under the folded key, best
// ranked first, until fn returns false.
func (f *File) Lookup(key string, fn func(place int, mt MatchType) bool) {
	ps := f.Postings(key)
	for k := range ps.Len() {
		if !fn(ps.At(k)) {
			return
		}
	}
}

// Keys calls fn for every key that starts with prefix, in byte order,
// until fn returns false.
func (f *File) Keys(prefix string, fn func(key string) bool) {
	lo, hi := 0, f.nkeys
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if f.key(m) < prefix {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for i := lo; i < f.nkeys; i++ {
		k := f.key(i)
		if len(k) < len(prefix) || k[:len(prefix)] != prefix {
			return
		}
		if !fn(k) {
			return
		}
	}
}

// NumKeys returns the number of distinct folded keys.
func (f *File) NumKeys() int { return f.nkeys }

// Alternates returns the alternate names of place i. The first call
// inflates the alternate-name section and indexes it.
func (f *File) Alternates(i int) ([]string, error) {
	f.altOnce.Do(func() {
		f.alts, f.altErr = inflate(f.altComp, f.altRaw)
		if f.altErr == nil {
			f.altOffs, f.altErr = indexAlternates(f.alts, f.n)
		}
		if f.altErr != nil {
			f.altErr = fmt.Errorf("%w: alternate names: %v", ErrFormat, f.altErr)
		}
	})
	if f.altErr != nil {
		return nil, f.altErr
	}
	h := f.alts
	p := int(f.altOffs[i])
	n, k := binary.Uvarint(h[p:])
	p += k
	out := make([]string, 0, n)
	for range n {
		l, k := binary.Uvarint(h[p:])
		p += k
		out = append(out, string(h[p:p+int(l)]))
		p += int(l)
	}
	return out, nil
}

// indexAlternates checks the alternate-name section, n lists of a count
// and that many strings, and returns where each list starts.
func indexAlternates(h []byte, n int) ([]uint32, error) {
	offs := make([]uint32, n)
	p := 0
	for i := range n {
		offs[i] = uint32(p)
		c, k := binary.Uvarint(h[p:])
		if k <= 0 || c > uint64(len(h)) {
			return nil, errors.New("bad list")
		}
		p += k
		for range c {
			l, k := binary.Uvarint(h[p:])
			if k <= 0 || l > uint64(len(h)-p-k) {
				return nil, errors.New("bad name")
			}
			p += k + int(l)
		}
	}
	if p != len(h) {
		return nil, errors.New("trailing bytes")
	}
	return offs, nil
}

// Admin1Of returns the index of the admin1 record for a country and code.
func (f *File) Admin1Of(country, code string) (int, bool) {
	i, ok := slices.BinarySearch(f.adminSorted, country+"."+code)
	if !ok {
		return 0, false
	}
	p := f.adminPlace[f.adminOrder[i]]
	return int(p), p >= 0
}
