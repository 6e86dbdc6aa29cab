"""The English word lists: connectors, roles, organisation and place words, given names.

Also the one test every reader shares: whether a word is shaped like (part of) a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

CONNECTORS = frozenset(
    "of the for and on at de del della da di du la le van von der den y & bin ibn".split()
)
NAME_PARTICLES = re.compile(r"^(al|el|ad|ar|as|ash|at|az|ibn|abu|de|di|da|le|la)-\w")
PLACE_WORDS = frozenset(
    """airport stadium arena street road avenue boulevard square bridge station palace dam
    canal river mountains islands beach valley province county convention""".split()
)
AGENCY_WORDS = frozenset(
    """air radio statistics environment health sport transport parks elections heritage""".split()
)
"""Before a country, they name an agency or a company: `Environment Canada`, `Air India`."""
LANDMARK_WORDS = frozenset(
    """gulf sea ocean bay lake peninsula desert mosque masjid cathedral temple hotel""".split()
)
"""Places a person's name never contains (organisations may: `Gulf Cooperation Council`)."""
WORK_WORDS = frozenset(
    """film movie novel book album song series show game play opera documentary""".split()
)
"""Before a title, not a person: `the film Easy Rider`, `graphic novel Angel Catbird`."""
LIST_MARKS = frozenset((",", "and", ";", ":", "(", ")", "", "."))
SPLITTERS = frozenset(("and", "&", "at"))
"""Between two organisation words these join two organisations, not one name."""
CREDIT = re.compile(r"^(image|images|photo|photos|video|audio|picture|credit|source)s?$", re.I)
ARABIC_NAME_STARTS = frozenset(("Abu", "Abd", "Abdul", "Abdel"))
ARABIC_SURNAME = re.compile(r"^(?:al|Al|el|El)-[A-Z][a-z]+$")
INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
"""`K.C.`, `J.`: a person's initials (place initialisms such as U.S. and D.C. are known names)."""
PLACE_INITIALISMS = frozenset(("U.S.", "U.K.", "D.C.", "U.N.", "E.U.", "U.S.A.", "L.A.", "N.Y."))
WEB_SUFFIXES = frozenset(("com", "org", "net", "co", "io", "info", "ru", "ua"))
HYPHENATED_GIVEN_NAME = re.compile(r"^[A-Z][a-z]+-[A-Za-z][a-z]+$")
ROLE_WORDS = frozenset(
    """president vice prime minister chancellor secretary general ambassador envoy spokesman
    spokeswoman spokesperson senator sen representative rep congressman congresswoman governor
    gov mayor king queen prince princess pope judge justice chairman chairwoman chair ceo
    director commander chief officer lieutenant lt colonel col major maj captain capt sergeant
    sgt admiral adm commodore brigadier gen marshal deputy attorney leader founder premier
    sheikh emir sultan lord sir dame mr mrs ms miss dr prof professor rev reverend father
    bishop archbishop cardinal ayatollah imam rabbi coach manager striker midfielder defender
    goalkeeper player correspondent reporter editor analyst consul diplomat candidate mp
    lawmaker activist artist singer actor actress author writer ms. mr. dr. sgt. gen. lt. col.
    pvt private corporal cpl specialist spc inspector detective superintendent constable
    commissioner councillor councilman councilwoman speaker chairperson executive head
    spokesperson secretary-general student teenager boy girl resident official researcher
    scientist economist lawyer doctor teacher pastor priest soldier journalist blogger
    businessman businesswoman billionaire entrepreneur producer designer photographer
    filmmaker prosecutor commentator columnist historian expert academic chef athlete
    champion president-elect nominee incumbent challenger dissident defector whistleblower
    astronaut administrator qc athlete musician publisher owner""".split()
)
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady".split())
ORG_WORDS = frozenset(
    """department ministry council party agency command forces force army navy guard police
    committee commission university college school district association union federation
    league alliance coalition organization organisation institute foundation corporation corp
    inc ltd llc plc company co group bank court office service services authority board bureau
    church club news times post journal gazette herald tribune network radio television
    tv magazine center centre front movement assembly parliament senate congress cabinet
    administration airlines airways motors industries technologies systems laboratories labs
    society trust fund brigade battalion regiment division corps wing squadron fleet
    hospital museum library agency commissions institution unit units fc cf afc team
    committee ministry embassy consulate secretariat tribunal agency gallery planetarium
    municipality
    orchestra theatre theater opera ballet choir mail weekly daily observer chronicle
    examiner telegraph mirror courier bulletin monitor""".split()
)
SPEECH_VERBS = frozenset(
    """said says told added explained stated noted warned wrote announced argued asked
    claimed confirmed replied insisted denied""".split()
)
METONYM_VERBS = SPEECH_VERBS | frozenset(
    """has have had is was will would wants wanted accused rejected condemned responded
    plans planned urged called agreed refused demanded""".split()
)
MONTH_SHORT_FORMS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
LANGUAGE_CONTEXT = frozenset(
    "language languages speaking speaker speakers cuisine food new zodiac".split()
)


@cache
def first_names() -> frozenset[str]:
    """Common given names: US Census 1990 (public domain) and a world list, lower-case ASCII."""
    text = resources.files("digest.enrich").joinpath("data/first_names.txt").read_text("utf-8")
    return frozenset(text.split())


@cache
def common_words() -> frozenset[str]:
    """Words that start sentences and headlines without naming anyone."""
    text = resources.files("digest.enrich").joinpath("data/common_words_en.txt").read_text("utf-8")
    return frozenset(text.split())


@lru_cache(maxsize=65536)
def is_name_word(word: str) -> bool:
    """A capitalised word, a name with a particle (`al-Assad`), or an ordinal (`7th`)."""
    return ((word[0].isupper() or bool(NAME_PARTICLES.match(word))) and word[0].isalpha()) or (
        word[0].isdigit() and word[-1].isalpha() and word[-2:].lower() in ("th", "st", "nd", "rd")
    )


@cache
def _given_months() -> frozenset[str]:
    """Short forms of months that are also given names (`Jan`)."""
    return MONTH_SHORT_FORMS & first_names()


def is_given_not_date(words: Sequence[str], index: int) -> bool:
    """`Jan Lipavsky`: a month's short form that is also a given name, before a surname-shaped
    word and not after a number, is a given name; `Jan 5`, `Jan. 2024`, `5 Jan` are dates."""
    if words[index].lower() not in _given_months() or index + 1 >= len(words):
        return False
    following = words[index + 1]
    return (
        following[:1].isupper()
        and following[1:2].islower()
        and not any(c.isdigit() for c in following)
        and following.lower() not in common_words()
        and not (index and words[index - 1][:1].isdigit())
    )
