"""Names in Latin script (BBC, Union Square Ventures) and web names (Лента.ру)."""

from __future__ import annotations

from digest.enrich.english import first_names
from digest.enrich.slavic.context import Context, Found, Result, word_lemma
from digest.enrich.slavic.lines import Line
from digest.enrich.slavic.spelling import LATIN, join_words

DOMAIN_ENDINGS = frozenset("ru com org net info ua рф ру su io tv by kz de fr uk eu me".split())
LATIN_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "du", "la", "le", "von", "van"})


def read_latin(line: Line, index: int, context: Context, cue: str) -> Result:
    """Names in Latin script (BBC, Union Square Ventures) and web names (Лента.ру)."""
    word = line.words[index]
    if not ((LATIN.match(word) and word[:1].isupper()) or _is_domain(word)):
        return None
    end = index + 1
    while (
        end < len(line.words)
        and LATIN.match(line.words[end])
        and (line.words[end][:1].isupper() or line.words[end] in LATIN_CONNECTORS)
    ):
        end += 1
    words = line.words[index:end]
    if _skip_latin(line, index, end, context):
        return end, []
    name = join_words(words)
    person = len(words) in (2, 3) and (bool(cue) or words[0].lower() in first_names())
    return end, [Found.of(line, index, end, name, "person" if person else "organisation")]


def _is_domain(word: str) -> bool:
    """A web name: a dot inside and a known domain ending («Лента.ру», «infox.ru»)."""
    return "." in word[1:] and word.rsplit(".", 1)[-1].lower() in DOMAIN_ENDINGS


def _skip_latin(line: Line, index: int, end: int, context: Context) -> bool:
    """A gloss in brackets, a web address, a currency code, a product after its noun."""
    if line.word(index - 1) == "(" and line.word(end) == ")":
        return True
    if line.words[index].lower().startswith("www"):
        return True
    before = line.word(index - 1)
    if before[:1].isdigit() or word_lemma(context, before) in context.words.numbers:
        return True
    return word_lemma(context, before) in context.words.work_types
