package geoparse

import "strings"

// The word lists below are general English and news knowledge written for
// eventmap; none is taken from an evaluation corpus.

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// phrases is set for multi-word names written with "|" between the
// words.
func phrases(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[strings.ReplaceAll(w, "|", " ")] = true
	}
	return m
}

// connectors may stand inside a multi-word place name ("Gulf of Mexico",
// "Rio de Janeiro", "Stratford-upon-Avon", "Bosnia and Herzegovina").
var connectors = set(`of the de du des la le les del della di da do dos das and upon on en y al el von van der den sur am im au aux`)

// nameParticles join the words of a Romance, Dutch or German name
// ("Mocimboa da Praia", "Costa del Sol", "Ruud van Nistelrooy"): a
// capitalised word after one and a capitalised word is the end of a
// name, not a place of its own.
var nameParticles = set(`de du des da do dos das del della di la le les von van der den`)

// surnameParticles begin a surname even after a lower-case word ("a da
// Vinci sketch", "van Gogh", "de Gaulle").
var surnameParticles = set(`da de di du van von`)

// functionWords are words that are capitalised only because they start a
// sentence or a title: a place name never is one of them alone.
var functionWords = set(`a an the in on at from to for of and but or nor as by with without after before during
this that these those it its he she they we i you me him her them us our their his my your who whom whose which what
when while where why how if then than there here some many most much more less all any no not so also yet since until
about over under into onto through between among against despite although though because each every both either
neither one two three four five six seven eight nine ten first second third last next new old other another such
only just even still again very can could will would shall should may might must do does did done be is are was were
been being have has had get got say said says tell told make made go went come came see seen know knew think thought
take took give gave use used find found want like well back now today tonight yesterday tomorrow meanwhile however
instead according per via please thanks yes okay ok oh mr mrs ms dr sir st saint our let let's whether unless once
inside outside near around across along behind beyond above below within toward towards upon amid amidst`)

// commonWords are ordinary English words (and calendar names, planets,
// the language "English") that are also the names of some place in a
// large gazetteer. Alone and without
// other evidence they are not taken for places.
var commonWords = set(`january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter christmas easter
mobile reading bath nice split hope liberty unity independence commerce police media university college school
church hospital center centre union home house city state county town village district province region republic
national federal government department office court council news post times story page press herald star sun
mirror tribune journal gazette daily weekly report world earth ocean sea river lake mountain hill valley park
north south east west central northern southern eastern western upper lower middle greater little big great grand
royal royalty crown king queen prince princess lord lady duke victory paradise eden orange lime lemon olive rose lily
iris violet jasmine pearl ruby diamond gold silver iron steel copper coal energy power progress friendship harmony
concord amity peace freedom justice truth faith charity grace mercy trinity bethlehem zion goshen canaan
surprise boring why hell chance fortune luck welcome enterprise industry opportunity success plenty
mercury venus mars jupiter saturn uranus neptune pluto english
general president minister secretary senator governor mayor sheriff judge officer chief director chairman
manager captain colonel major sergeant lieutenant corporal private doctor professor reverend pastor bishop
pope father mother son daughter brother sister family friend people man woman child children boy girl
army navy air force guard marine marines corps police fire rescue emergency health care medical hospital clinic
bank market street road avenue lane drive way place square hall building tower bridge station airport port
harbor harbour beach island islands bay coast shore field fields farm farms wood woods forest garden gardens
spring springs well wells rock rocks stone stones ridge point cape mount fort camp
data email internet online web site video photo photos image
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
day night week month year hour today area section metro superior chamber academy law mill congress god none
democrat democrats republican republicans jewish arab arabs muslim muslims christian christians catholic catholics
hispanic hispanics latino latinos black white asian asians sunni shiite shia kurd kurds islamic
hamas hezbollah hizbollah taliban fatah qaeda passover ramadan hanukkah titan pack green main wal mart main`)

// streetSuffixes end the name of a street, road or route, a place too
// small for the gazetteer that is put in its town.
var streetSuffixes = set(`street st avenue ave road rd drive lane ln boulevard blvd parkway pkwy way trail court ct
circle place pike highway route interstate freeway expressway turnpike
`)

// pactWords after a town's name make it a pact's or a trophy's ("the Paris
// Agreement", "the Davis Cup"); venueWords after them make a building
// again ("Convention Center").
var pactWords = set(`agreement agreements accord accords protocol protocols treaty convention conventions cup trophy`)
var venueWords = set(`center centre hall complex`)

// schoolWords after a name make it a school's, a hospital's, a shop's or a venue's,
// often named after a person or a firm ("Lipscomb University", "Lee
// Academy", "Gillette Stadium").
var schoolWords = set(`university college academy school high elementary hospital market stadium arena center centre`)

// landformNouns, written in lower case after a name, make it the name of
// an island, a peninsula, a river or a mountain range ("the Noto
// peninsula", "Flores island"), not of a town or region elsewhere.
var landformNouns = set(`island islands isle peninsula archipelago atoll river valley mountains range desert delta plateau strait`)

// thingsNamedAfter are lower-case words that, after a name, make it a
// thing named after a place, and what it is then: a food ("Brussels
// sprouts", "Dijon mustard", "Buffalo wings") or a grade of oil ("Brent
// crude", "Urals blend").
var thingsNamedAfter = map[string]string{
	"sprout": "food", "sprouts": "food", "mustard": "food", "wings": "food", "sauce": "food", "dressing": "food",
	"crude": "oil grade", "blend": "oil grade",
}

// streetAbbrevs are the street suffixes written short, whose full stop
// belongs to them ("Main St.", "Elm Ave."), unlike that of "Road." or
// "Lane." ending a sentence.
var streetAbbrevs = set(`st ave rd ln blvd pkwy ct`)

// streetTownWords put the street or road before them in or by the town
// after them (see townAfter).
var streetTownWords = set(`in near outside between through`)

// organisationNames are names of organisations, and of weather and ocean
// phenomena, that the gazetteer also knows as places (a village called
// Red Cross, a town called El Niño, a street called United Way), and
// companies and news agencies whose name a town bears or bore (Toyota,
// Honda, Nokia, Xinhua; "Google" was Topeka for a month): not places
// wherever they appear. Keys are folded (gazetteer.Fold).
var organisationNames = phrases(`red|cross red|crescent united|way el|nino la|nina google toyota honda nokia xinhua`)

// governmentSeats are buildings whose name stands for a government ("the
// White House said", "the Kremlin denied"): news uses them for who acts,
// not where, and the annotated corpora do not count them as places.
// Keys are folded.
var governmentSeats = phrases(`white|house kremlin pentagon downing|street whitehall elysee elysee|palace blue|house capitol`)

// diseaseWords after a place name make it the name of a disease ("West
// Nile virus", "Lassa fever", "Lyme disease", "Spanish flu"), not a place.
// partyNames are the names of political parties that are also towns'
// ("Liberal", Kansas); partyNouns follow a party's name.
var (
	partyNames = set(`liberal liberals conservative conservatives labour labor green greens democratic republican socialist progressive reform unionist`)
	partyNouns = set(`government governments party parties cabinet minister ministers leader leaders mp mps mla mlas candidate candidates
caucus budget councillor councillors councilor councilors member members senator senators premier platform voters supporters`)
)

// partyLetters abbreviate a legislator's party before the place they
// represent ("D-N.Y.", "R-Marshall", "DFL-Cook"), as written.
var partyLetters = set(`D R I DFL`)

// stormWords name a storm before its given name ("Hurricane Harvey").
var stormWords = set(`hurricane typhoon cyclone storm`)

var diseaseWords = set(`virus viruses fever disease flu influenza syndrome encephalitis`)

// diseaseKinds come between a place's name and a disease word in a
// disease's name ("Simian hemorrhagic fever", "Rocky Mountain spotted
// fever", "Middle East respiratory syndrome").
var diseaseKinds = set(`hemorrhagic haemorrhagic spotted respiratory`)

// companyWords after a place name make it the name of a company, a group
// or a brand ("Wagner Group", "Bedford Motors"), which says nothing about
// where things happen: the name is not a place unless it names a country
// or an admin-1 region ("Georgia Power" stays Georgia). Public
// institutions of a place ("Gainesville Police Department") keep the
// place: what they do happens there (see orgWords).
var companyWords = set(`group company co corp corporation inc incorporated llc ltd plc holdings airlines airways motors
bank banks insurance energy telecom records studios pictures films brewery winery industries enterprises partners
ventures capital`)

// ordinalWords are the ordinals that number streets ("Northwest Eighth
// Avenue").
var ordinalWords = set(`first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth`)

// genericHeads after a direction word make a generic phrase ("West
// Coast", "Eastern Region"), which is a place only in the country the
// article is about.
var genericHeads = set(`coast coasts region regions province provinces side shore seaboard`)

// courtWords before "Court" make a court of law, not a street: "Supreme
// Court", "District Court".
var courtWords = set(`supreme high district federal appeals appellate circuit magistrates magistrate crown family
juvenile municipal superior constitutional criminal civil county state probate bankruptcy tax children youth
coroner coroners drug traffic housing claims land military sheriff industrial labour labor employment admiralty
commercial commissioners sessions general chancery justice fiscal european international`)

// degrees are the abbreviated degrees and qualifications written after a
// name ("Charles W. Murphy, M.D.", "a Ph.D. in immunology"), in lower
// case without their last full stop, as the tokenizer gives them: never
// a place ("M.D." is not Maryland's "Md.").
var degrees = set(`m.d ph.d d.d.s d.m.d j.d r.n d.o m.b.a d.v.m ll.b ll.m ll.d m.p.h m.s.w ed.d psy.d pharm.d d.n.p
b.sc m.sc b.a m.a b.s m.s m.phil d.phil`)

// personTitles before a capitalised word make it (part of) a person's
// name: "Mr. Chase", "President Washington", "Sen. Kerry".
// titleAbbrevs are abbreviated titles that personTitles lacks because
// they are also the names or abbreviations of places ("Sens" in France,
// "Del." for Delaware): with a full stop and a capitalised name after them
// they are the title.
var titleAbbrevs = set(`sens reps del dels govs`)

// shortTitles are the abbreviated titles: a full stop after one does not
// end a sentence.
var shortTitles = set(`mr mrs ms mx dr prof rev fr gov sen sens rep reps sgt lt capt cmdr col maj gen adm cpl pvt st vp supt det insp atty hon msgr`)

var personTitles = set(`mr mrs ms miss mx dr sir dame lord lady madam mister doctor prof professor rev reverend fr father
sister brother pastor bishop archbishop cardinal pope rabbi imam sheikh president vice-president vp gov governor sen
senator rep representative congressman congresswoman mayor judge justice sheriff deputy officer detective trooper
sgt sergeant lt lieutenant capt captain cmdr commander col colonel maj major gen general adm admiral cpl corporal pvt
private chief coach prince princess king queen duke duchess emperor empress chancellor minister premier
secretary ambassador attorney councilman councilwoman commissioner superintendent principal chairman chairwoman
director spokesman spokeswoman spokesperson agent nurse dean uncle aunt grandma grandpa mom dad st saint`)

// orgWords after a place name make the run the name of an organisation
// or a thing ("Washington Post", "Ohio State University", "Georgia Power").
var orgWords = set(`university college school academy institute institution hospital clinic center centre church
cathedral chapel temple mosque synagogue ministry company corp corporation inc incorporated llc ltd co group
association society club league team federation union council committee commission board bureau agency authority
department office service services police patrol sheriff fire court courts chamber times post news herald tribune journal gazette
daily weekly press star sun mirror observer examiner chronicle telegraph times-dispatch record review magazine radio
tv television network channel airlines airways air railway railroad bank banks trust insurance energy power gas
electric water telecom motors airport stadium arena hall theater theatre museum library zoo park mall market
hotel restaurant cafe bar brewery winery farm farms records studios pictures films party movement front army navy
corps guard regiment brigade division battalion fleet force forces command cup open games championship tournament
series award prize prize festival fair show foundation fund project program programme initiative campaign
declaration treaty accord agreement convention act law bill plan code syndrome virus flu fever disease rangers
cowboys giants bulls bears lions tigers eagles hawks falcons braves reds sox yankees mets cubs jets packers
state's tech st. schools manager director superintendent administrator clerk facility correctional reservoir inn suites
district parks recreation alliance lottery legislature assembly parliament senate elections election`)

// followers that keep a place name a place even though capitalised words
// follow it: titles and roles ("Russian President Putin", "Texas Gov.
// Perry") and a few generic nouns.
var titleAfter = set(`president prime premier minister foreign defense defence interior finance gov governor sen
senator rep representative mayor sheriff attorney general officials official leader leaders army troops forces
police soldiers authorities government embassy ambassador consul national nationals citizens people border
capital coast coastal region regional state-run state army's navy investigator investigators detective detectives
mla mlas mp mps mpp councillor councilor alderman`)

// regionWords after a region's name are part of it: "Fars Province",
// "Niigata Prefecture", "Anbar Governorate" ("State" and "District"
// name other things too: "Washington State University", "District
// Court").
var regionWords = set(`province prefecture governorate oblast krai region`)

// placeSuffixes end a name that is a place whether or not the gazetteer
// knows it ("Laurel County", "Rapides Parish").
var placeSuffixes = set(`county parish borough township twp co. co`)

// directionWords may precede a place name and are part of the span when
// the gazetteer knows the whole ("North Carolina", "South Korea"); when it
// does not, they are left out ("northern Virginia").
var directionWords = set(`north south east west northern southern eastern western central northeast northwest
southeast southwest upper lower greater downtown suburban rural metro`)

// saidWords after a single name mark a person: "Chase said".
var saidWords = set(`said says told added explained noted asked stated wrote argued claimed insisted recalled replied testified pleaded died`)

// personObjectVerbs before a single name mark a person: one harms, judges
// or marries people, not places ("stabbed Welch", "sentenced Corbin").
var personObjectVerbs = set(`stabbed stabbing strangled strangling murdered murdering killed killing shot kidnapped kidnapping abducted abducting raped assaulted assaulting
	sentenced sentencing indicted arrested arresting handcuffed tased interviewed married marrying hugged kissed thanked`)

// suffixExpansions spell out abbreviations that end place names.
var suffixExpansions = map[string]string{"co": "county", "twp": "township"}

// abbrevExpansions spell out abbreviations inside place names.
var abbrevExpansions = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}

// newsNames after a place name make it the name of a newspaper or a
// sports team ("Washington Post", "Dallas Cowboys"), not a place.
var newsNames = set(`post times herald tribune journal gazette chronicle observer examiner telegraph star sun mirror
daily dispatch bulletin register inquirer courier sentinel ledger globe independent times-dispatch
journal-constitution free-press cowboys giants bulls bears lions tigers eagles hawks falcons braves reds sox yankees
mets cubs jets packers rangers steelers patriots redskins lakers celtics knicks nets rockets spurs mavericks
fc rovers wanderers hotspur albion raptors nuggets clippers suns grizzlies pelicans hornets pistons pacers bucks
cavaliers 76ers timberwolves blazers broncos raiders chargers seahawks 49ers rams buccaneers dolphins ravens bengals
browns texans colts jaguars vikings commanders dodgers padres astros mariners orioles brewers phillies marlins rockies
diamondbacks canadiens oilers canucks bruins penguins flyers blackhawks predators sabres kraken`)

// townNouns name a town or city before "of" and its name ("the city of
// Turkey").
var townNouns = set(`city town village township borough municipality hamlet`)

// rankWords before such a noun make the name after "of" the country or
// region the town is in: "the capital city of Turkey", "the second city
// of France", "the main town of the island".
var rankWords = set(`capital second third fourth fifth main chief principal only major leading biggest largest oldest`)
