"""Topic suggestions learnt from the site's own tagged articles."""

from __future__ import annotations

from conftest import run

from digest.enrich.suggest import suggest_topics

TAGGED = [
    ("Shells delivered", "Allies delivered artillery shells and ammunition to the front.", ["Aid"]),
    ("More ammunition", "A new package of ammunition and air defence missiles.", ["Aid"]),
    ("Election called", "Voters go to the polls as the election campaign begins.", ["Votes"]),
    ("Polls open", "Polling stations opened and voters queued to cast ballots.", ["Votes"]),
]


def test_suggests_the_likeliest_topic() -> None:
    untagged = [
        ("a", "Missiles arrive", "Air defence missiles and shells arrived."),
        ("b", "Turnout high", "Voters cast ballots at polling stations."),
    ]
    found = {s.key: s.topic for s in suggest_topics(TAGGED, untagged)}
    assert found == {"a": "Aid", "b": "Votes"}


def test_no_suggestion_when_unsure_or_untrained() -> None:
    assert suggest_topics([], [("a", "x", "y")]) == []
    unsure = suggest_topics(TAGGED, [("c", "Weather", "It rained.")], minimum=0.99)
    assert unsure == []


def test_topics_command(make_site) -> None:
    front = "---\ntitle: {}\ndate: 2024-03-0{}\ntopics: {}\n---\n{}\n"
    files = {
        f"content/2024-03-0{n}.md": front.format(t, n, tags, b)
        for n, (t, b, tags) in enumerate(TAGGED, start=1)
    }
    files["content/2024-03-09-new.txt"] = "Missiles arrive\n\nAir defence missiles arrived.\n"
    root = make_site(files)
    listing = run("topics", root)
    assert listing.output.splitlines() == ["    2  Aid", "    2  Votes"]
    suggested = run("topics", root, "--suggest")
    assert suggested.output.startswith("2024-03-09-new.txt: Aid (")
