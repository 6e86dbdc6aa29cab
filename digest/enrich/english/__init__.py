"""Actors in English text: known names, people by name shape and role cues, organisations by shape.

Detection reads capitalised runs of words sentence by sentence; no model, no network. The word
lists (words), what readers share (context), runs and the capitals that name nobody (runs),
organisations, people, the reader and alias folding are a module each.
"""

from digest.enrich.english.context import Mention
from digest.enrich.english.reader import find_mentions
from digest.enrich.english.words import first_names

__all__ = ["Mention", "find_mentions", "first_names"]
