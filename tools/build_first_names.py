"""Write digest/enrich/data/first_names.txt from the US Census 1990 given-name lists.

The lists are public domain; the `names` package (PyPI) ships them:
    pip download --no-deps names && tar xzf names-*.tar.gz
    python tools/build_first_names.py names-0.3.0/names
Names that are also everyday words or calendar words are left out.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "digest/enrich/data/first_names.txt"
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
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names → {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
