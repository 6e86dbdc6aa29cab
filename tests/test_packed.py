"""Packed texts: a build holds article bodies and plain text compressed, and loses nothing."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

from conftest import article_md
from markupsafe import Markup

from digest.config import load_config
from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import read_sources
from digest.enrich import enrich
from digest.model import PackedMarkup, PackedText
from digest.reading import read_articles


def test_a_packed_text_reads_back_as_it_was() -> None:
    text = "Київ — “quoted”, 7 × 8.\n\nSecond paragraph. " * 50
    packed = PackedText(text)
    assert str(packed) == text
    assert len(packed.packed) < len(text.encode("utf-8")) / 2
    assert packed == PackedText(text) and hash(packed) == hash(PackedText(text))
    assert packed != PackedText(text + ".") and packed != text
    assert pickle.loads(pickle.dumps(packed)) == packed
    assert not PackedText("") and PackedText(" ")
    assert str(PackedText("lone \ud800 surrogate")) == "lone \ud800 surrogate"


def test_packed_markup_is_shown_as_it_is_and_plain_text_is_escaped() -> None:
    body = PackedMarkup("<p>Talks <em>resumed</em> &amp; ended</p>")
    assert Markup("<div>{}</div>").format(body) == (
        "<div><p>Talks <em>resumed</em> &amp; ended</p></div>"
    )
    assert isinstance(body.unpacked(), Markup)
    assert Markup("<div>{}</div>").format(PackedText("<script>")) == "<div>&lt;script&gt;</div>"
    assert PackedMarkup("<p>x</p>") != PackedText("<p>x</p>")


def test_a_build_holds_each_article_packed_as_parsing_made_it(
    make_site: Callable[..., Path],
) -> None:
    root = make_site(
        {
            "content/a.md": article_md("Talks", "2024-03-01", body="Talks “resumed” in Kyiv."),
            "content/b.txt": "Shells delivered\n\nAllies delivered artillery shells.\n",
        }
    )
    config = load_config(root)
    read = read_articles(config)
    articles, problems = read.articles, read.problems
    assert not [p for p in problems if p.is_error]
    sources, _ = read_sources(root, config.content_dir)
    settings = ParseSettings.from_config(config)
    for article, source in zip(articles, sources, strict=True):
        made, _ = parse_source(source, settings)
        assert made is not None
        assert isinstance(article.body_html, PackedMarkup)
        assert isinstance(article.text, PackedText)
        assert str(article.body_html) == str(made.body_html)
        assert str(article.text) == str(made.text)
        assert article.signature == enrich(made).signature
