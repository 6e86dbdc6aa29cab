"""Actors in Russian and Ukrainian text: known names, people, organisations, by morphology.

Capitals are reliable in these languages (only names take them, apart from a sentence's first
word), so detection reads capitalised words and asks pymorphy3 what they are: given names,
surnames and patronymics become people, organisation nouns with their genitive tails become
organisations, and the gazetteer names countries and known organisations. Names are given in
the nominative. No model, no network: pymorphy3's dictionaries and the word lists in
`data/actor_words_<language>.txt`.
"""

from digest.enrich.slavic.morphology import lemma_normaliser
from digest.enrich.slavic.places import DEMONYMS
from digest.enrich.slavic.reader import SALIENCE, find_mentions

__all__ = ["DEMONYMS", "SALIENCE", "find_mentions", "lemma_normaliser"]
