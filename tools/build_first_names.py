"""Write digest/enrich/data/first_names.txt: the US Census 1990 given-name lists merged with
tools/knowledge/given_names.txt, a hand-written list of given names from around the world.

The census lists are public domain; the `names` package (PyPI) ships them:
    pip download --no-deps names && tar xzf names-*.tar.gz
    python tools/build_first_names.py names-0.3.0/names
Names that are also everyday words or calendar words (NOT_NAMES) are left out of both.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "digest/enrich/data/first_names.txt"
WORLD = ROOT / "tools/knowledge/given_names.txt"
WORLD_NAME = re.compile(r"[a-z]{3,}(?:-[a-z]+)*")
NOT_NAMES = set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday will grant hope faith joy summer
    autumn winter spring christian royal major general chance young long king queen prince
    rich price page lane art sue gay august
    china india israel jordan georgia kenya chad peru cuba france america asia paris""".split()
)


def main(folder: Path) -> None:
    names = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            name = line.split()[0].lower()
            if name not in NOT_NAMES and len(name) > 1:
                names.add(name)
    names |= world_names() - NOT_NAMES
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names → {OUT}")


def world_names() -> set[str]:
    """The hand-written list, checked: lower-case ASCII, three letters or more, no repeats."""
    names: set[str] = set()
    for number, line in enumerate(WORLD.read_text(encoding="utf-8").splitlines(), 1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        if not WORLD_NAME.fullmatch(name) or name in names:
            raise SystemExit(f"{WORLD}:{number}: bad or repeated name {name!r}")
        names.add(name)
    return names


if __name__ == "__main__":
    main(Path(sys.argv[1]))
