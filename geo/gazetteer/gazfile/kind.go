// Package gazfile reads and writes the compact gazetteer file that eventmap
// embeds: fixed-size place records, a string heap, a sorted index of folded
// name keys with their postings and the alternate names, each section
// compressed on its own so that they can be inflated in parallel and the
// alternate names only when asked for.
//
// The generator in assets/internal/gazgen writes the file with Build; the
// gazetteer package reads it with Open. Both fold names with Fold.
package gazfile

// Kind says what sort of place a record is.
type Kind uint8

// The kinds of place. The numbers are stored in the file: append, never
// reorder.
const (
	KindUnknown    Kind = iota // not known
	KindSettlement             // a populated place (GeoNames feature class P)
	KindCountry                // a country or dependent territory
	KindAdmin1                 // a first-order administrative region (state, province, oblast)
	KindContinent              // a continent
	KindOcean                  // an ocean
	KindSea                    // a sea
	KindGulf                   // a gulf
	KindBay                    // a bay
	KindStrait                 // a strait, channel or passage
	KindRiver                  // a river
	KindLake                   // a lake or reservoir
	KindMountain               // a single mountain or volcano
	KindRange                  // a mountain range or plateau
	KindDesert                 // a desert
	KindPeninsula              // a peninsula or cape
	KindIsland                 // an island or archipelago
	KindRegion                 // a historical, informal or geographic region
	KindSpaceport              // a spaceport or launch site
	KindBase                   // a military base
	KindNuclear                // a nuclear site: plant, test site, enrichment facility
	KindAirport                // an airport
	KindLandmark               // a landmark, building, canal, dam, park or other site
	KindAdmin2                 // a second-order administrative region (US county, parish, borough)
	kindCount
)

var kindNames = [...]string{
	KindUnknown:    "unknown",
	KindSettlement: "settlement",
	KindCountry:    "country",
	KindAdmin1:     "admin1",
	KindContinent:  "continent",
	KindOcean:      "ocean",
	KindSea:        "sea",
	KindGulf:       "gulf",
	KindBay:        "bay",
	KindStrait:     "strait",
	KindRiver:      "river",
	KindLake:       "lake",
	KindMountain:   "mountain",
	KindRange:      "range",
	KindDesert:     "desert",
	KindPeninsula:  "peninsula",
	KindIsland:     "island",
	KindRegion:     "region",
	KindSpaceport:  "spaceport",
	KindBase:       "base",
	KindNuclear:    "nuclear",
	KindAirport:    "airport",
	KindLandmark:   "landmark",
	KindAdmin2:     "admin2",
}

// String returns the kind's name as used in the curated table and in JSON.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// ParseKind returns the kind named s, and false when there is none.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s && Kind(i) != KindUnknown {
			return Kind(i), true
		}
	}
	return KindUnknown, false
}

// MatchType says which of a place's names a key came from.
type MatchType uint8

// The ways a key can name a place, best first.
const (
	MatchName    MatchType = iota // the place's main name
	MatchASCII                    // its ASCII spelling
	MatchAlt                      // an alternate name or alias
	MatchAbbrev                   // an abbreviation or code ("N.Y.", "UK", "DPRK")
	MatchDemonym                  // a demonym or adjective ("Russian", "North Korean")
	MatchCode                     // a bare code: ISO 3166 country code, postal code of a state
)

var matchNames = [...]string{"name", "ascii", "alternate", "abbreviation", "demonym", "code"}

// String names the match type.
func (m MatchType) String() string {
	if int(m) < len(matchNames) {
		return matchNames[m]
	}
	return "unknown"
}
