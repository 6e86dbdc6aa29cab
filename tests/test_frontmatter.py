"""Front matter in every format real sites use, and errors that point at the right line."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.content.frontmatter import _parse_yaml, _parse_yaml_slowly, split_front_matter


def test_yaml_front_matter_and_key_lines() -> None:
    front = split_front_matter("a.md", "---\ntitle: Hello\ntags: [a, b]\n---\nBody\n")
    assert front.format == "yaml"
    assert front.fields == {"title": "Hello", "tags": ["a", "b"]}
    assert front.line("tags") == 3
    assert front.body == "Body\n"
    assert front.body_line == 5


def test_toml_front_matter() -> None:
    front = split_front_matter("a.md", '+++\ntitle = "Hi"\ndate = 2024-02-28\n+++\nBody')
    assert front.format == "toml"
    assert front.fields == {"title": "Hi", "date": dt.date(2024, 2, 28)}
    assert front.line("date") == 3


def test_json_front_matter() -> None:
    front = split_front_matter("a.md", '{\n  "title": "Hi",\n  "tags": ["x"]\n}\n\nBody')
    assert front.format == "json"
    assert front.fields["tags"] == ["x"]
    assert front.line("tags") == 3
    assert front.body.strip() == "Body"


def test_pelican_header() -> None:
    front = split_front_matter("a.md", "Title: Hi\nDate: 2020-12-2\nTags: a, b\n\nBody")
    assert front.format == "header"
    assert front.fields == {"title": "Hi", "date": "2020-12-2", "tags": "a, b"}
    assert front.body == "Body"


def test_text_that_only_looks_like_a_header_is_body() -> None:
    text = "Note: this is a paragraph.\n\nMore."
    assert split_front_matter("a.md", text).body == text


def test_no_front_matter() -> None:
    front = split_front_matter("a.md", "# Title\n\nBody")
    assert front.fields == {} and front.body_line == 1


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: x\ndate: [2024\n---\nBody", 3, "invalid YAML"),
        ("---\ntitle: x\nother: 1\ntitle: y\n---\nBody", 4, "duplicate key `title`"),
        ('+++\ntitle = "x"\ndate = 2024-02-\n+++\nBody', 3, "invalid TOML"),
        ('+++\ntitle = "x"\ntitle = "y"\n+++\nBody', 3, "invalid TOML"),
        ('{\n  "title": "x",\n  "a": 1,\n}\nBody', 4, "invalid JSON"),
        ('{\n  "title": "x",\n  "title": "y"\n}\nBody', 2, "duplicate key `title`"),
        ("---\ntitle: x\n\nBody never closed", 1, "never closed"),
        ("---\n- a\n- b\n---\nBody", 2, "must be a mapping"),
    ],
)
def test_malformed_front_matter_names_the_line(text: str, line: int, words: str) -> None:
    [problem] = split_front_matter("content/a.md", text).problems
    assert problem.line == line
    assert words in problem.message
    assert str(problem).startswith(f"content/a.md:{line}")


def test_a_character_yaml_forbids_is_a_problem_with_its_line() -> None:
    front = split_front_matter("a.md", '---\ntitle: Hello\nsummary: "A\x0bB"\n---\nBody\n')
    [problem] = front.problems
    assert (problem.path, problem.line) == ("a.md", 3)
    assert "U+000B" in problem.message


@pytest.mark.parametrize(
    "raw",
    [
        "title: A\ndate: 2024-02-30\n",
        "title: A\nb: [1, 2\n",
        "title: A\ntitle: B\n",
        "title: \x07\n",
        "- a\n- b\n",
        "title: 'Київ'\ntags: [a, b]\ndate: 2024-03-01T10:00:00+02:00\n",
        "title: A\n\tb: 1\n",
        "a: !!python/object:os.system x\n",
        "a: &x 1\nb: *x\n",
        "",
    ],
    ids=lambda raw: repr(raw[:16]),
)
def test_libyaml_reads_front_matter_as_the_python_loader_does(raw: str) -> None:
    """YAML is read by libyaml for speed, and again by PyYAML's own reader for its exact
    errors: both must give the same fields, lines and problems."""
    assert _parse_yaml("a.md", raw, 2) == _parse_yaml_slowly("a.md", raw, 2)
