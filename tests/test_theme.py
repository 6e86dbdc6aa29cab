"""Themes: the search path, inheritance, explicit parent access, and errors that explain."""

from __future__ import annotations

import pytest
from conftest import article_md, build_project
from htmlcheck import tree

from digest.errors import DigestError

ARTICLE = {"content/a.md": article_md("A", "2024-03-01")}


def test_theme_extends_the_default(make_site) -> None:
    root = make_site(
        {
            **ARTICLE,
            "themes/plain/theme.toml": 'extends = "default"\n',
            "themes/plain/templates/404.html": (
                '{% extends "base.html" %}{% block content %}<h1>Plain 404</h1>{% endblock %}'
            ),
            "themes/plain/static/assets/extra.css": "p {}\n",
        },
        config='theme = "plain"\n',
    )
    build_project(root)
    site = root / "site"
    assert tree(site / "404.html").findtext(".//h1") == "Plain 404"
    assert (site / "assets/extra.css").is_file()
    assert (site / "assets/digest.css").is_file()
    assert tree(site / "index.html").find(".//main") is not None


def test_explicit_parent_template(make_site) -> None:
    root = make_site(
        {
            **ARTICLE,
            "templates/article.html": (
                '{% extends "default:article.html" %}'
                "{% block content %}<p class=mine>mine</p>{{ super() }}{% endblock %}"
            ),
        }
    )
    build_project(root)
    page = tree(root / "site/2024/03/01/a/index.html")
    assert page.find(".//p[@class='mine']") is not None
    assert page.findtext(".//h1") == "A"


def test_missing_template_names_where_it_looked(make_site) -> None:
    root = make_site({**ARTICLE, "templates/404.html": '{% include "nowhere.html" %}'})
    with pytest.raises(DigestError) as caught:
        build_project(root)
    [problem] = caught.value.problems
    assert "template `nowhere.html` not found" in problem.message
    assert "templates/nowhere.html" in problem.hint
    assert "default/templates/nowhere.html" in problem.hint


def test_undefined_variable_names_template_and_line(make_site) -> None:
    root = make_site({**ARTICLE, "templates/404.html": "<p>\n{{ site.titel }}\n</p>"})
    with pytest.raises(DigestError) as caught:
        build_project(root)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("templates/404.html", 2)
    assert "titel" in problem.message


def test_unknown_theme(make_site) -> None:
    root = make_site(ARTICLE, config='theme = "nope"\n')
    with pytest.raises(DigestError) as caught:
        build_project(root)
    assert "theme `nope` not found" in caught.value.problems[0].message


def test_article_text_is_never_a_template(make_site) -> None:
    body = "{{ site.title }} {% if true %}x{% endif %} {{< shortcode >}}"
    root = make_site({"content/a.md": article_md("A", "2024-03-01", body=body)})
    build_project(root)
    text = tree(root / "site/2024/03/01/a/index.html").find(".//main").text_content()
    assert "{{ site.title }} {% if true %}x{% endif %} {{< shortcode >}}" in text
