"""The project's actor registry, `data/actors.toml` (or `.yaml`): canonical names, kinds,
aliases per language and a profile for the actor's page.

```toml
[[actor]]
name = "Ludivine Dedonder"            # canonical name, the actor's identity
kind = "person"                       # person | country | organisation | group
aliases = ["Dedonder"]                # any language; or a table: { uk = ["Дедондер"] }
names = { uk = "Людівін Дедондер" }   # the name to show in each language edition
role = "Minister of Defence of Belgium"
description = "Belgian politician."
image = "img/dedonder.jpg"
wikidata = "Q2567423"
```
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from digest.config import line_of_key, line_of_value, toml_problem
from digest.errors import Problem
from digest.model import ActorProfile

KINDS = ("person", "country", "organisation", "group")
FIELDS = ("name", "kind", "aliases", "names", "role", "description", "image", "wikidata")
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class RegistryActor:
    """One actor as the registry describes it; plain tuples, so it can be hashed and cached."""

    name: str
    kind: str
    aliases: tuple[tuple[str, str], ...] = ()
    """(language or "*", alias) pairs."""
    names: tuple[tuple[str, str], ...] = ()
    """(language, display name) pairs."""
    profile: ActorProfile = ActorProfile()

    def aliases_for(self, language: str) -> tuple[str, ...]:
        return tuple(a for lang, a in self.aliases if lang in (language, ANY_LANGUAGE))

    def name_in(self, language: str) -> str | None:
        return next((n for lang, n in self.names if lang == language), None)


def registry_file(root: Path, configured: str) -> Path | None:
    """The registry file: as configured, or the same name with a YAML suffix."""
    path = root / configured
    for candidate in (path, path.with_suffix(".yaml"), path.with_suffix(".yml")):
        if candidate.is_file():
            return candidate
    return None


def load_registry(root: Path, configured: str) -> tuple[tuple[RegistryActor, ...], list[Problem]]:
    """Read the registry; every mistake is a problem and the entry is left out."""
    path = registry_file(root, configured)
    if path is None:
        return (), []
    shown = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = _parse(path, text)
    except tomllib.TOMLDecodeError as error:
        return (), [toml_problem(shown, error, 1, text)]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return (), [Problem(shown, line, f"invalid YAML: {getattr(error, 'problem', error)}")]
    entries = data.get("actor", data.get("actors", [])) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        return (), [Problem(shown, 1, "expected a list of actors under `[[actor]]`")]
    actors: list[RegistryActor] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for entry in entries:
        actor, found = _read_entry(entry, shown, text)
        problems += found
        if actor is not None and actor.name in seen:
            problems.append(Problem(shown, line_of_key(text, "name"), f"`{actor.name}` twice"))
        elif actor is not None:
            seen.add(actor.name)
            actors.append(actor)
    return tuple(actors), problems


def _parse(path: Path, text: str) -> Any:
    if path.suffix == ".toml":
        return tomllib.loads(text)
    return yaml.safe_load(text) or []


def _read_entry(entry: Any, path: str, text: str) -> tuple[RegistryActor | None, list[Problem]]:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return None, [
            Problem(path, None, "every actor needs a `name`", 'name = "Jens Stoltenberg"')
        ]
    name = entry["name"].strip()
    line = line_of_value(text, name)
    problems = []
    for key in entry:
        if key not in FIELDS:
            close = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(FIELDS)
            problems.append(Problem(path, line, f"{name}: unknown key `{key}`", hint))
    kind = entry.get("kind", "person")
    if kind not in KINDS:
        problems.append(Problem(path, line, f"{name}: unknown kind {kind!r}", " | ".join(KINDS)))
    aliases = _by_language(entry.get("aliases", ()), ANY_LANGUAGE)
    names = _by_language(entry.get("names", {}), ANY_LANGUAGE)
    if aliases is None or names is None:
        problems.append(Problem(path, line, f"{name}: `aliases` and `names` hold text or lists"))
    if problems:
        return None, problems
    profile = ActorProfile(
        **{k: str(entry[k]) for k in ("description", "role", "image", "wikidata") if k in entry}
    )
    return RegistryActor(name, kind, aliases or (), names or (), profile), []


def _by_language(value: Any, default: str) -> tuple[tuple[str, str], ...] | None:
    """`["A", "B"]` or `{uk = ["A"], ru = "B"}` → (language, text) pairs; None if malformed."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple):
        value = {default: value}
    if not isinstance(value, Mapping):
        return None
    pairs = []
    for language, texts in value.items():
        for text in [texts] if isinstance(texts, str) else texts:
            if not isinstance(text, str):
                return None
            pairs.append((str(language), text.strip()))
    return tuple(pairs)
