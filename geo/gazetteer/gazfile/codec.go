package gazfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// The place section is stored column by column, each column delta- and
// varint-coded, which compresses far better than the fixed-size records the
// reader works on; decodePlaces rebuilds those records at load time. The
// rank column holds only the difference between the stored rank and the one
// Rank gives for the place's kind, feature code and population, which is
// nearly always zero.

// rankUnits is the number of stored rank units in one unit of Rank.
const rankUnits = 30000

// quantRank is rank r as stored: in [0, 2], in units of 1/rankUnits.
func quantRank(r float64) uint16 { return uint16(math.Round(min(max(r, 0), 2) * rankUnits)) }

// predictRank is the stored rank Rank gives the record rec.
func predictRank(rec []byte, fcodes []string) int64 {
	fc := ""
	if int(rec[24]) < len(fcodes) {
		fc = fcodes[rec[24]]
	}
	return int64(quantRank(Rank(Kind(rec[25]), fc, int64(binary.LittleEndian.Uint32(rec[12:])))))
}

func zigzag(v int64) uint64   { return uint64((v << 1) ^ (v >> 63)) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

func encodePlaces(recs, bounds []byte, n, nb int, fcodes []string) []byte {
	var cols [11]bytes.Buffer
	u32 := func(i, off int) int64 { return int64(int32(binary.LittleEndian.Uint32(recs[i*recSize+off:]))) }
	var prev [4]int64
	for i := range n {
		id, lat, lon := u32(i, 0), u32(i, 4), u32(i, 8)
		nameOff := int64(binary.LittleEndian.Uint32(recs[i*recSize+16:]))
		asciiOff := int64(binary.LittleEndian.Uint32(recs[i*recSize+20:]))
		putUvarint(&cols[0], zigzag(id-prev[0]))
		putUvarint(&cols[1], zigzag(lat-prev[1]))
		putUvarint(&cols[2], zigzag(lon-prev[2]))
		putUvarint(&cols[3], uint64(binary.LittleEndian.Uint32(recs[i*recSize+12:])))
		putUvarint(&cols[4], zigzag(nameOff-prev[3]))
		putUvarint(&cols[5], zigzag(asciiOff-nameOff))
		cols[6].WriteByte(recs[i*recSize+24])
		cols[7].WriteByte(recs[i*recSize+25])
		putUvarint(&cols[8], uint64(binary.LittleEndian.Uint16(recs[i*recSize+26:])))
		putUvarint(&cols[9], uint64(binary.LittleEndian.Uint16(recs[i*recSize+28:])+1)&0xFFFF)
		rank := int64(binary.LittleEndian.Uint16(recs[i*recSize+30:]))
		putUvarint(&cols[10], zigzag(rank-predictRank(recs[i*recSize:], fcodes)))
		prev = [4]int64{id, lat, lon, nameOff}
	}
	var out bytes.Buffer
	for i := range cols {
		putU32(&out, uint32(cols[i].Len()))
	}
	putU32(&out, uint32(len(bounds)))
	for i := range cols {
		out.Write(cols[i].Bytes())
	}
	for i := range nb {
		b := bounds[i*boundSize:]
		lat, lon := u32(i, 4), u32(i, 8)
		for j, ref := range [4]int64{lon, lat, lon, lat} {
			putUvarint(&out, zigzag(int64(int32(binary.LittleEndian.Uint32(b[j*4:])))-ref))
		}
	}
	return out.Bytes()
}

func decodePlaces(sec []byte, n, nb int, fcodes []string) ([]byte, error) {
	bad := fmt.Errorf("%w: place section", ErrFormat)
	if len(sec) < 12*4 {
		return nil, bad
	}
	var cols [11][]byte
	p := 12 * 4
	for i := range cols {
		l := int(binary.LittleEndian.Uint32(sec[i*4:]))
		if p+l > len(sec) {
			return nil, bad
		}
		cols[i] = sec[p : p+l]
		p += l
	}
	rest := sec[p:]
	if len(cols[6]) != n || len(cols[7]) != n {
		return nil, bad
	}
	out := make([]byte, n*recSize+nb*boundSize)
	var pos [11]int
	ok := true
	next := func(c int) uint64 {
		v, k := binary.Uvarint(cols[c][pos[c]:])
		if k <= 0 {
			ok = false
			return 0
		}
		pos[c] += k
		return v
	}
	var prev [4]int64
	for i := range n {
		r := out[i*recSize : (i+1)*recSize]
		id := prev[0] + unzigzag(next(0))
		lat := prev[1] + unzigzag(next(1))
		lon := prev[2] + unzigzag(next(2))
		pop := next(3)
		nameOff := prev[3] + unzigzag(next(4))
		asciiOff := nameOff + unzigzag(next(5))
		binary.LittleEndian.PutUint32(r[0:], uint32(id))
		binary.LittleEndian.PutUint32(r[4:], uint32(lat))
		binary.LittleEndian.PutUint32(r[8:], uint32(lon))
		binary.LittleEndian.PutUint32(r[12:], uint32(pop))
		binary.LittleEndian.PutUint32(r[16:], uint32(nameOff))
		binary.LittleEndian.PutUint32(r[20:], uint32(asciiOff))
		r[24] = cols[6][i]
		r[25] = cols[7][i]
		binary.LittleEndian.PutUint16(r[26:], uint16(next(8)))
		binary.LittleEndian.PutUint16(r[28:], uint16(next(9)-1))
		if int(r[24]) >= len(fcodes) {
			return nil, bad
		}
		rank := predictRank(r, fcodes) + unzigzag(next(10))
		if rank < 0 || rank > 2*rankUnits {
			return nil, bad
		}
		binary.LittleEndian.PutUint16(r[30:], uint16(rank))
		prev = [4]int64{id, lat, lon, nameOff}
		if !ok {
			return nil, bad
		}
	}
	q := 0
	for i := range nb {
		lat := int64(int32(binary.LittleEndian.Uint32(out[i*recSize+4:])))
		lon := int64(int32(binary.LittleEndian.Uint32(out[i*recSize+8:])))
		b := out[n*recSize+i*boundSize:]
		for j, ref := range [4]int64{lon, lat, lon, lat} {
			v, k := binary.Uvarint(rest[q:])
			if k <= 0 {
				return nil, bad
			}
			q += k
			binary.LittleEndian.PutUint32(b[j*4:], uint32(ref+unzigzag(v)))
		}
	}
	return out, nil
}

// decodeKeys rebuilds the key index from its front-coded form: the
// header, the length of the key run, the key run (shared prefix length,
// suffix length, suffix for each key) and the posting run (count, then
// place<<3|match type for each posting of each key).
func (f *File) decodeKeys(sec []byte) error {
	bad := fmt.Errorf("%w: key section", ErrFormat)
	if len(sec) < 16 {
		return bad
	}
	nk := int(binary.LittleEndian.Uint32(sec))
	np := int(binary.LittleEndian.Uint32(sec[4:]))
	nstr := int(binary.LittleEndian.Uint32(sec[12:]))
	if int(binary.LittleEndian.Uint32(sec[8:])) != f.n || nk > len(sec) || np > len(sec) || nstr > len(sec)-16 {
		return bad
	}
	sec, post := sec[16:16+nstr], sec[16+nstr:]
	r := 0 // read position in post
	ent := make([]byte, (nk+1)*8)
	posts := make([]byte, np*4)
	heap := make([]byte, 0, 2*len(sec))
	prevOff := 0
	q, pi := 0, 0
	for i := range nk {
		if q+2 > len(sec) {
			return bad
		}
		shared, suffix := int(sec[q]), int(sec[q+1])
		q += 2
		if q+suffix > len(sec) || shared+suffix > 255 || (i == 0 && shared > 0) || (i > 0 && shared > int(heap[prevOff])) {
			return bad
		}
		off := len(heap)
		binary.LittleEndian.PutUint32(ent[i*8:], uint32(off))
		binary.LittleEndian.PutUint32(ent[i*8+4:], uint32(pi))
		heap = append(heap, byte(shared+suffix))
		heap = append(heap, heap[prevOff+1:prevOff+1+shared]...)
		heap = append(heap, sec[q:q+suffix]...)
		q += suffix
		prevOff = off
		cnt, k := binary.Uvarint(post[r:])
		if k <= 0 || cnt > uint64(np-pi) {
			return bad
		}
		r += k
		for range cnt {
			v, k := binary.Uvarint(post[r:])
			if k <= 0 || v>>3 >= uint64(f.n) {
				return bad
			}
			r += k
			binary.LittleEndian.PutUint32(posts[pi*4:], uint32(v))
			pi++
		}
	}
	if pi != np || q != len(sec) || r != len(post) {
		return bad
	}
	binary.LittleEndian.PutUint32(ent[nk*8:], uint32(len(heap)))
	binary.LittleEndian.PutUint32(ent[nk*8+4:], uint32(np))
	f.nkeys, f.keyEnt, f.posts, f.heap = nk, ent, posts, heap
	return nil
}
