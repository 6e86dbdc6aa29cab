"""The command line: init, new, build, and `python -m digest`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from conftest import article_md, run

from digest.content.frontmatter import split_front_matter


def test_init_then_build(tmp_path: Path) -> None:
    project = tmp_path / "newsroom"
    result = run("init", project)
    assert result.exit_code == 0, result.output
    assert (project / "digest.toml").is_file()
    assert (project / "templates").is_dir() and (project / "static").is_dir()
    assert "/site/" in (project / ".gitignore").read_text()
    assert "/.digest-cache/" in (project / ".gitignore").read_text()
    [article] = (project / "content").glob("*.md")
    assert article.name.startswith(date.today().isoformat()[:4])
    build = run("build", project)
    assert build.exit_code == 0, build.output
    assert (project / "site/index.html").is_file()
    assert "1 article," in build.output


def test_init_refuses_an_existing_project(tmp_path: Path) -> None:
    run("init", tmp_path)
    config = (tmp_path / "digest.toml").read_text()
    result = run("init", tmp_path)
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert (tmp_path / "digest.toml").read_text() == config


def test_new_writes_an_edition_article_into_its_language_folder(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text(
        'language = "en"\n[languages.en]\nname = "English"\n[languages.uk]\nname = "Українська"\n',
        encoding="utf-8",
    )
    result = run("new", "Київ і Житомир", "--language", "uk", "--project", tmp_path)
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "content" / "uk").glob("*.md")
    assert path.name.endswith("-kyiv-i-zhytomyr.md")  # Ukraine's official transliteration
    assert run("build", tmp_path).exit_code == 0
    assert list((tmp_path / "site" / "uk").glob("20*/*/*/kyiv-i-zhytomyr/index.html"))
    unknown = run("new", "Hallo", "--language", "de", "--project", tmp_path)
    assert unknown.exit_code == 2 and "en, uk" in unknown.output


def test_new_writes_front_matter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    result = run(
        "new",
        "Київ talks resume",
        "--topic",
        "Diplomacy",
        "--actor",
        "Ukraine",
        "--project",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "content").glob("*.md")
    assert path.name.endswith("-kiyiv-talks-resume.md") or path.name.endswith(
        "-kiiv-talks-resume.md"
    )
    front = split_front_matter(str(path), path.read_text(encoding="utf-8"))
    assert front.fields["title"] == "Київ talks resume"
    assert front.fields["topics"] == ["Diplomacy"] and front.fields["actors"] == ["Ukraine"]
    text = path.read_text(encoding="utf-8")
    again = run("new", "Київ talks resume", "--project", tmp_path)
    assert again.exit_code == 2
    assert "already exists" in again.output
    assert path.read_text(encoding="utf-8") == text


def test_python_m_digest(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "digest", "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0
    assert "digest" in completed.stdout


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    assert run("build", tmp_path, "--no-such-option").exit_code == 2


def test_quiet_non_terminal_output_has_no_decoration(tmp_path: Path) -> None:
    run("init", tmp_path)
    result = run("build", tmp_path)
    assert "\x1b[" not in result.output
    assert result.output.count("\n") == 1


def test_content_and_output_options(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "2024-03-01-story.md").write_text("# Story\n\nText.\n", encoding="utf-8")
    result = run("build", tmp_path, "--content", articles, "--output", tmp_path / "public", "-q")
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "public/2024/03/01/story/index.html").is_file()


def test_init_keeps_a_users_gitignore_and_writes_commented_data_files(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    assert run("init", tmp_path).exit_code == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "mine\n"
    for name in ("data/actors.toml", "data/topics.toml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert all(line.startswith("#") for line in text.splitlines() if line)
    assert run("build", tmp_path).exit_code == 0


def test_the_process_ends_once_the_replaced_site_is_removed(
    make_site: Callable[..., Path],
) -> None:
    """`digest` leaves without the interpreter's teardown, but not before the thread that
    removes the site a build replaced is done."""
    articles = {
        f"content/a{n}.md": article_md(f"A{n}", f"2024-03-{n % 28 + 1:02}T08:00:00Z", "[Aid]")
        for n in range(60)
    }
    root = make_site(articles, config='title = "Leaving"\n')
    for _ in range(2):  # the second build replaces the first one's site
        completed = subprocess.run(
            [sys.executable, "-m", "digest", "build", str(root), "--clean", "-q"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []
