"""The vocabulary of the generated news corpus (corpus.py): names, topics and sentences.

A sentence is a subject and a predicate whose slots are drawn from large word lists, so that
two articles share few three-word runs (digest groups articles sharing a quarter of them into
one story) unless one rewrites the other. Everything is lower-case apart from the names it is
filled with and names no country, capital, demonym or organisation of its own, so that the
actors digest detects in an article are the ones it was written about. Slots: `{a}` an actor,
`{p}` a topic phrase, `{n}` a number, `{j}` an adjective, `{o}` a noun, `{v}` a verb, `{w}`
a place or time.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Anna Maria Olena John James Emma Lukas Sofia David Elena Marco Peter Thomas Sarah "
    "Michael Laura Ivan Pierre Hans Jonas Fatima Ahmed Yuki Carlos Isabel Andrei Nina Tomas Eva"
).split()

LAST_NAMES = (
    "Kovalenko Schneider Moreau Rossi Novak Fischer Lindqvist Horvat Petrenko Walsh Dubois "
    "Bauer Marino Kowalski Jensen Varga Okafor Haddad Tanaka Almeida Costa Nieminen Popescu "
    "Brennan Sorensen Vidal Keller Morozov Hughes Dimitrov Castillo Larsen Wagner Romano "
    "Svoboda Mendes Ferreira Nakamura Olsen Harper"
).split()

COUNTRIES = (
    "Ukraine",
    "Poland",
    "Germany",
    "France",
    "United States",
    "Belgium",
    "Moldova",
    "Romania",
    "Hungary",
    "Italy",
    "Spain",
    "Czechia",
    "Slovakia",
    "Lithuania",
    "Latvia",
    "Estonia",
    "Finland",
    "Sweden",
    "Norway",
    "Denmark",
    "Netherlands",
    "Austria",
    "Turkey",
    "Georgia",
    "Armenia",
    "Azerbaijan",
    "Kazakhstan",
    "China",
    "Japan",
    "India",
    "Brazil",
    "Canada",
    "Australia",
    "Israel",
    "Egypt",
    "Nigeria",
    "South Africa",
    "Mexico",
    "Argentina",
    "Greece",
    "Portugal",
    "Ireland",
    "Croatia",
    "Serbia",
    "Bulgaria",
    "Switzerland",
    "Qatar",
    "Saudi Arabia",
    "Indonesia",
    "South Korea",
)

ORGANISATIONS = (
    "NATO",
    "European Union",
    "United Nations",
    "European Commission",
    "International Monetary Fund",
    "World Bank",
    "OSCE",
    "World Health Organization",
    "European Parliament",
    "International Atomic Energy Agency",
    "Council of Europe",
    "International Committee of the Red Cross",
    "European Central Bank",
    "G7",
    "G20",
    "World Trade Organization",
    "UNICEF",
    "Amnesty International",
    "International Criminal Court",
    "African Union",
    "OECD",
    "OPEC",
    "Naftogaz",
    "Frontex",
)

TOPIC_PHRASES = (
    ("Military aid", ("military aid", "air defence systems", "artillery shells")),
    ("Energy", ("energy supply", "gas prices", "power grid")),
    ("Sanctions", ("sanctions package", "asset freeze", "export controls")),
    ("Elections", ("election campaign", "polling stations", "voter turnout")),
    ("Diplomacy", ("peace talks", "diplomatic channels", "joint statement")),
    ("Economy", ("economic growth", "inflation rate", "state budget")),
    ("Refugees", ("refugee support", "temporary protection", "displaced families")),
    ("Climate", ("climate targets", "carbon emissions", "heat waves")),
    ("Health", ("public health", "hospital capacity", "vaccination campaign")),
    ("Technology", ("artificial intelligence", "chip production", "digital services")),
    ("Trade", ("trade agreement", "import tariffs", "grain exports")),
    ("Human rights", ("human rights", "prisoner exchange", "press freedom")),
    ("Cyber security", ("cyber attack", "data breach", "ransomware group")),
    ("Agriculture", ("harvest forecast", "farm subsidies", "fertiliser prices")),
    ("Reconstruction", ("reconstruction fund", "damaged infrastructure", "housing repairs")),
    ("Corruption", ("corruption case", "anti-corruption reform", "public procurement")),
    ("Transport", ("rail network", "border crossings", "freight traffic")),
    ("Education", ("school year", "university funding", "teacher shortage")),
    ("Migration", ("migration policy", "asylum requests", "work permits")),
    ("Defence industry", ("arms production", "defence contracts", "drone manufacturing")),
    ("Nuclear safety", ("nuclear safety", "reactor inspection", "radiation levels")),
    ("Finance", ("interest rates", "bond market", "currency reserves")),
    ("Justice", ("war crimes", "court ruling", "criminal investigation")),
    ("Space", ("satellite launch", "space programme", "orbital station")),
)

TITLES = (
    "{a} pledges continued {p} with {b}",
    "{a} discusses {p} with {b}",
    "{a} warns of new risks to {p}",
    "{a} announces a plan on {p} after talks with {b}",
    "{a} rejects proposal by {b} on {p}",
    "talks on {p} stall as {a} disagrees with {b}",
    "{a} to spend {n} million euros on {p}",
    "{b} criticises {a} over {p}",
    "{a} reports progress on {p}",
    "what the deal of {a} with {b} means for {p}",
)

ADJECTIVES = (
    "new regional national joint final revised early urgent annual detailed broad modest "
    "formal informal temporary permanent local central eastern western northern southern "
    "senior junior independent public private costly careful cautious ambitious limited "
    "extended delayed expected unexpected disputed agreed proposed separate second third "
    "bilateral multilateral emergency technical political legal financial practical "
    "confidential official unofficial preliminary standing special quarterly monthly"
).split()

NOUNS = (
    "committee council delegation ministry agency commission panel office mission court "
    "proposal plan report budget review draft deal framework programme package reform "
    "meeting summit hearing session vote debate inquiry audit survey forecast estimate "
    "statement briefing letter memo request appeal complaint ruling decree bill law "
    "deadline schedule timeline target quota limit ceiling threshold fund grant loan "
    "contract tender partnership coalition alliance network platform initiative project "
    "region district province city port border corridor route bridge station plant factory "
    "hospital school university court prison archive warehouse depot airport harbour"
).split()

VERBS = (
    "announced approved rejected questioned criticised welcomed postponed discussed "
    "reviewed signed drafted proposed defended challenged supported opposed delayed "
    "published confirmed denied examined outlined presented adopted extended suspended "
    "revised endorsed accepted blocked backed doubted praised"
).split()

PLACES = (
    "in the capital",
    "at a press conference",
    "during a closed session",
    "in an interview",
    "on the sidelines of the summit",
    "after a long meeting",
    "in a written statement",
    "late on the same evening",
    "earlier in the week",
    "before the vote",
)

SUBJECTS = (
    "{a}",
    "{a}",
    "the {j} {o}",
    "a {j} {o}",
    "officials of the {o}",
    "members of the {j} {o}",
)

PREDICATES = (
    "{v} the {j} {o} on {p}",
    "{v} a {j} {o} {w}",
    "{v} the {o} of {a} {w}",
    "said that the {j} {o} on {p} would be {v} by the {o}",
    "{v} what it called a {j} {o}, worth {n} million euros",
    "{v} the {j} {o} and the {j} {o} {w}",
    "{v} the {o} within {n} days",
)
QUOTES = (
    "We will not step back from our commitments on {p}",
    "There is no alternative to working together on {p}",
    "The coming weeks will be decisive for {p}",
    "Our position on {p} has not changed, and it will not change",
    "We need results on {p}, not more promises",
)

LIST_ITEMS = (
    "an additional package of measures on {p}",
    "a monitoring mission to report every quarter",
    "new funding for the regions most affected",
    "a joint working group with a clear mandate",
    "simpler procedures for small businesses",
    "a review of the existing agreements within six months",
    "regular public reports on progress",
)

HEADINGS = (
    "What happens next",
    "Reactions to the decision",
    "Why {a} matters here",
    "The background",
    "Numbers behind the plan",
)

LINK_SITES = (
    ("ministry", "gov.example.org/press"),
    ("agency", "agency.example.net/news"),
    ("parliament", "parliament.example.org/documents"),
    ("mission", "mission.example.com/statements"),
)
