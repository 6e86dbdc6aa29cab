"""Reading an article: each sentence left to right by the readers, then the names folded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from types import MappingProxyType

from digest.enrich.english import Mention
from digest.enrich.gazetteer import Gazetteer
from digest.enrich.knowledge import builtin_actors
from digest.enrich.salience import SalienceSettings
from digest.enrich.slavic.context import Context, Found, Reader, is_role
from digest.enrich.slavic.folding import fold
from digest.enrich.slavic.latin import read_latin
from digest.enrich.slavic.lines import Line, line_of, rejoin
from digest.enrich.slavic.morphology import CASES, case_of, features, lemma, parses
from digest.enrich.slavic.organisations import read_abbreviation, read_organisation
from digest.enrich.slavic.people import read_person, read_single
from digest.enrich.slavic.places import read_known, read_place
from digest.enrich.slavic.quotes import read_quoted
from digest.enrich.slavic.words import lexicon
from digest.enrich.text import Sentence

CUE_REACH = 8
"""How many words after a role word its person may come: «президент США Барак Обама»."""
CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–", "…"})
SALIENCE = SalienceSettings(
    title_weight=3.0,
    lead_weight=1.0,
    lead_sentences=3,
    frequency_weight=2.0,
    main_threshold=4.0,
    max_main=6,
    relative=0.5,
    speaker_weight=0.0,
    country_weight=-1.0,
)
"""Salience for Russian and Ukrainian news, tuned on the factRuEval dev set: its articles
often have no title line, so the lead counts less and repetition more."""


def find_mentions(
    sentences: Sequence[Sentence], gazetteer: Gazetteer, language: str
) -> list[Mention]:
    """Every actor named in the sentences, one nominative name per actor in `language`."""
    lines = [line_of(sentence) for sentence in rejoin(sentences)]
    context = Context(
        language,
        gazetteer,
        lexicon(language),
        canonical_names(language),
        lower_lemmas(lines, language),
    )
    found = [item for line in lines for item in read_sentence(line, context)]
    return fold(found, context)


@cache
def canonical_names(language: str) -> Mapping[str, str]:
    """Built-in actors: English canonical name → the first name in `language`."""
    return MappingProxyType(
        {k.name: k.names[language][0] for k in builtin_actors() if k.names.get(language)}
    )


def lower_lemmas(lines: Iterable[Line], language: str) -> frozenset[str]:
    """Lemmas of the words an article writes in lower case."""
    return frozenset(
        lemma(language, word)
        for line in lines
        for word in line.words
        if word.isalpha() and word.islower()
    )


def read_sentence(line: Line, context: Context) -> list[Found]:
    """Every name in one sentence, left to right; each word is read once."""
    readers: tuple[Reader, ...] = (
        read_quoted,
        read_organisation,
        read_known,
        read_person,
        read_latin,
        read_abbreviation,
        read_place,
        read_single,
    )
    found: list[Found] = []
    index = 0
    reach, case = 0, ""
    while index < len(line.words):
        for reader in readers:
            result = reader(line, index, context, case if reach else "")
            if result is not None:
                index, new = result
                found += new
                reach = 0 if any(f.kind == "person" for f in new) else reach
                break
        else:
            reach, case = _cue_after(line, index, context, reach, case)
            index += 1
    return found


def _cue_after(line: Line, index: int, context: Context, reach: int, case: str) -> tuple[int, str]:
    """How many more words a role cue («президент», «глава») waits for its person, and the
    role word's case (a name in apposition shares it: «председателя … Си Цзиньпина»)."""
    word = line.words[index]
    if is_role(context, word):
        readings = parses(context.language, word)
        cases = case_of(readings[:1])
        return CUE_REACH, min(cases, key=CASES.index) if cases else "nomn"
    if word in CLAUSE_BREAKS or (word.islower() and features(context.language, word).verb):
        return 0, ""
    return max(0, reach - 1), case
