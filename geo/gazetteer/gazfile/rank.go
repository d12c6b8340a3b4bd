package gazfile

import "math"

// KindOf maps a GeoNames feature class and code to a Kind.
func KindOf(class, code string) Kind {
	switch class {
	case "P":
		return KindSettlement
	case "A":
		switch code {
		case "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR":
			return KindCountry
		case "ADM1", "ADM1H":
			return KindAdmin1
		case "ADM2", "ADM2H":
			return KindAdmin2
		}
		return KindRegion
	case "H":
		switch code {
		case "OCN":
			return KindOcean
		case "SEA":
			return KindSea
		case "GULF":
			return KindGulf
		case "BAY", "BAYS", "COVE", "INLT", "FJD", "SD", "LGN":
			return KindBay
		case "STRT", "CHN", "CHNM", "NRWS":
			return KindStrait
		case "STM", "STMS", "STMI", "STMX", "STMH":
			return KindRiver
		case "LK", "LKS", "RSV", "LKI", "LKN":
			return KindLake
		case "CNL":
			return KindLandmark
		}
	case "T":
		switch code {
		case "MT", "PK", "VLC", "HLL", "PKS":
			return KindMountain
		case "MTS", "PLAT", "UPLD", "HLLS":
			return KindRange
		case "DSRT", "ERG":
			return KindDesert
		case "PEN", "CAPE", "PT", "ISTH":
			return KindPeninsula
		case "ISL", "ISLS", "ATOL", "ISLET", "ISLT", "ISLM", "ISLF":
			return KindIsland
		}
		return KindRegion
	case "L":
		switch code {
		case "CONT":
			return KindContinent
		case "MILB":
			return KindBase
		}
		return KindRegion
	case "S":
		switch code {
		case "AIRP", "AIRF", "AIRB":
			return KindAirport
		case "MILB", "INSM", "NVB":
			return KindBase
		case "NUC", "PSN":
			return KindNuclear
		}
		return KindLandmark
	case "V", "U":
		return KindLandmark
	}
	return KindUnknown
}

// kindRank is the static importance of a place of each kind before its
// population is counted.
var kindRank = [kindCount]float64{
	KindUnknown:   0.3,
	KindCountry:   1.30,
	KindAdmin1:    0.60,
	KindAdmin2:    0.45,
	KindContinent: 1.35,
	KindOcean:     1.25,
	KindSea:       1.10,
	KindGulf:      1.00,
	KindBay:       0.85,
	KindStrait:    0.95,
	KindRiver:     0.85,
	KindLake:      0.85,
	KindMountain:  0.90,
	KindRange:     0.90,
	KindDesert:    0.90,
	KindPeninsula: 0.90,
	KindIsland:    0.90,
	KindRegion:    1.00,
	KindSpaceport: 1.00,
	KindBase:      0.85,
	KindNuclear:   0.90,
	KindAirport:   0.85,
	KindLandmark:  0.85,
}

// Rank is the static importance of a place in [0, 2]: for a settlement its
// population on a log scale plus a bonus for capitals and seats, for other
// kinds a base for the kind plus a little for population.
func Rank(k Kind, featureCode string, pop int64) float64 {
	lp := math.Log10(float64(max(pop, 0)) + 1)
	if k != KindSettlement {
		if int(k) >= len(kindRank) {
			k = KindUnknown
		}
		return min(kindRank[k]+lp/40, 2)
	}
	r := lp / 7
	switch featureCode {
	case "PPLC":
		r += 0.25
	case "PPLA", "PPLG":
		r += 0.02
	case "PPLA2":
		r += 0.01
	case "PPLX":
		r -= 0.10
	case "PPLH", "PPLQ", "PPLW":
		r -= 0.20
	}
	return min(max(r, 0), 2)
}
