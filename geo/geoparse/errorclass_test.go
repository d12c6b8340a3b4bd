package geoparse

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// place is what a name in a sentence must resolve to; an empty country
// and kind mean "no place at all".
type place struct {
	text    string
	kind    gazetteer.Kind // 0: any kind
	country string
	admin1  string // "": any admin-1 region
	name    string // "": any name
	noPlace bool
}

// TestErrorClasses checks, one class of error at a time, sentences
// written for these tests: codes and short tokens, person names,
// organisations and phenomena, famous names against namesakes, lists of
// regions read as "City, Region", generic phrases, and the city or the
// state of "New York".
func TestErrorClasses(t *testing.T) {
	none := func(s string) place { return place{text: s, noPlace: true} }
	tests := []struct {
		class, text string
		want        []place
	}{
		// codes and abbreviations: a short token is a place only by a
		// well-known abbreviation
		{"codes", "The firm BA Inc hired a new chief.", []place{none("BA"), none("Inc")}},
		{"codes", "Mr Li joined the IoT team last year.", []place{none("Mr"), none("Li"), none("IoT")}},
		{"codes", "The U.S. and the UK condemned the DPRK on Friday.",
			[]place{{text: "U.S.", country: "US", kind: gazetteer.KindCountry}, {text: "UK", country: "GB", kind: gazetteer.KindCountry}, {text: "DPRK", country: "KP"}}},
		{"codes", "He moved to Albany, N.Y., last year.", []place{{text: "Albany", country: "US"}, {text: "N.Y.", country: "US", kind: gazetteer.KindAdmin1}}},
		// an abbreviation with a full stop is never an ISO code: "Ky." is
		// Kentucky, not the Cayman Islands (KY) and their George Town
		{"codes", "GEORGETOWN, Ky. (WKYT) - A doctor from Georgetown saw the attack.", []place{{text: "GEORGETOWN", country: "US"}, {text: "Georgetown", country: "US"}, {text: "Ky.", country: "US", kind: gazetteer.KindAdmin1}}},
		// person names
		{"persons", "James said the plan would work.", []place{none("James")}},
		{"persons", "Frank Levi and Julia Roberts arrived in Boston on Monday.",
			[]place{none("Frank"), none("Levi"), none("Julia"), {text: "Boston", country: "US"}}},
		{"persons", "Levi spoke at the meeting on Tuesday.", []place{none("Levi")}},
		{"persons", "Tyler Smith arrived late. Tyler then left for the airport.", []place{none("Tyler")}},
		{"persons", "Officials in Tyler and Dallas, Texas, closed schools.", []place{{text: "Tyler", country: "US"}}},
		// a surname given in full stays a person's through the article:
		// "of", "to" or "into" a possessive do not make it a place, a plain
		// "in" does
		{"persons", "Christopher Steele wrote the report. Associates of Steele met reporters. Officials trust Steele.", []place{none("Steele")}},
		{"persons", "Police shot Tyrise M. Bell on Friday. A bullet went into Bell's back. Doctors treated Bell.", []place{none("Bell")}},
		{"persons", "Andrew Trapani is a producer. The film is a testament to Trapani after years of work.", []place{none("Trapani")}},
		{"persons", "Egypt hoped for more from the administration of George Bush Jr. than from Bush Sr. and his aides.", []place{none("George"), none("Bush")}},
		{"persons", "Much depends on what the Obama administration does. Since Obama took office, hopes rose.", []place{none("Obama")}},
		{"persons", "Students at Lincoln Jr. High School in Lincoln, Nebraska, won the prize.", []place{{text: "Lincoln", country: "US"}}},
		// a capital's name stands for its government: not a person
		// because "said" or "asked" is near
		{"persons", "Several provinces have asked Ottawa to keep the deal, but Ottawa said it would not.", []place{{text: "Ottawa", country: "CA"}}},
		{"persons", "Pyongyang said the satellite had reached orbit.", []place{{text: "Pyongyang", country: "KP"}}},
		{"persons", "Christopher Columbus sailed west. Today a statue stands in Columbus, the capital.", []place{{text: "Columbus", country: "US"}}},
		{"persons", "Suspects were held in W. Columbia on Monday. Two of them live in Columbia.", []place{{text: "Columbia", country: "US"}}},
		// a name written as a place ("of Fargo", "in Fargo") is not a person's elsewhere
		{"persons", "The mayor of Fargo said the river had crested. Fargo reopened its schools on Friday.", []place{{text: "Fargo", country: "US"}}},
		{"persons", "Webster said the vote was fair, and Webster left the hall.", []place{none("Webster")}},
		// a surname stays a person's after "of", "from" or "to" with a
		// possessive, and after "between"
		{"persons", "Christopher Steele wrote the file for a firm in Washington, officials said. Reuters published some of Steele's reports from Moscow and London.", []place{none("Steele")}},
		{"persons", "Jeb Bush spoke first. The contest between Bush and Trump was close, and Bush conceded.", []place{none("Bush")}},
		// a region's name as a first name before a plain surname, and
		// the bare name after it
		{"persons", "Nine-year-old Georgia Stevens is lacing her skates. Georgia began skating at four, and much has come from Georgia's hard work.", []place{none("Georgia")}},
		{"persons", "Georgia Tech beat Clemson in Atlanta, and fans across Georgia celebrated.", []place{{text: "Georgia", country: "US", kind: gazetteer.KindAdmin1}}},
		// organisations, buildings and phenomena
		{"organisations", "The Wagner Group said its fighters had left.", []place{none("Wagner")}},
		{"organisations", "Air France cancelled flights, the Washington Post reported.", []place{none("France"), none("Washington")}},
		{"organisations", "El Niño brought heavy rain to Peru this winter.", []place{none("El Niño"), {text: "Peru", country: "PE", kind: gazetteer.KindCountry}}},
		{"organisations", "The White House and the Kremlin traded accusations.", []place{none("White House"), none("Kremlin")}},
		{"organisations", "Cases of West Nile virus and Lassa fever rose in Nigeria.", []place{none("Nile"), none("West Nile"), none("Lassa"), {text: "Nigeria", country: "NG"}}},
		{"organisations", "The United Way and the Red Cross opened shelters in Memphis.", []place{none("United Way"), none("Red Cross"), {text: "Memphis", country: "US"}}},
		// "X City Council" is the council of X unless a place is called X City
		{"organisations", "Dublin City Council met in Dublin, Ohio, on Monday.", []place{none("Dublin City"), {text: "Dublin", country: "US", admin1: "OH"}}},
		{"organisations", "Kansas City Council approved the stadium.", []place{{text: "Kansas City", country: "US", kind: gazetteer.KindSettlement}}},
		{"organisations", "The Canadian Food Inspection Agency recalled the cheese.", []place{none("Canadian")}},
		{"organisations", "The landslide buried a village, the Xinhua news agency reported.", []place{none("Xinhua")}},
		{"organisations", "Crashes rose on St. Patrick's Day. Both were taken to St. Michael's Hospital.", []place{none("St. Patrick"), none("St. Michael")}},
		// a name written with its possessive is the seat of government of
		// that name; otherwise a saint's possessive is a church, a school
		// or a hospital
		{"capitals", "The ferry docked in St. John's, Newfoundland, on Friday. Officials in St. John's said the port was closed.",
			[]place{{text: "St. John's", country: "CA"}, {text: "St. John's", country: "CA"}}},
		{"capitals", "Rain fell on St. George's, the capital of Grenada.", []place{{text: "St. George's", country: "GD"}}},
		{"organisations", "Students at St. Mary's won the final. She was treated at St. Mary's Hospital.", []place{none("St. Mary's"), none("St. Mary")}},
		{"organisations", "New York's mayor spoke on Monday.", []place{{text: "New York", country: "US"}}},
		{"organisations", "Protesters marched in St. Paul, Minnesota.", []place{{text: "St. Paul", country: "US", admin1: "MN"}}},
		// a public institution keeps its place: "Highway Patrol" is no street
		{"organisations", "A trooper with the Florida Highway Patrol said the crash closed the road.", []place{{text: "Florida", country: "US", kind: gazetteer.KindAdmin1}, none("Florida Highway")}},
		{"organisations", "It is time again for the Tennessee Senior Olympics state competition.", []place{{text: "Tennessee", country: "US", kind: gazetteer.KindAdmin1}}},
		// the name after a region's name is part of the region's body or
		// event, no place of its own
		{"persons", "Fans in the cinema cheered for Indiana Jones.", []place{none("Jones")}},
		// a weekday after a name is the day it happened, not part of the name
		{"organisations", "The crash happened in Fargo Sunday, police said.", []place{{text: "Fargo", country: "US", admin1: "ND"}}},
		{"organisations", "Voters in Lyon Tuesday chose a new mayor.", []place{{text: "Lyon", country: "FR"}}},
		{"organisations", "He is due to appear in Litchfield Superior Court on April 7.", []place{{text: "Litchfield", country: "US"}, none("Litchfield Superior Court")}},
		{"organisations", "The Ocala Chamber of Commerce met in Marion County on Monday.", []place{{text: "Ocala", country: "US", admin1: "FL"}, {text: "Marion County", country: "US", admin1: "FL"}}},
		{"organisations", "Georgia Power raised its rates for homes in Atlanta and Savannah.", []place{{text: "Georgia", country: "US", kind: gazetteer.KindAdmin1}}},
		// a building, not a town named after it ("Notre-Dame-de-Sanilhac")
		{"organisations", "Fire damaged Notre Dame in Paris on Monday.", []place{{text: "Notre Dame", country: "FR", kind: gazetteer.KindLandmark}, {text: "Paris", country: "FR", kind: gazetteer.KindSettlement}}},
		// famous names take their famous sense unless qualified
		{"famous", "Protests spread across China on Monday.", []place{{text: "China", country: "CN", kind: gazetteer.KindCountry}}},
		{"famous", "China, Texas, is a small town.", []place{{text: "China", country: "US", kind: gazetteer.KindSettlement}}},
		{"famous", "Paris, Ontario, flooded after the storm.", []place{{text: "Paris", country: "CA"}}},
		{"famous", "Leaders met in Paris to sign the accord.", []place{{text: "Paris", country: "FR"}}},
		// a country after a comma does not make a country's name a town
		// ("Russia, U.S. officials said" is not Russia, Ohio); a region
		// of that country does ("Georgia, US")
		{"famous", "It lent credence to reports of his dealings in Russia, U.S. officials said on Wednesday.", []place{{text: "Russia", country: "RU", kind: gazetteer.KindCountry}}},
		{"famous", "The storm reached Georgia, US, on Monday.", []place{{text: "Georgia", country: "US", kind: gazetteer.KindAdmin1}}},
		// a namesake where the article's other names could be: Paris and
		// Henry County are both in Tennessee
		{"famous", "Deputies searched Paris on Monday. Henry County officials asked residents of Puryear to help.", []place{{text: "Paris", country: "US"}, {text: "Henry County", country: "US"}}},
		// a list of regions is not "City, Region": the towns named China
		// (Japan), Iraq (Iran) and Illinois (Missouri) are not meant
		{"lists", "Officials in Mexico, China, Japan and Brazil reported cases.", []place{{text: "China", country: "CN", kind: gazetteer.KindCountry}, {text: "Japan", country: "JP", kind: gazetteer.KindCountry}}},
		{"lists", "Travellers to Georgia, Iraq, Iran, and Syria were warned.", []place{{text: "Iraq", country: "IQ", kind: gazetteer.KindCountry}, {text: "Iran", country: "IR", kind: gazetteer.KindCountry}}},
		{"lists", "Cases were found in Colorado, Georgia, Illinois, Missouri and Ohio.", []place{{text: "Illinois", country: "US", kind: gazetteer.KindAdmin1}, {text: "Missouri", country: "US", kind: gazetteer.KindAdmin1}}},
		{"lists", "Storms hit Paris, Texas, and Tulsa on Friday.", []place{{text: "Paris", country: "US", kind: gazetteer.KindSettlement}}},
		// listed among a country's states, a state's name is the state
		// (not the capital), but not a region of another country
		{"lists", "Cases were reported in Nevada, Oregon, Texas, Utah, Washington, West Virginia and Wyoming.", []place{{text: "Washington", country: "US", kind: gazetteer.KindAdmin1}}},
		{"lists", "Guests came from as far as Texas and Washington, D.C., for the fish.", []place{{text: "Washington", country: "US", kind: gazetteer.KindSettlement}}},
		{"lists", "Young people in the West Bank and Gaza were surveyed.", []place{{text: "Gaza", country: "PS"}}},
		// an ocean by the head of its name
		{"famous", "The birds that reach Alaska and Oregon cross the Pacific each spring.", []place{{text: "Pacific", kind: gazetteer.KindOcean}}},
		// "Co." abbreviates County
		// a township is American or Canadian, whatever else the article names
		{"abbreviations", "Birds nest along the trail at the museum in Readington Township. The eagle was first seen in England.", []place{none("Readington Township")}},
		{"abbreviations", "PLYMOUTH CO., Iowa (KTIV) - A crash closed the highway on Friday.", []place{{text: "PLYMOUTH CO.", country: "US", kind: gazetteer.KindAdmin2}}},
		// generic phrases
		{"generic", "Storms hit the West Coast on Sunday.", []place{none("West Coast")}},
		{"generic", "The march went along Northwest 8th Avenue and Southwest Eighth Street.", []place{none("Northwest"), none("Southwest")}},
		// a county's or a street's suffix ends one name: "and", "of" or
		// "on" do not join two into one, and "Co." after a company is the
		// company
		{"generic", "Judge Thomas B. Hoover of New Kent County Circuit Court revoked bond.",
			[]place{{text: "New Kent County", country: "US", kind: gazetteer.KindAdmin2}, none("Judge Thomas B. Hoover of New Kent County")}},
		{"generic", "Lanes close on Berry Lane and Lombardy Drive in Athens, Georgia.",
			[]place{{text: "Berry Lane", country: "US"}, {text: "Lombardy Drive", country: "US"}, none("Berry Lane and Lombardy Drive")}},
		{"organisations", "The Dow Chemical Co. announced a new plant.", []place{none("Dow Chemical Co."), none("Chemical Co.")}},
		{"generic", "A crash in Licking Co. closed the road.", []place{{text: "Licking Co.", country: "US", kind: gazetteer.KindAdmin2}}},
		{"generic", "She lived on Van Dorn Street in Alexandria, Virginia.", []place{{text: "Van Dorn Street", country: "US"}, none("Dorn Street")}},
		// a state's road: the abbreviation and its number are one name,
		// placed in that state
		{"generic", "A crash closed KY 52 near Richmond, Kentucky. Debris closed W.Va. 61 in East Bank.",
			[]place{{text: "KY 52", country: "US", admin1: "KY"}, {text: "W.Va. 61", country: "US", admin1: "WV"}, none("KY"), none("W.Va.")}},
		{"generic", "He moved to Louisville, Ky. 2009 was a hard year.", []place{{text: "Ky.", country: "US", kind: gazetteer.KindAdmin1}, none("Ky. 2009")}},
		// "Mt." and "Ft." do not end a sentence: "Mt. Pleasant" is one name
		{"generic", "Fans in Mt. Pleasant cheered the band.", []place{{text: "Mt. Pleasant", country: "US"}, none("Mt.")}},
		// an abbreviated title before a name is the title
		{"persons", "The petition went to U.S. Sens. Barbara Boxer and Dianne Feinstein.", []place{{text: "U.S.", country: "US"}, none("Sens")}},
		{"persons", "Former Del. Brian J. Moran spoke in Richmond.", []place{none("Del.")}},
		// a country's name is the country even where the article is about
		// a town that has it as an alternate name
		{"famous", "A magnitude 7.1 earthquake shook central Mexico on Tuesday. In Mexico City, rescuers worked through the night. The State of Mexico reported damage.",
			[]place{{text: "Mexico", country: "MX", kind: gazetteer.KindCountry}}},
		// a short name before a hyphen is the first part of a longer name
		{"codes", "Gunmen fired AK-47 rifles, according to the Al-Ahram newspaper in Cairo.", []place{none("AK"), none("Al"), {text: "Cairo", country: "EG"}}},
		// a direction region before a region is a part of that region
		{"generic", "Youth crime rose in Far North Queensland, police in Cairns said.", []place{none("Far North"), {text: "Queensland", country: "AU"}}},
		// a virus named after a town is the virus
		{"phenomena", "The Reston ebolavirus was found in pigs near Manila.", []place{none("Reston"), {text: "Manila", country: "PH"}}},
		// a first name with an epithet is a person or a character
		{"persons", "A recall hit Thomas the Tank Engine toys made in Guangdong.", []place{none("Thomas"), {text: "Guangdong", country: "CN"}}},
		// a news agency named after its name
		{"organisations", "The official news agency Xinhua said officials in Beijing agreed.", []place{none("Xinhua"), {text: "Beijing", country: "CN"}}},
		// a party's name before its government or members
		{"organisations", "He could not fault the Liberal government for spending more on schools in Toronto.", []place{none("Liberal"), {text: "Toronto", country: "CA"}}},
		// names joined by "of the", by hyphens around a particle, or with
		// an elided particle are one name
		{"famous", "Cholera hit Burkina Faso, Cote d'Ivoire and Liberia. Aid reached Côte d'Ivoire and the earthquake-ravaged city of Port-au-Prince. Troops left the Democratic Republic of the Congo.",
			[]place{{text: "Cote d'Ivoire", country: "CI"}, {text: "Côte d'Ivoire", country: "CI"}, {text: "Port-au-Prince", country: "HT"},
				{text: "Democratic Republic of the Congo", country: "CD"}, none("Congo")}},
		// a first name, an initial and a street's word are a person
		{"persons", "A passenger, Marvin F. Lane, 80, of Williston, was hurt.", []place{none("Marvin F. Lane")}},
		// a street is in the town the text puts it in
		{"generic", "Schools closed in Alexandria, Virginia, and Alexandria police said so. She lives on Cooper Street in Arlington, Texas.",
			[]place{{text: "Cooper Street", country: "US", admin1: "TX", name: "Arlington"}}},
		// a town's name that begins a longer place name of the article is
		// that place when none of its towns is in that place's country
		{"generic", "A strong earthquake struck the Noto Peninsula in Ishikawa on Monday. A tsunami warning was issued for the Noto coast.",
			[]place{{text: "Noto Peninsula", country: "JP"}, {text: "Noto", country: "JP"}}},
		{"famous", "Fighting spread from Guinea-Bissau to Guinea and Senegal.", []place{{text: "Guinea", country: "GN"}}},
		// a legislator's party and home: the home is a place
		{"generic", "Rep. Barbara Lee, D-Oakland, and Sen. Frank Lautenberg, D-N.J., reintroduced the bill in Washington.",
			[]place{{text: "Oakland", country: "US"}, {text: "N.J.", country: "US", kind: gazetteer.KindAdmin1}}},
		{"persons", "Jean Smith-Jones spoke in Denver.", []place{none("Jones")}},
		// names joined by an ampersand are a firm's; countries keep
		// theirs
		{"organisations", "The county paid Stevens & Wilkinson $697,084 for the work in Dallas.", []place{none("Stevens"), none("Wilkinson"), {text: "Dallas", country: "US"}}},
		{"organisations", "Fans from Bosnia & Herzegovina and Antigua & Barbuda came.", []place{{text: "Bosnia", country: "BA"}, {text: "Antigua", country: "AG"}}},
		// a surname written like a saint's town, after a first name or
		// before "said"
		{"persons", "Terry St. Clair lives in Ohio. \"It works,\" St. Clair said.", []place{none("St. Clair"), none("Terry St."), {text: "Ohio", country: "US"}}},
		// a country after a hyphen is no second half of a surname
		{"persons", "The EU-Canada trade deal cleared a legal hurdle on Tuesday.", []place{{text: "Canada", country: "CA", kind: gazetteer.KindCountry}}},
		// a storm's name is the storm throughout the article
		{"phenomena", "Hurricane Harvey came ashore near Rockport, Texas, on Friday with winds of 130 miles per hour.\n\nCoastal towns between Corpus Christi and Port Aransas lost power. Harvey was expected to stall over southeast Texas for days, and officials in Houston urged residents to stay home.",
			[]place{none("Harvey"), {text: "Rockport", country: "US", admin1: "TX"}, {text: "Houston", country: "US"}}},
		// a town keeps its place before its offices and institutions
		{"organisations", "Boulder City Manager Vicki Mayes said funding was short.", []place{{text: "Boulder City", country: "US"}}},
		{"organisations", "There is no reason that Springfield City Schools cannot regain its students, officials in Ohio said.",
			[]place{{text: "Springfield", country: "US"}}},
		// a date after a name is when it happened, and a capitalised
		// function word after it begins the next sentence
		{"generic", "A Civil War re-enactment is planned in Clinton April 4, officials in Iowa said.", []place{{text: "Clinton", country: "US"}}},
		{"generic", "The road is closed two blocks east of Highway 99 in Fresno These highways are open again.", []place{{text: "Fresno", country: "US"}}},
		// a town personified ("Gainesville says no") stays a town where
		// the article also writes it as one ("Gainesville residents")
		{"persons", "About 55 Gainesville residents marched on Friday. The march aimed to show that Gainesville says no to discrimination.",
			[]place{{text: "Gainesville", country: "US"}}},
		// a full stop after a title written in full ends the sentence: the
		// name after it is no person's
		{"persons", "Hyles unseats Turner for Municipal Court Judge. Columbus attorney Stephen Hyles won 61 percent of the vote.",
			[]place{{text: "Columbus", country: "US"}}},
		{"persons", "Police in Wilmington, Del. said the road was closed.", []place{{text: "Del.", country: "US", kind: gazetteer.KindAdmin1}}},
		{"generic", "Storms hit the Northwest on Friday.", []place{none("Northwest")}},
		{"generic", "Heavy snow hit the Northwest of Cameroon near Bamenda.", []place{{text: "Northwest", country: "CM", kind: gazetteer.KindAdmin1}}},
		// New York alone is the city; the state when the text says so
		{"New York", "Officials in New York said the budget was late.", []place{{text: "New York", country: "US", kind: gazetteer.KindSettlement}}},
		{"New York", "The New York State legislature passed the bill.", []place{{text: "New York State", country: "US", kind: gazetteer.KindAdmin1}}},
		{"New York", "Farmers across the state of New York lost their crops.", []place{{text: "New York", country: "US", kind: gazetteer.KindAdmin1}}},
		{"New York", "Officials in New York state said the budget was late.", []place{{text: "New York", country: "US", kind: gazetteer.KindAdmin1}}},
		{"New York", "The United States has seen two cases of the disease. The first was found in the state of Washington.",
			[]place{{text: "Washington", country: "US", kind: gazetteer.KindAdmin1, admin1: "WA"}}},
		{"New York", "Dancers came from Missouri, New York, North Carolina and Virginia.", []place{{text: "New York", country: "US", kind: gazetteer.KindAdmin1}}},
		{"New York", "Flights to London, New York and Tokyo were cancelled.", []place{{text: "New York", country: "US", kind: gazetteer.KindSettlement}}},
		// a town's old name does not outrank the towns that bear it today
		{"alternates", "A pastor from Fort Worth, Texas, preached at First Baptist Church in Maryville on Sunday.", []place{{text: "Maryville", country: "US", name: "Maryville"}}},
		{"alternates", "Decatur police said a car hit a tree in Avondale on Friday. DeKalb County officials closed the road near Atlanta, Georgia.", []place{{text: "Avondale", country: "US", name: "Avondale Estates"}}},
		// a region named like its capital is the region unless the
		// capital is a city of millions; a capital the name reaches only
		// as an old alternate name is never meant
		// ", in" qualifies the place before it as a comma does
		{"in qualifier", "Officials in Texas and Oklahoma met on Monday. Paris, in Kentucky, reported two new cases.", []place{{text: "Paris", country: "US", admin1: "KY"}}},
		{"in qualifier", "Texas officials met in Dallas. Austin, in Scott County, Indiana, reported two new cases.", []place{{text: "Austin", country: "US", admin1: "IN"}}},
		{"in qualifier", "Flights to France resumed. Paris, in northern Texas, reported two new cases.", []place{{text: "Paris", country: "US", admin1: "TX"}}},
		{"in qualifier", "Police said John Smith, in Texas, was arrested.", []place{none("Smith")}},
		{"twins", "Voters in Quebec rejected independence.", []place{{text: "Quebec", country: "CA", kind: gazetteer.KindAdmin1}}},
		{"twins", "Tornadoes tore through Oklahoma overnight.", []place{{text: "Oklahoma", country: "US", kind: gazetteer.KindAdmin1}}},
		{"twins", "Drought has ruined the cocoa harvest in Bahia.", []place{{text: "Bahia", country: "BR", kind: gazetteer.KindAdmin1}}},
		{"twins", "Dozens were injured when a bus overturned in Delhi.", []place{{text: "Delhi", country: "IN", kind: gazetteer.KindSettlement}}},
		// a currency's code against its dollar sign is no place
		{"codes", "Farmers in Perth were fined up to A$44,000 and the firm paid US$460 million.", []place{none("US"), none("A"), {text: "Perth", country: "AU"}}},
		{"codes", "The government of Canada pledged CA$10.8 million in Ottawa, and donors gave $US25 million.", []place{none("CA"), none("US"), {text: "Ottawa", country: "CA"}}},
		// degrees after a name: not Maryland, and the name no town
		{"codes", "Charles W. Murphy, M.D., has been named a professor. He earned his Ph.D. in immunology in Boston.",
			[]place{none("M.D."), none("Murphy"), none("Ph.D."), {text: "Boston", country: "US"}}},
		// courts of law, whatever follows them, and the districts of
		// the places named after them
		{"organisations", "The figures from the Children's Court of Queensland point to a rise.",
			[]place{none("Children's Court"), {text: "Queensland", country: "AU", kind: gazetteer.KindAdmin1}}},
		{"organisations", "The case is U.S. v. Abdulkader, U.S. District Court, Southern District of Ohio.",
			[]place{none("District Court"), none("Southern District"), {text: "Ohio", country: "US", kind: gazetteer.KindAdmin1}}},
		{"organisations", "She is to appear Thursday in General Sessions Court in Paris, Tenn., after the Commissioners Court vote.",
			[]place{none("General Sessions Court"), none("Commissioners Court"), {text: "Paris", country: "US", admin1: "TN"}}},
		// a surname after a first name that is also a place's name
		{"persons", "Funding will dry up on Friday for the Charles Webb Center in Charleston.", []place{none("Webb"), {text: "Charleston", country: "US"}}},
		// a person's case after "in": not a place use of the surname
		{"persons", "New twist in Fairfield hearing. A plea deal is discussed for Elizabeth Fairfield, a nurse from Ohio. Fairfield was already in jail.",
			[]place{none("Fairfield")}},
		// a relative's first name
		{"persons", "She is accused of murdering her daughter, Brittany, in June. Police said Brittany was four.", []place{none("Brittany")}},
		// a town's name before a word for a person: a town, not the
		// country of that name (whose people would be "Lebanese")
		{"famous", "A Lebanon woman was charged with theft on Friday.", []place{{text: "Lebanon", country: "US", kind: gazetteer.KindSettlement}}},
		// a make or model after its year
		{"organisations", "The car struck a 2003 Honda Accord driven by a woman from Las Vegas, and her 1993 brown Cadillac.",
			[]place{none("Honda"), none("Accord"), none("Cadillac"), {text: "Las Vegas", country: "US"}}},
		// a word in capitals inside a sentence is an acronym; a place's
		// name in capitals begins a dateline or stands among capitals
		{"codes", "For more information on NICE, call the planning office in Dayton. Two officers died when the city's SWAT team stormed a flat.",
			[]place{none("NICE"), none("SWAT"), {text: "Dayton", country: "US"}}},
		{"codes", "Fire damages home. CHARLESTON, W.Va. — Firefighters were called on Sunday.", []place{{text: "CHARLESTON", country: "US", admin1: "WV"}}},
		// a dotted pair of capitals: initials or the time, unless a
		// place's abbreviation or a qualifier
		{"codes", "The service is at 11:00 A.M. with Marsha J. Moore and B.J. Unthank. An autopsy of B.B. King was carried out in Las Vegas.",
			[]place{none("A.M."), none("B.J."), none("B.B."), {text: "Las Vegas", country: "US"}}},
		{"codes", "The storm hit San Juan, P.R., and the U.S. Army sent troops from Raleigh, N.C., and Auckland, N.Z.",
			[]place{{text: "P.R.", country: "PR"}, {text: "U.S.", country: "US"}, {text: "N.C.", country: "US"}, {text: "N.Z.", country: "NZ"}}},
		{"codes", "Holmes says the U.N. hopes the situation in Kenya improves.", []place{none("U.N."), {text: "Kenya", country: "KE"}}},
		// a full stop before a lower-case word belongs to the
		// abbreviation; before a number it ends the sentence
		{"abbreviations", "Phila. rape suspect to stand trial in Lock Haven", []place{{text: "Phila.", country: "US", admin1: "PA"}}},
		{"abbreviations", "There are four cases in Canada. 203 people are in hospital.", []place{{text: "Canada", country: "CA"}}},
		// "Twp." is a township, with a saint's name too
		{"abbreviations", "Officials in Butler County, Ohio, said it could be St. Clair Twp., Madison Twp. or Trenton.",
			[]place{{text: "St. Clair Twp.", country: "US"}, {text: "Madison Twp.", country: "US", admin1: "OH"}}},
		// a place keeps its place before its legislature, elections
		// and investigators, as before its other public offices
		{"organisations", "The Florida Legislature approved the plan. Early turnout for Gainesville City Elections is up, according to Columbus Investigator Gregory Sealock.",
			[]place{{text: "Florida", country: "US", kind: gazetteer.KindAdmin1}, {text: "Gainesville", country: "US"}, {text: "Columbus", country: "US"}}},
		// an unknown "X-Y County" is X and Y County; a known one stays
		{"counties", "They will get a letter from the Paris-Henry County Rescue Squad in Tennessee. Officials of Miami-Dade County met.",
			[]place{{text: "Paris", country: "US", admin1: "TN"}, {text: "Henry County", country: "US", admin1: "TN", kind: gazetteer.KindAdmin2},
				{text: "Miami-Dade County", country: "US", admin1: "FL"}}},
		{"organisations", "The audit blames the Laurel County Fiscal Court in Kentucky and cites the European Court of Human Rights.",
			[]place{none("Fiscal Court"), none("European Court"), {text: "Laurel County", country: "US", admin1: "KY"}}},
		// companies and agencies that share a town's name
		{"organisations", "Google cars drove through Kansas. The fire was put out, Xinhua reported. Lioce, driving the Toyota, turned onto Decatur Street in Las Vegas.",
			[]place{none("Google"), none("Xinhua"), none("Toyota"), {text: "Kansas", country: "US"}}},
		// a place before a title after "said" is the official's place,
		// and a dateline in capitals stays a place before a name
		{"persons", "\"Bikes and trucks,\" said Montreal Mayor Denis Coderre in an interview, and Calgary MLA Sandra Jansen agreed.",
			[]place{{text: "Montreal", country: "CA"}, {text: "Calgary", country: "CA"}}},
		{"codes", "WASHINGTON Christopher Steele, who wrote the reports, spoke to the committee.", []place{{text: "WASHINGTON", country: "US"}, none("Christopher")}},
		// a region's name with the word for its kind is the region
		{"regions", "In Kenya 45 people died in Nyanza Province and 12 in North Eastern Province. The head of the emergency center of Fars Province spoke.",
			[]place{{text: "Nyanza Province", country: "KE"}, {text: "North Eastern Province", country: "KE"}, {text: "Fars Province", country: "IR", kind: gazetteer.KindAdmin1}}},
		// the items of a list of counties are counties
		{"counties", "Storms hit Clarke, Madison, Oconee and Oglethorpe counties on Monday.",
			[]place{{text: "Madison", country: "US", admin1: "GA", kind: gazetteer.KindAdmin2}, {text: "Clarke", country: "US", admin1: "GA", kind: gazetteer.KindAdmin2}}},
		{"counties", "Flooding closed roads in Caddo and Bossier parishes.", []place{{text: "Caddo", country: "US", admin1: "LA", kind: gazetteer.KindAdmin2}}},
		{"organisations", "Alexis Butler, a 2000 graduate of Fort Mill High School, lives in Rock Hill, South Carolina.", []place{{text: "Fort Mill", country: "US"}}},
		// the one harmed or judged is a person, and so is a name after a
		// first name and a middle initial, through the article; but not
		// a place before a noun or a possessive
		{"persons", "Prosecutors charged a teenager with killing Gillette and another teen. Vasquez allegedly stabbed Gillette. Gillette and his mother left.", []place{none("Gillette")}},
		{"persons", "Deputies arrested Gillette on Monday. A judge sentenced Ruston to 12 years.", []place{none("Gillette"), none("Ruston")}},
		{"persons", "Police sought a driver in the death of Terry A. Corbin. The pickup struck Corbin in Paris, Illinois. Corbin died Dec. 6.",
			[]place{none("Corbin"), {text: "Paris", country: "US", admin1: "IL"}}},
		{"persons", "Police arrested Gillette on Monday in Tyler, Texas.", []place{none("Gillette"), {text: "Tyler", country: "US", admin1: "TX"}}},
		{"persons", "The storm killed Texas ranchers' cattle. Gunmen shot Homs' mayor. Funerals began for four slain Oakland officers.",
			[]place{{text: "Texas", country: "US"}, {text: "Homs", country: "SY"}, {text: "Oakland", country: "US"}}},
		// outside the United States a county is the region of its bare
		// name
		{"counties", "Sewage is pouring into a river after Mayo County Council allowed building in Kiltimagh.",
			[]place{{text: "Mayo County", country: "IE", kind: gazetteer.KindAdmin2}}},
		{"counties", "Health workers in Lofa County, Liberia, reported new cases.", []place{{text: "Lofa County", country: "LR", kind: gazetteer.KindAdmin1}}},
		// a place called so only by another name gives way to a region
		// that bears the name as its own
		{"other names", "Pakistan said troops in Kashmir exchanged fire near Muzaffarabad and Islamabad.", []place{{text: "Kashmir", kind: gazetteer.KindRegion}}},
		{"other names", "Tourism in Anatolia grew, Turkish officials in Ankara and Antalya said.", []place{{text: "Anatolia", kind: gazetteer.KindRegion}}},
		// a town and a county named in one article are the pair where
		// the town lies in the county
		{"namesakes", "The burn ban issued for Walker County on Jan. 18 was lifted Monday after a conference between Huntsville Fire Chief Tom Grisham and Walker County Judge Danny Pierce.",
			[]place{{text: "Walker County", country: "US", admin1: "TX"}, {text: "Huntsville", country: "US", admin1: "TX"}}},
		{"namesakes", "The Henry County Commission met in Paris on Monday. Paris Mayor Sam Tharpe and Henry County Mayor Brent Greer spoke.",
			[]place{{text: "Henry County", country: "US", admin1: "TN"}, {text: "Paris", country: "US", admin1: "TN"}}},
		{"namesakes", "Mansfield Mayor Curtis McCoy wants a pastor on patrol in DeSoto Parish, south of Shreveport.",
			[]place{{text: "DeSoto Parish", country: "US", admin1: "LA", kind: gazetteer.KindAdmin2}, {text: "Mansfield", country: "US", admin1: "LA"}}},
		// sports clubs are not their towns ("United" only when no name
		// follows: a town's church keeps its town)
		{"organisations", "Manchester United beat Leeds United, and the Denver Nuggets lost to the Toronto Raptors in Toronto.",
			[]place{none("Manchester"), none("Leeds"), none("Denver"), {text: "Toronto", country: "CA"}}},
		{"organisations", "The Gainesville United Methodist Church in Gainesville, Florida, held a fair.", []place{{text: "Gainesville", country: "US", admin1: "FL"}}},
		// a small place's name after the possessive of a name that is no
		// place is part of a longer name; a town's or a city's after it
		// stays
		{"possessives", "Extending Governors' Parkway in Glen Carbon let traffic flow.", []place{none("Parkway"), {text: "Glen Carbon", country: "US"}}},
		{"possessives", "Passengers at London's Heathrow waited, said the FBI's Atlanta office.", []place{{text: "Heathrow", country: "GB", kind: gazetteer.KindAirport}, {text: "Atlanta", country: "US"}}},
		// a common English word with a capital is mostly the start of a
		// sentence, a title or an award, not a village
		{"common words", "Salt trucks have been deployed on main roads in Etobicoke, the city said.", []place{none("Salt")}},
		{"common words", "Hillwood Dassin, a standard poodle, won the Best of Show competition in Pittsburgh.", []place{none("Best"), {text: "Pittsburgh", country: "US"}}},
		{"common words", "The board heard recommendations from the Shaping the Future committee in Decatur, Georgia.", []place{none("Shaping")}},
		// a numbered lot or unit of an address is no place
		{"addresses", "The fire started at Lot No. 15 in the park near Cahors. Randall lives at Lot No. 5, Tammy at Lot #7.", []place{none("Lot")}},
		// a name that says it is a sea, a gulf or a lake is the water,
		// not the region named after it, unless the text says "state"
		{"water", "At least two crew members drowned when a cargo ship sank in the Red Sea, an Egyptian official said.",
			[]place{{text: "Red Sea", kind: gazetteer.KindSea}}},
		{"water", "The governor of Red Sea State visited Port Sudan.", []place{{text: "Red Sea State", country: "SD", kind: gazetteer.KindAdmin1}}},
		// a lone word for a kind of water is a region of that name only
		// where the rest of the article is in its country
		{"generic", "The Gulf states, Saudi Arabia and the UAE, pledged aid.", []place{none("Gulf"), {text: "Saudi Arabia", country: "SA"}}},
		{"generic", "LE Central formed Lakes Edge Apartments, LLC, in Louisville. Lakes Edge bought the property.", []place{none("Lakes")}},
		{"generic", "Floods hit Lakes state in South Sudan, near Rumbek.", []place{{text: "Lakes", country: "SS", kind: gazetteer.KindAdmin1}}},
		// a region of the curated table is meant rather than a province
		// of its name when nothing else is in the province's country
		{"regions", "The Sahel region and the Lake Chad basin face drought, officials in Lagos, Nigeria, said.", []place{{text: "Sahel", kind: gazetteer.KindRegion}}},
		{"regions", "Farmers in Punjab protested in Lahore.", []place{{text: "Punjab", country: "PK", kind: gazetteer.KindAdmin1}}},
		// after "said" a city of millions is the place
		{"persons", "Chief Minister Eknath Shinde said Pune and Nagpur would get funds.", []place{{text: "Pune", country: "IN"}, {text: "Nagpur", country: "IN"}}},
		// a name the text calls a town is a town: of the region's
		// country, else of that name elsewhere, else none — not a
		// country, nor a town it was once called
		{"towns", "The Bob Wills Day celebration returns to Turkey on Thursday, according to the city of Turkey.", []place{none("Turkey")}},
		{"towns", "Gunmen fired on a security patrol in the central town of Karak, the statement said.", []place{{text: "Karak", country: "JO", kind: gazetteer.KindSettlement}}},
		{"towns", "He grew up in the small farming town of Jordan, Minnesota.", []place{{text: "Jordan", country: "US", admin1: "MN", kind: gazetteer.KindSettlement}}},
		// (but the town's country after a rank is the country)
		{"towns", "Ankara is the capital city of Turkey.", []place{{text: "Turkey", country: "TR", kind: gazetteer.KindCountry}}},
		{"towns", "Istanbul, the largest city of Turkey, held a vote.", []place{{text: "Turkey", country: "TR", kind: gazetteer.KindCountry}}},
		// a place's possessive before a county or road the gazetteer
		// does not know is that place, and the county or road is one of
		// its own
		{"possessives", "Health officials confirmed a case in California's Alameda County on Monday.",
			[]place{{text: "California", country: "US", kind: gazetteer.KindAdmin1}, {text: "Alameda County", country: "US", admin1: "CA", kind: gazetteer.KindAdmin2}}},
		{"possessives", "Houston's Harris County Jail was full, and traffic on Ohio's Route 33 was slow.",
			[]place{{text: "Houston", country: "US"}, {text: "Harris County", country: "US", admin1: "TX"}, {text: "Ohio", country: "US", kind: gazetteer.KindAdmin1}}},
		// a name takes the country and region of the names around it,
		// where the article moves from one to another
		{"local context", "SPRINGFIELD, Ill. (AP) — Snow closed schools in Peoria, Bloomington and Champaign on Tuesday. Further east, in Ohio, a crash on the turnpike near Toledo killed one person.",
			[]place{{text: "Toledo", country: "US", admin1: "OH"}, {text: "Peoria", country: "US", admin1: "IL"}}},
		{"local context", "Rain flooded Sydney, Newcastle and Wollongong. Across the world, in Canada, officials in Ontario said Perth was hit by a storm.",
			[]place{{text: "Perth", country: "CA"}, {text: "Newcastle", country: "AU"}}},
		// a road is placed in or by the town the text puts it near, and
		// two numbered roads are two
		{"streets", "Snow stranded drivers on Interstate 55 near Lincoln, Illinois. Police closed Interstate 70 between Terre Haute and Indianapolis, and a crash on the Ohio Turnpike near Toledo, Ohio, killed one.",
			[]place{{text: "Interstate 55", name: "Lincoln", country: "US", admin1: "IL"}, {text: "Interstate 70", name: "Terre Haute", country: "US"}, {text: "Ohio Turnpike", name: "Toledo", country: "US", admin1: "OH"}}},
		// the full stop after a street's suffix is its own only when the
		// suffix is written short
		{"streets", "Police in Leeds closed Kirkstall Road and Penny Lane. Traffic moved to Elm Ave. on Monday.",
			[]place{{text: "Kirkstall Road", name: "Leeds", country: "GB"}, {text: "Penny Lane", name: "Leeds", country: "GB"}, {text: "Elm Ave.", name: "Leeds", country: "GB"}}},
		// a country's or region's possessive qualifies the place after
		// it, whatever the rest of the article is about
		{"possessives", "Beijing said exports from Guangdong, Zhejiang, Jiangsu and Shanghai rose, while Taiwan's Taoyuan airport was closed by a typhoon.",
			[]place{{text: "Taoyuan", country: "TW"}, {text: "Taiwan", country: "TW", kind: gazetteer.KindCountry}}},
		// a name of directions only is a region of that name only in the
		// country the rest of the article is about, and two such names
		// are no support for each other
		{"generic", "Elsewhere in the South West, Devon and Plymouth are also considering rises.", []place{none("South West"), {text: "Devon", country: "GB"}}},
		{"generic", "Snow hit the North-East, and the South East stayed dry, the Met Office said in Exeter.", []place{none("North-East"), none("South East")}},
		{"generic", "In South Africa's North West province, officials in Mahikeng said the North West had no water.", []place{{text: "North West", country: "ZA", kind: gazetteer.KindAdmin1}}},
		// the last of a list of places after "in" is a place, "said"
		// after it or not
		{"persons", "In South Africa, officials in Mahikeng and Rustenburg said the province had no water.", []place{{text: "Rustenburg", country: "ZA"}, {text: "Mahikeng", country: "ZA"}}},
		{"persons", "Residents near Ames, Boone or Perry said the river rose.", []place{{text: "Perry", country: "US", admin1: "IA"}}},
		// a name the text calls an island, a peninsula or a river is not
		// a town or region of that name far away in a country the
		// article is not about
		{"landforms", "A volcano erupted on Indonesia's Flores island, closing Labuan Bajo airport. In Japan, the Noto peninsula in Ishikawa prefecture is still recovering.",
			[]place{none("Flores"), none("Noto"), {text: "Ishikawa", country: "JP"}}},
		{"landforms", "The Crimea peninsula was annexed by Russia. Hurricane Milton crossed the Yucatan peninsula near Cancun.",
			[]place{{text: "Crimea", country: "UA"}, {text: "Yucatan", country: "MX"}}},
		// a national capital is meant by its name alone before a region
		// of that name elsewhere in its country, as a city of millions
		// is before the region it lies in
		{"famous", "WASHINGTON — Republicans asked the Supreme Court to hear their challenge on Monday. Police in Portland, Oregon, and Boise, Idaho, arrested protesters.",
			[]place{{text: "WASHINGTON", country: "US", admin1: "DC"}}},
		{"famous", "Microsoft, based in Redmond, Washington, will build data centers in Washington state and Wisconsin.",
			[]place{{text: "Washington", country: "US", admin1: "WA"}}},
		// planets are no towns unless a qualifier says so, nor grades of
		// oil the fields they are named after
		{"common words", "NASA's rover landed in Jezero Crater on Mars. Police in Jupiter, Fla., said.", []place{none("Mars"), {text: "Jupiter", country: "US", admin1: "FL"}}},
		{"common words", "She moved to Arlington and soon learned English; the ad airs in English and Spanish.",
			[]place{none("English"), {text: "Arlington", country: "US"}}},
		{"common words", "The town of English, Ind., flooded.", []place{{text: "English", country: "US", admin1: "IN"}}},
		{"organisations", "Brent crude traded at $82 a barrel, and Urals blend fell. Texas crude rose.", []place{none("Brent"), none("Urals"), {text: "Texas", country: "US"}}},
		// in a headline, capitals say nothing of a longer name: an
		// ordinary word in title case, any word in capitals
		{"headlines", "Fire Destroys Historic Church in Small Ohio Town of Marietta\nThe fire started at night.",
			[]place{{text: "Ohio", country: "US", kind: gazetteer.KindAdmin1}, {text: "Marietta", country: "US", admin1: "OH"}}},
		{"headlines", "FLOODS HIT SOUTH TEXAS; HOUSTON BRACES FOR MORE RAIN\nThe river rose overnight.",
			[]place{{text: "HOUSTON", country: "US", admin1: "TX"}, {text: "TEXAS", country: "US"}, none("SOUTH")}},
		// a name after a particle and a capitalised word ends a longer
		// name, unless it is a country's
		{"longer names", "Insurgents attacked Mocimboa da Praia in Mozambique's Cabo Delgado province.", []place{none("Praia"), {text: "Cabo Delgado", country: "MZ"}}},
		{"longer names", "The seven-time Tour de France champion rode through Lyon.", []place{{text: "France", country: "FR", kind: gazetteer.KindCountry}}},
		// a line break ends a name: a byline's last name does not make
		// the dateline under it part of a longer one
		{"datelines", "By Lucinda Elliott and Carolina Pulice\n\nMONTEVIDEO, June 20 (Reuters) - Uruguay's capital will ration water.",
			[]place{{text: "MONTEVIDEO", country: "UY"}}},
		// a national capital of a country the article names is meant
		// over a namesake in the article's own region, unless qualified
		{"famous", "A Pikeville doctor from Kentucky is in France on a family trip. A gunman opened fire in Paris on Thursday, and the family will return to Lexington, Kentucky, next week.",
			[]place{{text: "Paris", country: "FR"}}},
		{"famous", "A Pikeville doctor is in France on a trip. A crash in Paris, Ky., sent two people to the hospital in Lexington, Kentucky.",
			[]place{{text: "Paris", country: "US", admin1: "KY"}}},
		// an unknown "X Twp." or "X County" is the town of its name in a
		// region the article names nearly as much as its main one
		{"counties", "Margaret Lewis, 87, of Bowling Green, Ky., died Tuesday. She was born in Scottsville.\n\nEdison Twp. police said a man was struck by a car near the mall. He was taken to a hospital in New Brunswick, N.J.",
			[]place{{text: "Edison Twp.", name: "Edison", country: "US", admin1: "NJ"}}},
		// a name before a particle and a capitalised word begins a longer
		// name, unless that word is a country it has a place in; a
		// surname's particle makes a surname of the word after it
		{"longer names", "The terrorists struck at the Stade de France. The third known da Vinci sketch went on show in Florence, Italy. He flew to Santiago de Chile.",
			[]place{none("Stade"), none("Vinci"), {text: "Santiago de Chile", country: "CL"}}},
		// three capitalised words joined by hyphens are a firm's
		// partners; "-St." before a name is Saint, not a street
		{"organisations", "Visitation will be at Johnson-Vaughn-Phelps Funeral Home on Friday in Bowling Green.", []place{none("Johnson"), none("Vaughn"), {text: "Bowling Green", country: "US"}}},
		{"longer names", "The Dallas-Fort Worth-Arlington area and Minneapolis-St. Paul grew.",
			[]place{{text: "Arlington", country: "US", admin1: "TX"}, {text: "Minneapolis", country: "US", admin1: "MN"}, {text: "St. Paul", country: "US", admin1: "MN"}}},
		// "in the X" is a use as a place: a name "said" made a person
		// (or a company) elsewhere stays a place there
		{"persons", "Amazon said it would open a warehouse in Ohio, while deforestation in the Amazon fell 30% in Brazil.",
			[]place{{text: "Amazon", kind: gazetteer.KindRegion}, {text: "Brazil", country: "BR"}}},
		// a food named after a town is no place, nor a club's town
		// before "City" when the gazetteer knows no town of that name
		{"organisations", "Serve Brussels sprouts with Dijon mustard and Buffalo wings. Fans of Manchester City flew to Istanbul.",
			[]place{none("Brussels"), none("Dijon"), none("Buffalo"), none("Manchester"), {text: "Istanbul", country: "TR"}}},
		{"organisations", "Kansas City, Springfield City Schools and Jersey City reported record heat.",
			[]place{{text: "Kansas City", country: "US"}, {text: "Springfield", country: "US"}, {text: "Jersey City", country: "US"}}},
		// a region of a country the article does not name gives way to
		// a town of more people called so
		{"famous", "The mayor of Manchester said the trams would run late.", []place{{text: "Manchester", country: "GB"}}},
		{"famous", "In Jamaica, the parish of Manchester was flooded; Mandeville lost power.", []place{{text: "Manchester", country: "JM", kind: gazetteer.KindAdmin1}}},
		// a disease named after a place, a kind of fever between; a
		// common word after a comma qualifies nothing
		{"organisations", "The monkey had Simian hemorrhagic fever virus, and Rocky Mountain spotted fever was found in Arizona.",
			[]place{none("Simian"), none("Rocky Mountain"), {text: "Arizona", country: "US"}}},
		{"codes", "There is no outbreak in Eastern Visayas, Region 8, said Dr. Archie Lluz. He lives in Mobile, Alabama.",
			[]place{none("Region"), {text: "Mobile", country: "US", admin1: "AL"}}},
		// the one harmed is a person through the article, "from" or
		// "with" the name or not; only a plain "in" makes it a place
		{"persons", "Prosecutors in Kansas City charged a teenager with killing Welch. According to court documents, Welch went to a house on Elm Street. Vasquez admitted that he had stolen property from Welch and that he had stabbed Welch.",
			[]place{none("Welch")}},
		// a name only ever before a school's word is the school's, named
		// after a person, unless its town's region is in the article
		{"organisations", "A Lipscomb University student from Paris, Tenn., spent spring break in Haiti. Lipscomb University in Nashville sent 300 students.",
			[]place{none("Lipscomb"), {text: "Nashville", country: "US", admin1: "TN"}}},
		{"organisations", "Students at Alachua High School and police in Gainesville, Florida, held a drill.",
			[]place{{text: "Alachua", country: "US", admin1: "FL"}}},
		// a country's possessive does not make another country a town of
		// its own: China has a town Dawan, also written Taiwan
		{"possessives", "China's Taiwan Affairs Office said the drills near Taiwan were a warning. Taiwan's ministry disagreed.",
			[]place{{text: "Taiwan", country: "TW", kind: gazetteer.KindCountry}}},
		// a country's name as a first name after a title leaves the
		// country's other mentions alone, and a first name after a title
		// is a place again where the article writes it as one
		{"persons", "Defense Minister Israel Katz spoke. Israel's military said it struck. Talks with Israel resume; Israel would not yield.",
			[]place{none("Israel Katz"), {text: "Israel", country: "IL", kind: gazetteer.KindCountry}}},
		{"persons", "Sen. Tyler Smith spoke in Austin on Monday. Voters in Tyler cheered him.",
			[]place{{text: "Tyler", country: "US", admin1: "TX"}}},
		{"persons", "Mr. Steele wrote the report. Associates of Steele met reporters.", []place{none("Steele")}},
		// a direction before "Province" is generic like "Eastern Region":
		// Limpopo was once the Northern Province, not Sri Lanka's
		{"generic", "Fighting resumed in the Northern Province, near Jaffna, the army in Colombo said.", []place{none("Northern Province"), {text: "Jaffna", country: "LK"}}},
		{"generic", "Officials in Lusaka said floods hit the Eastern Province near Chipata.", []place{{text: "Eastern Province", country: "ZM", kind: gazetteer.KindAdmin1}}},
		// "Co" and "County" before a name, as Irish and British news
		// write them: the county of that name, not Colorado
		{"codes", "Flooding hit Ennis, Co Clare, and Newcastle West in Co. Limerick on Sunday.",
			[]place{none("Co"), none("Co."), {text: "Clare", country: "IE", kind: gazetteer.KindAdmin2}, {text: "Limerick", country: "IE", kind: gazetteer.KindAdmin2}}},
		{"codes", "Gardaí in County Donegal and County Kerry said roads were closed.", []place{{text: "Kerry", country: "IE", kind: gazetteer.KindAdmin2}}},
		{"codes", "The case was heard in Orange County. Kerry Smith testified.", []place{none("Kerry")}},
		// a name given in full as a person's is a place again in a list
		// after "in", or after "through"
		{"persons", "Sen. Carol Athens, D-Memphis, backed the bill. Officials in Sparta, Athens and Manchester told lawmakers of closures.",
			[]place{{text: "Athens", country: "US", admin1: "TN"}}},
		{"persons", "Jasper Olsen drives a truck for a firm in Edmonton. Carriers should avoid the Yellowhead Highway through Jasper as an alternative, he said.",
			[]place{{text: "Jasper", country: "CA"}}},
		// a court's words make a court only before "Court": "High Street"
		// and "Federal Street" are streets; "St" before a name is Saint
		{"streets", "He lives on High Street in Wigan.", []place{{text: "High Street", country: "GB"}}},
		{"streets", "A fire broke out on Federal Street in Boston.", []place{{text: "Federal Street", country: "US", admin1: "MA"}}},
		{"streets", "The Superior Court in Litchfield ruled on Monday.", []place{none("Superior Court")}},
		{"streets", "Paris St Germain beat Marseille 3-1 on Sunday.", []place{none("Paris St")}},
		{"streets", "Police closed Main St North in Moose Jaw.", []place{{text: "Main St", country: "CA"}}},
		// a lone first name that is a small town is a place after a
		// preposition of place, without the article's support
		{"persons", "A crash closed Highway 82 near Sylvester on Monday.", []place{{text: "Sylvester", country: "US", admin1: "GA"}}},
		{"persons", "Sylvester said the crash closed the road.", []place{none("Sylvester")}},
		// a school or a hospital named after a person is no town of a
		// region the article does not name, however big, nor a region
		// of a country it does not name
		{"organisations", "She was treated at Lincoln Hospital in Dayton, Ohio.", []place{none("Lincoln"), {text: "Dayton", country: "US", admin1: "OH"}}},
		{"organisations", "He was taken to Victoria Hospital after the crash in London, Ont.", []place{none("Victoria")}},
		{"organisations", "Students at Lincoln High School in Lincoln, Nebraska, won the prize.", []place{{text: "Lincoln", country: "US", admin1: "NE"}}},
		// ordinary words right after a place's name end its longer name
		{"longer names", "Hikers in Jasper National Park, Alberta, were evacuated.",
			[]place{none("National Park"), {text: "Jasper", country: "CA"}, {text: "Alberta", country: "CA"}}},
		// a common word that names a city is a place written as one:
		// capitalised after a preposition of place inside a sentence
		{"common words", "Flooding hit downtown Mobile on Tuesday, and crews in Mobile cleared the streets.", []place{{text: "Mobile", country: "US", admin1: "AL"}}},
		{"common words", "In Nice, lifeguards closed the beaches. In Split, the port city, ferries stopped.",
			[]place{{text: "Nice", country: "FR"}, {text: "Split", country: "HR"}}},
		{"common words", "Trains from Reading to London were cancelled.", []place{{text: "Reading", country: "GB"}}},
		{"common words", "The vote in March was close. He placed his faith in Hope. Items came from Union Carbide.",
			[]place{none("March"), none("Hope"), none("Union")}},
		// a name listed among countries is the country, not another
		// country's region of that name; listed among regions, the region
		{"famous", "The withdrawal of Mali, Burkina Faso and Niger from ECOWAS took effect, officials in Abuja said.",
			[]place{{text: "Niger", country: "NE", kind: gazetteer.KindCountry}}},
		{"famous", "Floods hit Niger, Kwara and Kogi states, officials in Abuja said.", []place{{text: "Niger", country: "NG", kind: gazetteer.KindAdmin1}}},
		{"famous", "Storms hit Alabama, Georgia and Florida on Monday.", []place{{text: "Georgia", country: "US", kind: gazetteer.KindAdmin1}}},
		// "Congo" is either Congo: the article's places decide
		{"famous", "The humanitarian picture across Congo is dire, aid workers in Goma and Bunia said.", []place{{text: "Congo", country: "CD", kind: gazetteer.KindCountry}}},
		{"famous", "Brazzaville, the capital of Congo, hosted the talks.", []place{{text: "Congo", country: "CG", kind: gazetteer.KindCountry}}},
		// "the island of X" says what X is, as "X island" does; a
		// country stays ("the island of Réunion" beside "French")
		{"landforms", "Lava reached villages on the island of Flores, in eastern Indonesia, officials in Jakarta said.", []place{none("Flores")}},
		{"landforms", "With 186,000 cases of chikungunya on the island of Réunion, a quarter of that French department is infected, officials in Paris said.",
			[]place{{text: "Réunion", country: "RE", kind: gazetteer.KindCountry}}},
		// a qualifier ends a list: a person after "City, Country," is not
		// one of its places
		{"persons", "ECB President Christine Lagarde spoke. Asked about the forum in Davos, Switzerland, Lagarde said she would stay. Lagarde also pointed to risks.",
			[]place{none("Lagarde")}},
		// titles joined by "and" are persons ("King and Queen" is also a
		// Virginia county, called so with "County")
		{"persons", "THE KING AND QUEEN TO UNDERTAKE STATE VISIT TO AUSTRALIA. The King and Queen will visit Sydney and Canberra.",
			[]place{none("KING AND QUEEN"), none("King and Queen"), {text: "Sydney", country: "AU"}}},
		{"persons", "Deputies in King and Queen County, Virginia, said.", []place{{text: "King and Queen County", country: "US", admin1: "VA"}}},
		// a stadium's or an arena's name, as a school's
		{"organisations", "The Patriots won at Gillette Stadium in Foxborough, Mass.", []place{none("Gillette"), {text: "Foxborough", country: "US", admin1: "MA"}}},
		{"organisations", "The Canucks lost at Rogers Arena in Vancouver on Saturday.", []place{none("Rogers")}},
		// a region's name in a heading line does not swallow the first
		// name of the next line ("Indiana Jones" on one line does)
		{"headlines", "CANADA\n\nToronto and Montreal face snow, while Vancouver will be wet.\n\nMIDDLE EAST AND AFRICA\n\nDubai and Doha will be warm.",
			[]place{{text: "Toronto", country: "CA"}, {text: "Dubai", country: "AE"}}},
		{"headlines", "Fans of Indiana Jones queued in Chicago.", []place{none("Jones")}},
		// a pact or a trophy named after a place or a person
		{"organisations", "Nations pledged to meet the Paris Agreement targets, officials in Brussels said.", []place{none("Paris")}},
		{"organisations", "Spain won the Davis Cup in Malaga. The Stanley Cup final is in Edmonton.", []place{none("Davis"), none("Stanley"), {text: "Malaga", country: "ES"}}},
		{"organisations", "Delegates met at the Charleston Convention Center in South Carolina.", []place{{text: "Charleston", country: "US", admin1: "SC"}}},
		// "Town, Co County" qualifies the town as "Town, State" does
		{"codes", "Commuters from Ennis and Shannon, Co Clare, complain of delays. Shannon Murphy said so.",
			[]place{{text: "Shannon", country: "IE"}, {text: "Clare", country: "IE", kind: gazetteer.KindAdmin2}}},
		{"famous", "In Brazzaville, officials in the Republic of Congo have reported cases.", []place{{text: "Republic of Congo", country: "CG"}}},
		// (a county whose own name has a possessive keeps it)
		{"possessives", "He lives in Prince George's County, Maryland.", []place{{text: "Prince George's County", country: "US", kind: gazetteer.KindAdmin2}}},
	}
	p := testParser()
	for _, tt := range tests {
		t.Run(tt.class+"/"+tt.text, func(t *testing.T) {
			res, err := p.Parse(context.Background(), tt.text, time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				var got *Mention
				for i := range res.Mentions {
					if res.Mentions[i].Text == w.text {
						got = &res.Mentions[i]
						break
					}
				}
				switch {
				case w.noPlace && got != nil:
					t.Errorf("%q is not a place here, got %s (%s, %s)", w.text, got.Place.Name, got.Place.Kind, got.Place.Country)
				case w.noPlace:
				case got == nil:
					t.Errorf("%q not found; mentions %v", w.text, mentionTexts(res))
				case got.Place.Country != w.country || w.kind != 0 && got.Place.Kind != w.kind || w.admin1 != "" && got.Place.Admin1 != w.admin1 || w.name != "" && got.Place.Name != w.name:
					t.Errorf("%q resolved to %s (%s, %s %s), want a %s in %s %s", w.text, got.Place.Name, got.Place.Kind, got.Place.Country, got.Place.Admin1, w.kind, w.country, w.admin1)
				}
			}
		})
	}
}

func mentionTexts(r *Result) []string {
	out := make([]string, len(r.Mentions))
	for i, m := range r.Mentions {
		out[i] = m.Text + "→" + m.Place.Name
	}
	return out
}

// TestSeedArticle checks the article the project started from: the
// cosmodrome and Vladivostok within 10 km, the East Sea in the Sea of
// Japan, and no place for the Wagner group.
func TestSeedArticlePlaces(t *testing.T) {
	text := readSeed(t)
	res, err := testParser().Parse(context.Background(), text, time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	within := map[string]orb.Point{
		"Vostochny Cosmodrome": {128.334, 51.884},
		"Vladivostok":          {131.8855, 43.1155},
	}
	found := map[string]bool{}
	for _, m := range res.Mentions {
		if m.Text == "Wagner" {
			t.Errorf("Wagner (the mercenary group) placed at %s, %s", m.Place.Name, m.Place.Country)
		}
		if pt, ok := within[m.Text]; ok {
			found[m.Text] = true
			if km := geo.DistanceHaversine(pt, m.Place.Point) / 1000; km > 10 {
				t.Errorf("%s is %.0f km off", m.Text, km)
			}
		}
		if m.Text == "East Sea" {
			found[m.Text] = true
			if m.Place.Kind != gazetteer.KindSea || !m.Place.Bound.Contains(orb.Point{134, 40}) || m.Place.Point[0] < 129 || m.Place.Point[0] > 140 || m.Place.Point[1] < 35 || m.Place.Point[1] > 45 {
				t.Errorf("East Sea resolved to %s (%s) at %v, want the Sea of Japan", m.Place.Name, m.Place.Kind, m.Place.Point)
			}
		}
	}
	for _, n := range []string{"Vostochny Cosmodrome", "Vladivostok", "East Sea"} {
		if !found[n] {
			t.Errorf("%s not found", n)
		}
	}
}

// TestAdmin1OfOtherNames checks the feature that puts a namesake where the
// article's other names could be: Paris, Tennessee, shares its state with
// a candidate of "Henry County"; Paris, France, shares nothing.
func TestAdmin1OfOtherNames(t *testing.T) {
	p := testParser()
	var tn, fr float64 = -1, -1
	rec := func(spans []span, g *group, fs []features) {
		if g.key != "paris" || fs == nil {
			return
		}
		for i := range g.cands {
			c := &g.cands[i]
			switch {
			case c.Country == "US" && c.Admin1 == "TN" && c.Kind == gazetteer.KindSettlement:
				tn = fs[i][fAdmin1Any]
			case c.Country == "FR" && c.Kind == gazetteer.KindSettlement:
				fr = fs[i][fAdmin1Any]
			}
		}
	}
	if _, err := p.parse(context.Background(), "Deputies searched Paris on Monday. Henry County officials asked for help.", time.Time{}, rec, nil); err != nil {
		t.Fatal(err)
	}
	if tn <= 0 || fr != 0 {
		t.Errorf("admin-1 of other names: Paris, Tennessee %v (want > 0), Paris, France %v (want 0)", tn, fr)
	}
}

// TestUnknownPopulation: a town whose population GeoNames does not know
// (0) is not a village to drop for a city of millions that has its name
// as an alternate one: in the app's built-in article on the Noto
// earthquake, Suzu is the town in Ishikawa, not Suzhou in China.
func TestUnknownPopulation(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "sample", "28-noto-peninsula-earthquake.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := testParser().Parse(context.Background(), string(b), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range res.Mentions {
		if m.Text == "Suzu" {
			n++
			if m.Place.Country != "JP" {
				t.Errorf("Suzu at %d placed at %s (%s)", m.Start, m.Place.Name, m.Place.Country)
			}
		}
	}
	if n == 0 {
		t.Fatalf("Suzu not found: %v", mentionTexts(res))
	}
}

// TestContinentOutweighsNamesake: a continent counts the people of its
// countries, so the resolver itself, not only the rule that keeps famous
// names, prefers it to a village of its name (Asia in the Philippines).
func TestContinentOutweighsNamesake(t *testing.T) {
	res, err := testParser().Parse(context.Background(), "Canadian exporters lost their best chance in Asia. Alberta now must find other ways to sell beef in Asia, including to Japan and China.", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Mentions {
		if m.Text != "Asia" {
			continue
		}
		if m.Place.Kind != gazetteer.KindContinent {
			t.Fatalf("Asia resolved to %s (%s)", m.Place.Name, m.Place.Kind)
		}
		for _, a := range m.Alternatives {
			if a.Confidence >= m.Confidence {
				t.Errorf("Asia the continent at %.2f, %s (%s) at %.2f", m.Confidence, a.Place.Name, a.Place.Country, a.Confidence)
			}
		}
		return
	}
	t.Fatalf("Asia not found: %v", mentionTexts(res))
}

// TestStormNames: a name given to a storm ("Hurricane Harvey") is the
// storm's wherever the article uses it, not the towns called Harvey.
func TestStormNames(t *testing.T) {
	var rejected []string
	h := &reasons{seen: func(text, why string) {
		if why == "storm name" {
			rejected = append(rejected, text)
		}
	}}
	p := New(testParser().g, Options{Logger: slog.New(h)})
	text := "Hurricane Harvey came ashore near Rockport, Texas. Harvey was expected to stall over Houston. Typhoon Haiyan struck Tacloban."
	res, err := p.Parse(context.Background(), text, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Harvey", "Harvey", "Haiyan"}; !slices.Equal(rejected, want) {
		t.Errorf("rejected as storm names %q, want %q", rejected, want)
	}
	for _, m := range res.Mentions {
		if m.Text == "Harvey" || m.Text == "Haiyan" {
			t.Errorf("%q is a storm, got %s", m.Text, m.Place.Name)
		}
	}
}

// reasons hands the recognizer's debug records of rejected spans to seen.
type reasons struct{ seen func(text, why string) }

func (r *reasons) Enabled(context.Context, slog.Level) bool { return true }
func (r *reasons) Handle(_ context.Context, rec slog.Record) error {
	var text, why string
	rec.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "text":
			text = a.Value.String()
		case "why":
			why = a.Value.String()
		}
		return true
	})
	r.seen(text, why)
	return nil
}
func (r *reasons) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *reasons) WithGroup(string) slog.Handler      { return r }

// TestNoDemonymsChosen checks that, with NoDemonyms, a name chosen as a
// demonym is left out even when a town bears it too ("Canadian", Texas),
// and that by default it is reported and marked as a demonym.
func TestNoDemonymsChosen(t *testing.T) {
	const text = "Dr. Evans said a Canadian who returned from Mexico on April 12 fell ill in Toronto."
	g := gazetteer.Embedded(gazetteer.Options{})
	for _, no := range []bool{false, true} {
		res, err := New(g, Options{NoDemonyms: no}).Parse(context.Background(), text, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var got *Mention
		for i := range res.Mentions {
			if res.Mentions[i].Text == "Canadian" {
				got = &res.Mentions[i]
			}
		}
		switch {
		case no && got != nil:
			t.Errorf("NoDemonyms: %q reported as %s (%s)", got.Text, got.Place.Name, got.Place.Kind)
		case !no && got == nil:
			t.Errorf("\"Canadian\" not reported; mentions %v", mentionTexts(res))
		case !no && (got.Place.Country != "CA" || !got.Demonym):
			t.Errorf("\"Canadian\" is %s (%s), demonym %v; want Canada, a demonym", got.Place.Name, got.Place.Country, got.Demonym)
		}
	}
}

// TestQualifierEndsList checks that a "City, Country" pair before a
// name does not make the name an item of a list of places after "in":
// "in Davos, Switzerland, Lagarde said" lists no Lagarde, while "in
// Sparta, Athens and Manchester" lists Athens.
func TestQualifierEndsList(t *testing.T) {
	p := testParser()
	for _, tt := range []struct {
		text, name string
		want       bool
	}{
		{"Asked about the forum in Davos, Switzerland, Lagarde said she would stay.", "Lagarde", false},
		{"Officials in Sparta, Athens and Manchester told lawmakers.", "Athens", true},
	} {
		rs := []rune(tt.text)
		toks, spans, err := p.recognize(rs, &lookupCache{g: p.g, m: map[string][]gazetteer.Candidate{}})
		if err != nil {
			t.Fatal(err)
		}
		k := slices.IndexFunc(spans, func(s span) bool { return string(rs[s.start:s.end]) == tt.name })
		if k < 0 {
			t.Fatalf("%q: no span %q", tt.text, tt.name)
		}
		if got := inLocativeList(toks, spans, k); got != tt.want {
			t.Errorf("%q: %q in a list after \"in\": %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}
