package gazetteer

import (
	"testing"

	"github.com/paulmach/orb"
)

// nameCase is a name and where its best candidate must be.
type nameCase struct {
	name     string
	country  string  // --country filter, if any
	lat, lon float64 // where the best candidate must be …
	km       float64 // … within this distance
	kind     Kind    // and of this kind (KindUnknown: any)
}

// requiredNames are the names the issue requires.
var requiredNames = []nameCase{
	{"Vostochny Cosmodrome", "", 51.884, 128.334, 10, KindSpaceport},
	{"East Sea", "", 40.0, 134.5, 300, KindSea},
	{"Sea of Japan", "", 40.0, 134.5, 300, KindSea},
	{"Vladivostok", "", 43.116, 131.882, 10, KindSettlement},
	{"Kiev", "", 50.45, 30.52, 10, KindSettlement},
	{"Pyongyang", "", 39.03, 125.75, 10, KindSettlement},
	{"Crimea", "", 45.3, 34.4, 150, KindUnknown},
	{"Siberia", "", 60.0, 100.0, 1000, KindRegion},
	{"Gaza Strip", "", 31.42, 34.36, 30, KindUnknown},
	{"Baikonur Cosmodrome", "", 45.96, 63.31, 20, KindSpaceport},
	{"Springfield", "", 37.215, -93.298, 10, KindSettlement}, // Missouri, the most populous
}

// moreNames covers every continent and every kind.
var moreNames = []nameCase{
	// representative points of countries, continents and regions follow GeoNames
	{"Russia", "", 60, 100, 5, KindCountry},
	{"Canada", "", 60, -95, 5, KindCountry},
	{"Indonesia", "", -5, 120, 5, KindCountry},
	{"Africa", "", 7.19, 21.09, 5, KindContinent},
	{"Texas", "", 31.25, -99.25, 5, KindAdmin1},
	{"Queensland", "", -22, 144, 5, KindAdmin1},
	// US counties, parishes and boroughs (us-atlas); a bare name prefers the town
	{"Laurel County", "", 37.11, -84.12, 30, KindAdmin2},
	{"Rapides Parish", "", 31.2, -92.53, 40, KindAdmin2},
	{"St. Louis County", "", 38.64, -90.44, 30, KindAdmin2}, // Missouri's, the most populous
	{"Matanuska-Susitna Borough", "", 62.3, -149.6, 150, KindAdmin2},
	{"Laurel", "", 39.1, -76.85, 400, KindSettlement},
	{"Noto Peninsula", "", 37.3, 137.0, 30, KindPeninsula},
	// Europe: settlements
	{"London", "", 51.507, -0.128, 10, KindSettlement},
	{"Paris", "", 48.853, 2.349, 10, KindSettlement},
	{"Berlin", "", 52.52, 13.405, 10, KindSettlement},
	{"Madrid", "", 40.417, -3.704, 10, KindSettlement},
	{"Rome", "", 41.894, 12.483, 10, KindSettlement},
	{"Moscow", "", 55.752, 37.616, 15, KindSettlement},
	{"Kyiv", "", 50.45, 30.52, 10, KindSettlement},
	{"Kharkiv", "", 49.98, 36.25, 15, KindSettlement},
	{"Kharkov", "", 49.98, 36.25, 15, KindSettlement},
	{"Odessa", "", 46.48, 30.73, 15, KindSettlement},
	{"Mariupol", "", 47.1, 37.55, 15, KindSettlement},
	{"Lviv", "", 49.84, 24.03, 15, KindSettlement},
	{"Warsaw", "", 52.23, 21.01, 15, KindSettlement},
	{"Munich", "", 48.14, 11.58, 15, KindSettlement},
	{"Cologne", "", 50.94, 6.96, 15, KindSettlement},
	{"Zürich", "", 47.37, 8.54, 15, KindSettlement},
	{"Geneva", "", 46.2, 6.15, 15, KindSettlement},
	{"Brussels", "", 50.85, 4.35, 15, KindSettlement},
	{"Amsterdam", "", 52.37, 4.89, 15, KindSettlement},
	{"The Hague", "", 52.08, 4.3, 15, KindSettlement},
	{"Lisbon", "", 38.72, -9.14, 15, KindSettlement},
	{"Athens", "", 37.98, 23.73, 15, KindSettlement},
	{"Istanbul", "", 41.01, 28.95, 20, KindSettlement},
	{"Belgrade", "", 44.8, 20.47, 15, KindSettlement},
	{"Dublin", "", 53.34, -6.27, 15, KindSettlement},
	{"Edinburgh", "", 55.95, -3.19, 15, KindSettlement},
	{"Kraków", "", 50.06, 19.94, 15, KindSettlement},
	{"Krakow", "", 50.06, 19.94, 15, KindSettlement},
	{"Saint Petersburg", "", 59.94, 30.31, 20, KindSettlement},
	{"St. Petersburg", "RU", 59.94, 30.31, 20, KindSettlement},
	{"Sochi", "", 43.6, 39.73, 15, KindSettlement},
	{"Murmansk", "", 68.97, 33.08, 15, KindSettlement},
	{"Tbilisi", "", 41.69, 44.83, 15, KindSettlement},
	{"Gori", "GE", 41.98, 44.11, 15, KindSettlement},
	{"Tskhinvali", "", 42.23, 43.97, 15, KindSettlement},
	{"Reykjavik", "", 64.14, -21.9, 15, KindSettlement},
	// Asia
	{"Tokyo", "", 35.69, 139.69, 20, KindSettlement},
	{"Beijing", "", 39.91, 116.4, 20, KindSettlement},
	{"Peking", "", 39.91, 116.4, 20, KindSettlement},
	{"Shanghai", "", 31.22, 121.46, 20, KindSettlement},
	{"Seoul", "", 37.57, 126.98, 15, KindSettlement},
	{"Hong Kong", "", 22.3, 114.17, 40, KindUnknown},
	{"Bombay", "", 19.07, 72.88, 20, KindSettlement},
	{"Mumbai", "", 19.07, 72.88, 20, KindSettlement},
	{"New Delhi", "", 28.61, 77.21, 15, KindSettlement},
	{"Karachi", "", 24.86, 67.01, 20, KindSettlement},
	{"Islamabad", "", 33.72, 73.04, 15, KindSettlement},
	{"Kabul", "", 34.53, 69.17, 15, KindSettlement},
	{"Tehran", "", 35.69, 51.42, 20, KindSettlement},
	{"Baghdad", "", 33.34, 44.4, 15, KindSettlement},
	{"Damascus", "", 33.51, 36.29, 15, KindSettlement},
	{"Aleppo", "", 36.2, 37.16, 15, KindSettlement},
	{"Beirut", "", 33.89, 35.5, 15, KindSettlement},
	{"Jerusalem", "", 31.77, 35.22, 15, KindSettlement},
	{"Tel Aviv", "", 32.08, 34.78, 15, KindSettlement},
	{"Riyadh", "", 24.69, 46.72, 20, KindSettlement},
	{"Dubai", "", 25.25, 55.3, 30, KindSettlement},
	{"Bangkok", "", 13.75, 100.5, 20, KindSettlement},
	{"Saigon", "", 10.82, 106.63, 25, KindSettlement},
	{"Hanoi", "", 21.02, 105.84, 20, KindSettlement},
	{"Jakarta", "", -6.21, 106.85, 20, KindSettlement},
	{"Manila", "", 14.6, 120.98, 20, KindSettlement},
	{"Yangon", "", 16.8, 96.16, 20, KindSettlement},
	{"Rangoon", "", 16.8, 96.16, 20, KindSettlement},
	{"Ulaanbaatar", "", 47.91, 106.88, 20, KindSettlement},
	{"Almaty", "", 43.25, 76.92, 20, KindSettlement},
	{"Wuhan", "", 30.58, 114.27, 20, KindSettlement},
	{"Khabarovsk", "", 48.48, 135.08, 15, KindSettlement},
	// Africa
	{"Cairo", "", 30.06, 31.25, 20, KindSettlement},
	{"Lagos", "", 6.45, 3.39, 30, KindSettlement},
	{"Nairobi", "", -1.28, 36.82, 15, KindSettlement},
	{"Johannesburg", "", -26.2, 28.04, 20, KindSettlement},
	{"Cape Town", "", -33.93, 18.42, 20, KindSettlement},
	{"Addis Ababa", "", 9.02, 38.75, 15, KindSettlement},
	{"Khartoum", "", 15.55, 32.53, 20, KindSettlement},
	{"Kinshasa", "", -4.33, 15.31, 20, KindSettlement},
	{"Mogadishu", "", 2.04, 45.34, 15, KindSettlement},
	{"Tripoli", "LY", 32.89, 13.19, 15, KindSettlement},
	{"Algiers", "", 36.75, 3.04, 15, KindSettlement},
	{"Casablanca", "", 33.59, -7.62, 20, KindSettlement},
	{"Dakar", "", 14.69, -17.44, 15, KindSettlement},
	{"Kampala", "", 0.32, 32.58, 15, KindSettlement},
	{"Harare", "", -17.83, 31.05, 15, KindSettlement},
	{"Malakal", "", 9.53, 31.66, 15, KindSettlement},
	// North America
	{"New York City", "", 40.71, -74.01, 10, KindSettlement},
	{"Los Angeles", "", 34.05, -118.24, 15, KindSettlement},
	{"Chicago", "", 41.85, -87.65, 15, KindSettlement},
	{"Houston", "", 29.76, -95.36, 15, KindSettlement},
	{"Atlanta", "", 33.75, -84.39, 15, KindSettlement},
	{"Gainesville", "", 29.65, -82.32, 15, KindSettlement},
	{"Gainesville", "GA", 0, 0, -1, KindUnknown}, // no Georgia the country: expect none
	{"Springfield, Illinois", "", 39.8, -89.64, 10, KindSettlement},
	{"Springfield, Mass.", "", 42.1, -72.59, 10, KindSettlement},
	{"Paris, Texas", "", 33.66, -95.56, 10, KindSettlement},
	{"Toronto", "", 43.7, -79.42, 15, KindSettlement},
	{"Montreal", "", 45.51, -73.59, 20, KindSettlement},
	{"Vancouver", "CA", 49.25, -123.12, 15, KindSettlement},
	{"Edmonton", "", 53.55, -113.47, 15, KindSettlement},
	{"Winnipeg", "", 49.88, -97.15, 15, KindSettlement},
	{"Mexico City", "", 19.43, -99.13, 20, KindUnknown},
	{"Havana", "", 23.13, -82.38, 15, KindSettlement},
	{"Anchorage", "", 61.22, -149.9, 15, KindSettlement},
	{"Honolulu", "", 21.31, -157.86, 15, KindSettlement},
	{"Charleston", "", 32.78, -79.93, 15, KindSettlement},
	{"Columbus", "", 39.96, -83.0, 15, KindSettlement},
	{"Huntsville", "", 34.73, -86.59, 15, KindSettlement},
	{"Winston-Salem", "", 36.1, -80.24, 15, KindSettlement},
	{"Winston Salem", "", 36.1, -80.24, 15, KindSettlement},
	// South America
	{"São Paulo", "", -23.55, -46.64, 20, KindSettlement},
	{"Sao Paulo", "", -23.55, -46.64, 20, KindSettlement},
	{"Rio de Janeiro", "", -22.9, -43.2, 20, KindSettlement},
	{"Buenos Aires", "", -34.61, -58.38, 20, KindSettlement},
	{"Bogotá", "", 4.61, -74.08, 20, KindSettlement},
	{"Lima", "", -12.04, -77.03, 20, KindSettlement},
	{"Santiago", "CL", -33.46, -70.65, 20, KindSettlement},
	{"Caracas", "", 10.49, -66.88, 20, KindSettlement},
	{"Quito", "", -0.23, -78.52, 20, KindSettlement},
	// Oceania
	{"Sydney", "", -33.87, 151.21, 20, KindSettlement},
	{"Melbourne", "", -37.81, 144.96, 20, KindSettlement},
	{"Auckland", "", -36.85, 174.76, 20, KindSettlement},
	{"Wellington", "", -41.29, 174.78, 15, KindSettlement},
	{"Port Moresby", "", -9.44, 147.18, 15, KindSettlement},
	{"Cairns", "", -16.92, 145.77, 15, KindSettlement},
	// countries, with aliases, codes and demonyms
	{"Russia", "", 61.7, 99.0, 200, KindCountry},
	{"Russian Federation", "", 61.7, 99.0, 200, KindCountry},
	{"Russian", "", 61.7, 99.0, 200, KindCountry},
	{"Russians", "", 61.7, 99.0, 200, KindCountry},
	{"Ukraine", "", 49.0, 31.4, 200, KindCountry},
	{"Ukrainian", "", 49.0, 31.4, 200, KindCountry},
	{"North Korea", "", 40.2, 127.2, 150, KindCountry},
	{"DPRK", "", 40.2, 127.2, 150, KindCountry},
	{"North Korean", "", 40.2, 127.2, 150, KindCountry},
	{"South Korea", "", 36.5, 127.9, 150, KindCountry},
	{"Republic of Korea", "", 36.5, 127.9, 150, KindCountry},
	{"U.S.", "", 39.5, -99.1, 300, KindCountry},
	{"USA", "", 39.5, -99.1, 300, KindCountry},
	{"United States", "", 39.5, -99.1, 300, KindCountry},
	{"American", "", 39.5, -99.1, 300, KindCountry},
	{"UK", "", 54.0, -2.5, 200, KindCountry},
	{"U.K.", "", 54.0, -2.5, 200, KindCountry},
	{"Britain", "", 54.0, -2.5, 200, KindCountry},
	{"British", "", 54.0, -2.5, 200, KindCountry},
	{"Burma", "", 21.2, 96.5, 150, KindCountry},
	{"Myanmar", "", 21.2, 96.5, 150, KindCountry},
	{"Ivory Coast", "", 7.6, -5.5, 200, KindCountry},
	{"Côte d'Ivoire", "", 7.6, -5.5, 200, KindCountry},
	{"Czech Republic", "", 49.8, 15.5, 150, KindCountry},
	{"Holland", "", 52.2, 5.5, 150, KindCountry},
	{"Dutch", "", 52.2, 5.5, 150, KindCountry},
	{"Syrian Arab Republic", "", 35.0, 38.5, 200, KindCountry},
	{"Islamic Republic of Iran", "", 32.5, 54.3, 300, KindCountry},
	{"Persia", "", 32.5, 54.3, 300, KindCountry},
	{"Israeli", "", 31.0, 34.9, 150, KindCountry},
	{"Palestinian", "", 31.9, 35.2, 100, KindCountry},
	{"Egypt", "", 26.7, 30.0, 300, KindCountry},
	{"Arab Republic of Egypt", "", 26.7, 30.0, 300, KindCountry},
	{"DRC", "", -2.9, 23.6, 400, KindCountry},
	{"Kenyan", "", 0.5, 37.9, 300, KindCountry},
	{"Brazil", "", -10.8, -53.1, 500, KindCountry},
	{"Argentine", "", -35.4, -65.2, 600, KindCountry},
	{"Australia", "", -25.7, 134.5, 500, KindCountry},
	{"Aussie", "", -25.7, 134.5, 500, KindCountry},
	{"New Zealand", "", -41.8, 172.0, 600, KindCountry},
	{"Canadian", "", 61.0, -98.3, 800, KindCountry},
	{"Mexican", "", 23.9, -102.5, 400, KindCountry},
	{"Türkiye", "", 39.0, 35.2, 300, KindCountry},
	{"Turkey", "", 39.0, 35.2, 300, KindCountry},
	// admin-1 regions and their abbreviations
	{"Calif.", "", 37.2, -119.5, 300, KindAdmin1},
	{"Ga.", "", 32.7, -83.4, 300, KindAdmin1},
	{"N.Y.", "", 43.0, -75.5, 300, KindAdmin1},
	{"W.Va.", "", 38.6, -80.7, 200, KindAdmin1},
	{"Ky.", "", 37.4, -85.6, 300, KindAdmin1},
	{"Texas", "", 31.5, -99.3, 400, KindAdmin1},
	{"Ohio", "", 40.3, -82.8, 200, KindAdmin1},
	{"Ontario", "", 50.0, -86.0, 800, KindAdmin1},
	{"B.C.", "", 54.7, -124.7, 600, KindAdmin1},
	{"NSW", "", -32.5, 146.8, 400, KindAdmin1},
	{"Queensland", "", -22.5, 144.5, 800, KindAdmin1},
	{"Bavaria", "", 48.9, 11.4, 200, KindUnknown},
	{"Dagestan", "", 42.8, 47.0, 200, KindAdmin1},
	{"Chechnya", "", 43.3, 45.7, 150, KindUnknown},
	{"Abkhazia", "", 43.1, 41.1, 100, KindAdmin1},
	{"South Ossetia", "", 42.2, 44.0, 100, KindAdmin1},
	{"Scotland", "", 56.8, -4.2, 200, KindAdmin1},
	{"Northern Ireland", "", 54.6, -6.7, 100, KindAdmin1},
	{"Sichuan", "", 30.6, 102.7, 400, KindAdmin1},
	{"Tibet", "", 31.5, 88.0, 800, KindAdmin1},
	{"Punjab", "PK", 30.8, 72.5, 400, KindAdmin1},
	{"Darfur", "", 13.0, 24.0, 400, KindRegion},
	{"West Bank", "", 31.95, 35.25, 60, KindAdmin1},
	{"Donbas", "", 48.0, 38.5, 150, KindRegion},
	{"Donbass", "", 48.0, 38.5, 150, KindRegion},
	{"Kashmir", "", 34.5, 76.0, 300, KindUnknown},
	{"Sahel", "", 14.5, 5.0, 800, KindRegion},
	{"Middle East", "", 29.0, 42.0, 500, KindRegion},
	{"Far East", "", 58.0, 140.0, 800, KindRegion},
	{"Balkans", "", 43.0, 21.0, 300, KindRegion},
	{"Midwest", "", 42.0, -91.0, 500, KindRegion},
	{"Patagonia", "", -45.0, -69.0, 500, KindRegion},
	{"Golan Heights", "", 33.0, 35.75, 40, KindRegion},
	{"Nagorno-Karabakh", "", 39.85, 46.75, 60, KindRegion},
	{"Transnistria", "", 47.25, 29.45, 80, KindRegion},
	// continents and oceans
	{"Europe", "", 48.69, 9.14, 5, KindContinent},
	{"Asia", "", 29.84, 89.30, 5, KindContinent},
	{"North America", "", 48.0, -100.0, 800, KindContinent},
	{"Pacific Ocean", "", 0, -160, 1000, KindOcean},
	{"Atlantic", "", 0, -30, 1000, KindOcean},
	{"Indian Ocean", "", -20, 80, 1000, KindOcean},
	// seas, gulfs, bays, straits
	{"Black Sea", "", 43.0, 34.5, 200, KindSea},
	{"Mediterranean", "", 35.0, 18.0, 300, KindSea},
	{"South China Sea", "", 12.0, 114.0, 300, KindSea},
	{"Yellow Sea", "", 35.0, 123.0, 300, KindSea},
	{"Sea of Azov", "", 46.0, 36.5, 100, KindSea},
	{"Caspian Sea", "", 41.5, 50.5, 300, KindSea},
	{"Baltic Sea", "", 58.0, 20.0, 300, KindSea},
	{"Persian Gulf", "", 27.0, 51.0, 200, KindGulf},
	{"Arabian Gulf", "", 27.0, 51.0, 200, KindGulf},
	{"Gulf of Mexico", "", 25.0, -90.0, 300, KindGulf},
	{"Gulf of Aden", "", 12.5, 48.0, 200, KindGulf},
	{"Bay of Bengal", "", 15.0, 88.0, 300, KindBay},
	{"Chesapeake Bay", "", 38.0, -76.2, 100, KindBay},
	{"Hudson Bay", "", 60.0, -85.0, 400, KindBay},
	{"Strait of Hormuz", "", 26.57, 56.25, 50, KindStrait},
	{"Bosphorus", "", 41.12, 29.07, 20, KindStrait},
	{"Bab el-Mandeb", "", 12.58, 43.33, 50, KindStrait},
	{"Taiwan Strait", "", 24.0, 119.5, 150, KindStrait},
	{"Kerch Strait", "", 45.3, 36.55, 30, KindStrait},
	{"English Channel", "", 50.2, -1.5, 200, KindStrait},
	// rivers and lakes
	{"Dnieper", "", 49.0, 33.0, 400, KindRiver},
	{"Dnipro River", "", 49.0, 33.0, 100, KindRiver},
	{"Mississippi River", "", 35.0, -90.0, 600, KindRiver},
	{"Rhine", "", 50.5, 7.5, 300, KindRiver},
	{"Yangtze", "", 30.5, 112.0, 800, KindRiver},
	{"Nile", "", 15.6, 32.5, 1000, KindRiver},
	{"Euphrates", "", 34.5, 41.0, 300, KindRiver},
	{"Neches River", "", 30.8, -94.2, 100, KindRiver},
	{"Lake Baikal", "", 53.5, 108.0, 200, KindLake},
	{"Lake Victoria", "", -1.0, 33.0, 150, KindLake},
	{"Lake Lanier", "", 34.2, -83.95, 20, KindLake},
	{"Lake Titicaca", "", -15.9, -69.3, 50, KindLake},
	// mountains, ranges, deserts, peninsulas, islands
	{"Mount Everest", "", 27.988, 86.925, 5, KindMountain},
	{"Kilimanjaro", "", -3.07, 37.36, 10, KindMountain},
	{"Mount Fuji", "", 35.36, 138.73, 5, KindMountain},
	{"Aconcagua", "", -32.65, -70.01, 10, KindMountain},
	{"Himalayas", "", 28.5, 84.0, 500, KindRange},
	{"Andes", "", -20.0, -68.0, 1000, KindRange},
	{"Alps", "", 46.5, 10.0, 300, KindRange},
	{"Hindu Kush", "", 35.5, 70.5, 300, KindRange},
	{"Sahara", "", 23.0, 12.0, 1000, KindDesert},
	{"Gobi Desert", "", 43.0, 105.0, 500, KindDesert},
	{"Atacama Desert", "", -24.5, -69.3, 300, KindDesert},
	{"Sinai Peninsula", "", 29.5, 33.8, 150, KindRegion},
	{"Korean Peninsula", "", 37.5, 127.5, 300, KindRegion},
	{"Kamchatka Peninsula", "", 56.0, 159.0, 300, KindPeninsula},
	{"Gallipoli", "", 40.3, 26.5, 50, KindUnknown},
	{"Iberian Peninsula", "", 40.0, -4.0, 300, KindPeninsula},
	{"Sakhalin", "", 50.0, 142.8, 300, KindUnknown},
	{"Kuril Islands", "", 46.5, 151.0, 400, KindIsland},
	{"Senkaku Islands", "", 25.75, 123.5, 50, KindIsland},
	{"Diaoyu Islands", "", 25.75, 123.5, 50, KindIsland},
	{"Spratly Islands", "", 10.0, 114.0, 300, KindIsland},
	{"Borneo", "", 0.5, 114.0, 500, KindIsland},
	{"Galapagos Islands", "", -0.6, -90.5, 100, KindIsland},
	{"Snake Island", "", 45.2554, 30.2036, 5, KindIsland},
	{"Okinawa", "", 26.5, 127.9, 100, KindUnknown},
	{"Tasmania", "", -42.0, 146.5, 300, KindUnknown},
	// spaceports, bases, nuclear sites, airports, landmarks
	{"Baikonur", "", 45.62, 63.31, 10, KindSettlement},
	{"Plesetsk Cosmodrome", "", 62.925, 40.577, 20, KindSpaceport},
	{"Kennedy Space Center", "", 28.57, -80.65, 10, KindSpaceport},
	{"Cape Canaveral", "", 28.49, -80.58, 20, KindUnknown},
	{"Sohae Satellite Launching Station", "", 39.66, 124.705, 10, KindSpaceport},
	{"Guiana Space Centre", "", 5.23, -52.77, 10, KindSpaceport},
	{"Jiuquan Satellite Launch Center", "", 40.96, 100.29, 10, KindSpaceport},
	{"Sriharikota", "", 13.72, 80.23, 20, KindUnknown},
	{"Guantanamo Bay Naval Base", "", 19.9, -75.1, 10, KindBase},
	{"Gitmo", "", 19.9, -75.1, 10, KindBase},
	{"Pentagon", "", 38.87, -77.06, 2, KindBase},
	{"Fort Bragg", "", 35.14, -79.0, 15, KindUnknown},
	{"Ramstein Air Base", "", 49.44, 7.6, 5, KindBase},
	{"Incirlik Air Base", "", 37.0, 35.43, 5, KindBase},
	{"Bagram", "", 34.95, 69.27, 10, KindUnknown},
	{"Hmeimim Air Base", "", 35.41, 35.95, 5, KindBase},
	{"Area 51", "", 37.24, -115.81, 10, KindBase},
	{"DMZ", "", 38.3, 127.2, 150, KindBase},
	{"Chernobyl", "", 51.3, 30.1, 20, KindUnknown},
	{"Zaporizhzhia Nuclear Power Plant", "", 47.51, 34.59, 5, KindNuclear},
	{"Fukushima Daiichi", "", 37.42, 141.03, 5, KindNuclear},
	{"Yongbyon", "", 39.8, 125.76, 10, KindUnknown},
	{"Natanz", "", 33.72, 51.73, 15, KindUnknown},
	{"Fordow", "", 34.88, 51.0, 10, KindUnknown},
	{"Dimona", "", 31.0, 35.1, 15, KindUnknown},
	{"Punggye-ri", "", 41.28, 129.09, 10, KindNuclear},
	{"Heathrow", "", 51.47, -0.45, 5, KindAirport},
	{"JFK Airport", "", 40.64, -73.78, 5, KindAirport},
	{"O'Hare", "", 41.97, -87.91, 5, KindAirport},
	{"Hartsfield-Jackson", "", 33.64, -84.43, 5, KindAirport},
	{"Charles de Gaulle Airport", "", 49.01, 2.55, 5, KindAirport},
	{"Ben Gurion Airport", "", 32.0, 34.89, 5, KindAirport},
	{"Narita", "", 35.77, 140.39, 40, KindUnknown},
	{"Kremlin", "", 55.752, 37.6175, 2, KindLandmark},
	{"White House", "", 38.8977, -77.0365, 1, KindLandmark},
	{"Tiananmen Square", "", 39.9055, 116.3976, 1, KindLandmark},
	{"Eiffel Tower", "", 48.8584, 2.2945, 1, KindLandmark},
	{"Crimean Bridge", "", 45.31, 36.51, 10, KindLandmark},
	{"Suez Canal", "", 30.7, 32.34, 60, KindLandmark},
	{"Panama Canal", "", 9.08, -79.68, 30, KindLandmark},
	{"Three Gorges Dam", "", 30.82, 111.0, 5, KindLandmark},
	{"Rafah crossing", "", 31.25, 34.26, 3, KindLandmark},
	{"Tahrir Square", "", 30.044, 31.236, 1, KindLandmark},
	{"Great Barrier Reef", "", -18.3, 147.7, 200, KindLandmark},
	{"Machu Picchu", "", -13.16, -72.55, 5, KindLandmark},
	{"Victoria Falls", "", -17.92, 25.86, 20, KindUnknown},
}

func TestLookupNames(t *testing.T) {
	g := Embedded(Options{})
	all := append(append([]nameCase{}, requiredNames...), moreNames...)
	if len(moreNames) < 150 {
		t.Fatalf("only %d names beyond the required ones", len(moreNames))
	}
	for _, tc := range all {
		t.Run(tc.name+"/"+tc.country, func(t *testing.T) {
			cands, err := g.Lookup(tc.name, LookupOptions{Country: tc.country, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if tc.km < 0 {
				if len(cands) != 0 {
					t.Fatalf("want no candidate, got %s (%s)", cands[0].Name, cands[0].Country)
				}
				return
			}
			if len(cands) == 0 {
				t.Fatal("no candidate")
			}
			best := cands[0]
			if d := DistanceKM(best.Point, orb.Point{tc.lon, tc.lat}); d > tc.km {
				t.Errorf("best %q (%s, %s, %s) at %.3f,%.3f is %.0f km away, want ≤ %.0f", best.Name, best.Kind, best.Country, best.FeatureCode, best.Point.Lat(), best.Point.Lon(), d, tc.km)
				for _, c := range cands[1:] {
					t.Logf("  then %q (%s, %s) %.3f,%.3f score %.3f", c.Name, c.Kind, c.Country, c.Point.Lat(), c.Point.Lon(), c.Score)
				}
			}
			if tc.kind != KindUnknown && best.Kind != tc.kind {
				t.Errorf("best %q is a %s, want a %s", best.Name, best.Kind, tc.kind)
			}
		})
	}
}

// TestKindsCovered checks that the table exercises every kind of place.
func TestKindsCovered(t *testing.T) {
	g := Embedded(Options{})
	seen := map[Kind]bool{}
	for _, tc := range append(append([]nameCase{}, requiredNames...), moreNames...) {
		if tc.km < 0 {
			continue
		}
		cands, err := g.Lookup(tc.name, LookupOptions{Country: tc.country, Limit: 1})
		if err != nil || len(cands) == 0 {
			continue
		}
		seen[cands[0].Kind] = true
	}
	for k := KindSettlement; k <= KindAdmin2; k++ {
		if !seen[k] {
			t.Errorf("no test name resolves to a %s", k)
		}
	}
}
