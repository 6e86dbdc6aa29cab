"""File events → ChangeSet (a pure function), and the quiet-period debounce."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from digest.config import load_config
from digest.serve.changes import (
    CREATED,
    DELETED,
    MODIFIED,
    MOVED,
    ChangeSet,
    FileEvent,
    WatchLayout,
    classify,
    is_temp_file,
)
from digest.serve.watcher import Debouncer, layout_for

ROOT = Path("/project")
LAYOUT = WatchLayout(
    root=ROOT,
    content=ROOT / "content",
    config_files=(ROOT / "digest.toml", Path("/themes/default/theme.toml")),
    template_dirs=(ROOT / "templates", Path("/themes/default/templates")),
    static_dirs=(ROOT / "static", Path("/themes/default/static")),
    data_files=(ROOT / "data/actors.toml", ROOT / "data/topics.toml"),
    ignored=(ROOT / "site", ROOT / ".digest-cache"),
)


def at(relative: str) -> str:
    return str(ROOT / relative)


def event(kind: str, path: str, dest: str = "", folder: bool = False) -> FileEvent:
    return FileEvent(kind, at(path), at(dest) if dest else "", folder)


def test_one_article_changed() -> None:
    changes = classify([event(MODIFIED, "content/a.md")], LAYOUT)
    assert changes == ChangeSet(content_changed=(at("content/a.md"),))
    assert changes.kinds == ("content_changed",)


def test_added_removed_and_renamed_articles() -> None:
    changes = classify(
        [
            event(CREATED, "content/new.md"),
            event(MODIFIED, "content/new.md"),
            event(DELETED, "content/old.txt"),
            event(MOVED, "content/draft.md", "content/2024/final.md"),
        ],
        LAYOUT,
    )
    assert changes.content_added == (at("content/new.md"),)
    assert changes.content_removed == (at("content/old.txt"),)
    assert changes.content_renamed == ((at("content/draft.md"), at("content/2024/final.md")),)
    assert not changes.content_changed


def test_vim_save_is_one_changed_article() -> None:
    """vim: probe file 4913, rename the original to a backup, write anew, delete the backup."""
    batch = [
        event(CREATED, "content/a.md.swp"),
        event(CREATED, "content/4913"),
        event(DELETED, "content/4913"),
        event(MOVED, "content/a.md", "content/a.md~"),
        event(CREATED, "content/a.md"),
        event(MODIFIED, "content/a.md"),
        event(MODIFIED, "content/a.md"),
        event(DELETED, "content/a.md~"),
        event(DELETED, "content/a.md.swp"),
    ]
    assert classify(batch, LAYOUT) == ChangeSet(content_changed=(at("content/a.md"),))


def test_jetbrains_and_emacs_saves_are_one_changed_article() -> None:
    jetbrains = [
        event(CREATED, "content/a.md___jb_tmp___"),
        event(MODIFIED, "content/a.md___jb_tmp___"),
        event(MOVED, "content/a.md", "content/a.md___jb_old___"),
        event(MOVED, "content/a.md___jb_tmp___", "content/a.md"),
        event(DELETED, "content/a.md___jb_old___"),
    ]
    emacs = [
        event(CREATED, "content/.#a.md"),
        event(MOVED, "content/a.md", "content/a.md~"),
        event(CREATED, "content/a.md"),
        event(DELETED, "content/.#a.md"),
    ]
    for batch in (jetbrains, emacs):
        assert classify(batch, LAYOUT) == ChangeSet(content_changed=(at("content/a.md"),))


def test_a_temp_file_written_and_renamed_into_place_is_a_change() -> None:
    batch = [
        event(CREATED, "content/a.md.tmp"),
        event(MODIFIED, "content/a.md.tmp"),
        event(MOVED, "content/a.md.tmp", "content/a.md"),
    ]
    assert classify(batch, LAYOUT) == ChangeSet(content_added=(at("content/a.md"),))


def test_temp_files_alone_are_no_change() -> None:
    names = ["4913", "a.md.swp", "a.md~", ".#a.md", "a.md___jb_tmp___", "x.tmp", "#a.md#"]
    batch = [event(kind, f"content/{name}") for name in names for kind in (CREATED, DELETED)]
    assert classify(batch, LAYOUT).empty
    assert all(is_temp_file(name) for name in names)
    assert not any(is_temp_file(name) for name in ["a.md", "style.css", "4913.md", "tmp.md"])


def test_output_cache_and_unread_files_are_no_change() -> None:
    batch = [
        event(MODIFIED, "site/index.html"),
        event(CREATED, ".digest-cache/x.json"),
        event(MODIFIED, "content/photo.jpg"),
        event(MODIFIED, "content/.hidden/a.md"),
        event(MODIFIED, "README.md"),
        event(CREATED, ".site.staging-12", folder=True),
        event(MODIFIED, "data/notes.txt"),
    ]
    assert classify(batch, LAYOUT).empty


def test_kinds_of_input() -> None:
    changes = classify(
        [
            event(MODIFIED, "templates/article.html"),
            FileEvent(MODIFIED, "/themes/default/templates/base.html"),
            event(MODIFIED, "static/extra.css"),
            FileEvent(MODIFIED, "/themes/default/theme.toml"),
            event(MODIFIED, "digest.toml"),
            event(MODIFIED, "data/actors.toml"),
        ],
        LAYOUT,
    )
    assert changes.templates == (
        "/project/templates/article.html",
        "/themes/default/templates/base.html",
    )
    assert changes.static == (at("static/extra.css"),)
    assert changes.config == (at("digest.toml"), "/themes/default/theme.toml")
    assert changes.data == (at("data/actors.toml"),)


def test_styles_only() -> None:
    css = classify([FileEvent(MODIFIED, "/themes/default/static/assets/digest.css")], LAYOUT)
    assert css.styles_only
    picture = classify([event(MODIFIED, "static/logo.svg")], LAYOUT)
    both = classify([event(MODIFIED, "static/a.css"), event(MODIFIED, "content/a.md")], LAYOUT)
    assert not picture.styles_only
    assert not both.styles_only
    assert not ChangeSet().styles_only


def test_folders_created_or_removed_are_reported() -> None:
    changes = classify(
        [
            event(CREATED, "content/2024", folder=True),
            event(CREATED, "content/2024/a.md"),
            event(DELETED, "templates/partials", folder=True),
        ],
        LAYOUT,
    )
    assert changes.folders == (at("content/2024"), at("templates/partials"))
    assert changes.content_added == (at("content/2024/a.md"),)


def test_layout_of_a_site(make_site) -> None:
    root = make_site({"content/a.md": "x"}, config='content = "posts"\noutput = "public"')
    layout = layout_for(root, load_config(root))
    assert layout.content == root / "posts"
    assert root / "public" in layout.ignored
    assert layout.template_dirs[0] == root / "templates"
    assert any(p.name == "templates" and p.parent.name == "default" for p in layout.template_dirs)
    assert layout.data_files == (root / "data/actors.toml", root / "data/topics.toml")
    assert (root, False) in layout.watched()
    assert not any(folder == root / "public" for folder, _ in layout.watched())


def test_message_catalogues_are_template_changes(make_site) -> None:
    root = make_site({"content/a.md": "x", "locales/uk.po": ""}, config='language = "uk"\n')
    layout = layout_for(root, load_config(root))
    theme_catalogue = next(
        p / "uk.po"
        for p in layout.template_dirs
        if p.name == "locales" and p.parent.name == "default"
    )
    changes = classify(
        [
            FileEvent(MODIFIED, str(root / "locales/uk.po")),
            FileEvent(CREATED, str(root / "locales/de.po")),
            FileEvent(MODIFIED, str(theme_catalogue)),
        ],
        layout,
    )
    assert changes.kinds == ("templates",)
    assert changes.templates == tuple(
        sorted((str(root / "locales/uk.po"), str(root / "locales/de.po"), str(theme_catalogue)))
    )
    assert (root / "locales", True) in layout.watched()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_batch_is_due_after_a_quiet_period() -> None:
    clock = FakeClock()
    debouncer = Debouncer(quiet=0.1, longest=2.0, clock=clock)
    assert debouncer.due_in() is None
    debouncer.add(event(MODIFIED, "content/a.md"))
    clock.now += 0.05
    debouncer.add(event(MODIFIED, "content/b.md"))
    clock.now += 0.09
    assert debouncer.take() == []
    assert debouncer.due_in() == pytest.approx(0.01)
    clock.now += 0.02
    assert [e.path for e in debouncer.take()] == [at("content/a.md"), at("content/b.md")]
    assert debouncer.due_in() is None


def test_endless_events_are_handed_over_after_the_longest_wait() -> None:
    clock = FakeClock()
    debouncer = Debouncer(quiet=0.1, longest=1.0, clock=clock)
    batches = []
    for step in range(60):  # an event every 50 ms for three seconds: never quiet
        debouncer.add(event(MODIFIED, f"content/{step}.md"))
        clock.now += 0.05
        if taken := debouncer.take():
            batches.append(taken)
    assert len(batches) == 2
    assert sum(len(batch) for batch in batches) < 60


def test_a_burst_of_500_saves_is_one_batch() -> None:
    debouncer = Debouncer(quiet=0.1)
    stop = threading.Event()
    batches: list[list[FileEvent]] = []
    thread = threading.Thread(target=lambda: batches.append(debouncer.wait(stop)))
    thread.start()
    for number in range(500):
        debouncer.add(event(MODIFIED, f"content/{number}.md"))
    thread.join(timeout=5)
    assert len(batches) == 1
    assert len(batches[0]) == 500


def test_wait_returns_nothing_once_stopped() -> None:
    debouncer = Debouncer(quiet=0.1)
    stop = threading.Event()
    result: list[list[FileEvent]] = []
    thread = threading.Thread(target=lambda: result.append(debouncer.wait(stop)))
    thread.start()
    start = time.monotonic()
    stop.set()
    debouncer.wake()
    thread.join(timeout=5)
    assert result == [[]]
    assert time.monotonic() - start < 1
