"""The layers of docs/architecture.md: a module imports only from layers before it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "digest"
LAYERS = [
    {"errors", "model", "slugs", "languages", "heap", "hashing"},
    {"config"},
    {"content", "enrich"},
    {"site"},
    {"render", "output"},
    {"cache", "article_store", "build_state", "fingerprint", "planning", "manifest"},
    {"build", "quick_build", "reading", "result", "scaffold"},
    {"analysis", "importing"},
    {"serve"},
    {"cli", "__main__"},
]
EDGE_ONLY = {
    "click": "cli",
    "rich": "cli",
    "watchdog": "serve",
    "dask": "cli",
    "distributed": "cli",
}
"""Libraries of the edge, and the lowest layer that may import each."""


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    return next(index for index, names in enumerate(LAYERS) if top in names)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def modules() -> list[tuple[str, Path]]:
    result = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        result.append((".".join(parts) or "__init__", path))
    return result


def test_imports_point_to_earlier_layers() -> None:
    wrong = []
    for name, path in modules():
        if name == "__init__":
            continue
        mine = layer_of(name)
        for imported in imports_of(path):
            if imported == "digest" or not imported.startswith("digest."):
                continue
            target = imported.removeprefix("digest.")
            if layer_of(target) > mine:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_click_rich_and_watchdog_stay_at_the_edge() -> None:
    wrong = [
        f"{name} imports {imported}"
        for name, path in modules()
        for imported in imports_of(path)
        if (lowest := EDGE_ONLY.get(imported.split(".")[0])) and layer_of(name) < layer_of(lowest)
    ]
    assert wrong == []
