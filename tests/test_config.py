"""digest.toml: a closed schema, every error at once, with line and suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import DigestError


def config_in(tmp_path: Path, text: str) -> Path:
    (tmp_path / "digest.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.title == "Digest"
    assert config.output_dir == tmp_path.resolve() / "site"
    assert config.content_dir == tmp_path.resolve() / "content"
    assert config.per_page == 10
    assert config.language == "en"


def test_values_and_extra(tmp_path: Path) -> None:
    config = load_config(
        config_in(
            tmp_path,
            'title = "Kyiv Digest"\nbase_url = "https://u.github.io/repo/"\n'
            'timezone = "Europe/Kyiv"\nper_page = 5\n[extra]\nmotto = "news"\n',
        )
    )
    assert config.title == "Kyiv Digest"
    assert config.extra["motto"] == "news"
    assert config.tz.key == "Europe/Kyiv"


def test_unknown_key_names_line_and_nearest_key(tmp_path: Path) -> None:
    with pytest.raises(DigestError) as caught:
        load_config(config_in(tmp_path, 'title = "x"\n\nbase_ulr = "/"\n'))
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("digest.toml", 3)
    assert "unknown key `base_ulr`" in problem.message
    assert "base_url" in problem.hint


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    text = 'titel = "x"\nper_page = "ten"\ntimezone = "Mars/Olympus"\nlanguage = "English"\n'
    with pytest.raises(DigestError) as caught:
        load_config(config_in(tmp_path, text))
    problems = caught.value.problems
    assert [p.line for p in problems] == [1, 2, 3, 4]
    assert problems[1].message == "`per_page` must be a whole number, not 'ten'"


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(DigestError) as caught:
        load_config(config_in(tmp_path, 'title = "x"\nper_page = \n'))
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize("output", [".", "content", "..", "content/.."])
def test_output_may_not_swallow_the_project(tmp_path: Path, output: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    with pytest.raises(DigestError) as caught:
        load_config(config_in(project, f'output = "{output}"\n'))
    assert "refusing" in caught.value.problems[0].message


def test_command_line_overrides(tmp_path: Path) -> None:
    config = load_config(config_in(tmp_path, 'base_url = "/"\n'), {"base_url": "/repo/"})
    assert config.base_url == "/repo/"


def test_sections_are_closed_too(tmp_path: Path) -> None:
    text = '[actors]\ndetect = "yes"\nmax_mian = 3\n\n[topics]\nrules = "data/t.toml"\n'
    with pytest.raises(DigestError) as caught:
        load_config(config_in(tmp_path, text))
    problems = caught.value.problems
    assert [(p.line, p.message) for p in problems] == [
        (2, "`actors.detect` must be true or false, not 'yes'"),
        (3, "unknown key `actors.max_mian`"),
    ]
    assert "actors.max_main" in problems[1].hint


def test_section_values(tmp_path: Path) -> None:
    config = load_config(config_in(tmp_path, "[actors]\ndetect = false\nmain_threshold = 2\n"))
    assert config.actors.detect is False
    assert config.actors.main_threshold == 2
    assert config.topics.rules == "data/topics.toml"
