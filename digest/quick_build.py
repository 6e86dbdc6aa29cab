"""The quick rebuild: after edits that change only what an article's own page shows.

Most edits in a newsroom fix the text of an article. Such an edit changes the article's page
and the feeds that carry its body, and nothing else: not its card in the listings, not the
site's topics, actors, editions, related articles or stories. A new `digest build` process
then need not read, collect and plan the whole site again. With the state the last complete
build left (`digest.build_state`), it:

1. finds the article files whose stat changed (every other input as it was: program,
   configuration, data files, theme; no file added or removed; the output folder the one
   that build swapped in);
2. parses and enriches just those, and keeps going only if each new article equals the old
   one in everything but its body (title, date, slug, terms, language, …), has the same card
   in every edition, was in no story and now has no story neighbour within the window (the
   exact test `StoryMemory` makes);
3. renders the article's page with a Site whose articles are read from the article store
   when the page shows them (its related, older and newer cards), and makes again the feeds
   that list the article;
4. writes the files whose bytes changed in place (each atomically), then updates the
   article store, the build state and the build record. The pages index keeps the last full
   build's entry for the page, so the next full build renders it again (to the same bytes).

Anything else (a new file, a changed title, an article in a story, search enabled: Pagefind
indexes the whole site; no input changed, so the output did) returns None, and the full
build runs. The result is what a full build would make (tests/test_quick_build.py compares
them byte for byte). The output folder is not listed: files changed there by hand since the
last full build are left for the next one (the build record still has their old stats, so
a build with nothing changed repairs them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from digest.build_state import ArticleFile, BuildState, EditionState, SavedSites
from digest.cache import BuildCache, ParsedEntry, article_key, folder_id
from digest.config import SiteConfig
from digest.content.sources import read_source, settled
from digest.errors import Problem
from digest.manifest import LastBuild, Manifest
from digest.model import Article, RenderedFile
from digest.output.feeds import feeds_listing
from digest.output.writer import update_files
from digest.reading import ArticleSettings, article_settings, parse_one
from digest.render.pages import described, page_groups, render_pages
from digest.render.theme import ThemeEnvironment
from digest.render.views import ViewBuilder
from digest.result import BuildResult, problem_order, timed
from digest.site.language_editions import language_editions

QUICK_LIMIT = 50
"""At most this many changed article files are rebuilt quickly; more take the full build."""
BODY_FIELDS = ("body_html", "text", "word_count", "reading_time", "summary", "signature")
"""What an edit of the body may change of an article (the summary and reading time show on
its card, which is compared on its own); the site's maps read only the other fields."""


class _Unavailable(Exception):
    """An article the store no longer holds: the full build runs instead."""


@dataclass(frozen=True)
class _Output:
    """What the edits change in the output: the pages that show them, and their feeds."""

    pages: list[RenderedFile]
    feeds: list[RenderedFile]


@dataclass(frozen=True)
class _Edit:
    """One changed article file: its path below the content folder, its stat now, its
    entry before and after, and what reading it reported."""

    path: str
    stat: tuple[int, ...]
    key: bytes
    old_key: bytes
    old: Article
    new: ParsedEntry
    read_problem: Problem | None

    @property
    def article(self) -> Article:
        assert self.new.article is not None
        return self.new.article


def quick_build(
    config: SiteConfig,
    cache: BuildCache,
    environment: ThemeEnvironment,
    manifest: Manifest,
    last: LastBuild | None,
    timings: dict[str, float],
) -> BuildResult | None:
    """Rebuild after body edits from the last build's state, or None when that cannot be."""
    with timed(timings, "state"):
        state = _usable_state(config, cache, manifest, last)
        sites = None if state is None else cache.last_sites(state)
    if state is None or sites is None or last is None:
        return None
    with timed(timings, "read"):
        changed = _changed_files(state, manifest, cache.sources.settle_ns)
        if changed is None:
            return None
        settings = article_settings(config)
    with cache.kept_open():
        with timed(timings, "parse"):
            edits = _edits(config, cache, state, changed, settings)
        if edits is None:
            return None
        with timed(timings, "plan"):
            try:
                output = _rendered(config, cache, environment, state, sites, edits)
            except _Unavailable:
                return None
        if output is None:
            return None
        with timed(timings, "write"):
            cache.forget_build()  # the record vouches for the output: not while it changes
            written, stats = update_files([*output.pages, *output.feeds], config.output_dir)
        problems = _problems(last.problems, state, edits)
        with timed(timings, "cache"):
            _remember(cache, state, manifest, last, edits, changed, stats, problems)
    return BuildResult(
        output=config.output_dir,
        articles=last.articles,
        pages=last.pages,
        static_files=last.static_files,
        problems=tuple(sorted(problems + tuple(cache.take_notes()), key=problem_order)),
        timings=timings,
        read=len(changed),
        parsed=len(edits),
        cached=last.articles - len(edits),
        planned=len(output.pages),
        rendered=len(output.pages),
        reused=last.pages - len(output.pages),
        written=written,
    )


def _usable_state(
    config: SiteConfig, cache: BuildCache, manifest: Manifest, last: LastBuild | None
) -> BuildState | None:
    """The last build's state, if a quick rebuild can start from it."""
    if (
        last is None
        or last.inputs == manifest.inputs  # then the output changed: the full build repairs it
        or config.search.enabled
        or last.output != str(config.output_dir)
    ):
        return None
    state = cache.last_state()
    if (
        state is None
        or state.inputs != last.inputs
        or not state.rest
        or state.rest != manifest.rest
        or state.output != str(config.output_dir)
        or state.output_id != folder_id(config.output_dir)
        or state.files.keys() != manifest.articles.keys()
    ):
        return None
    return state


def _changed_files(
    state: BuildState, manifest: Manifest, settle_ns: int
) -> dict[str, tuple[int, ...]] | None:
    """The article files whose stat changed, or that had not settled when the last build
    read them, with their stat now; None if there are too many."""
    changed = {}
    for path, stat in manifest.articles.items():
        known = state.files[path].stat
        if stat != known or not settled(known, state.taken_ns, settle_ns):
            changed[path] = stat
            if len(changed) > QUICK_LIMIT:
                return None
    return changed


def _edits(
    config: SiteConfig,
    cache: BuildCache,
    state: BuildState,
    changed: Mapping[str, tuple[int, ...]],
    settings: ArticleSettings,
) -> list[_Edit] | None:
    """Each changed file read, parsed and enriched anew unless its entry is the same; None
    if one gives no article, or an article that differs in more than its body."""
    edits = []
    for path, stat in changed.items():
        known = state.files[path]
        if known.entry is None:
            return None
        source, problem = read_source(config.content_dir / path, config.root, config.content_dir)
        if source is None:
            return None
        key = article_key(settings.digest, source)
        if key == known.entry:
            continue
        old = cache.parsed([known.entry])[known.entry]
        new = parse_one(source, settings)
        if old is None or old.article is None or new.article is None:
            return None
        if not _only_body_differs(old.article, new.article):
            return None
        edits.append(_Edit(path, stat, key, known.entry, old.article, new, problem))
    return edits


def _only_body_differs(old: Article, new: Article) -> bool:
    """True if the two articles are equal but for what an edit of the body changes."""
    return replace(new, **{name: getattr(old, name) for name in BODY_FIELDS}) == old


def _rendered(
    config: SiteConfig,
    cache: BuildCache,
    environment: ThemeEnvironment,
    state: BuildState,
    sites: SavedSites,
    edits: Sequence[_Edit],
) -> _Output | None:
    """The pages that show the edited articles and the feeds that list them, rendered;
    None if an edit changes more (a card, a story).

    The pages are rendered whatever their fingerprint: looking it up would cost more than
    rendering one page, and the pages index keeps the last full build's entry, which the
    next full build finds different, so it renders the page again (to the same bytes)."""
    output = _Output([], [])
    editions = language_editions(config)
    if [edition.code for edition in editions] != [known.code for known in sites.editions]:
        return None
    for edition, known in zip(editions, sites.editions, strict=True):
        here = [edit for edit in edits if edit.old.key in known.site.paths]
        if not here:
            continue
        stored = _StoredArticles(known.order, state.files, cache)
        old_site = known.site_with(stored.with_articles([edit.old for edit in here]))
        new_site = known.site_with(stored.with_articles([edit.article for edit in here]))
        messages = environment.catalogues.messages(edition.code)
        old_views = ViewBuilder(old_site, edition.config, edition.urls, messages)
        views = ViewBuilder(new_site, edition.config, edition.urls, messages)
        for edit in here:
            key = edit.old.key
            if key in known.site.story_of or old_views.card(key) != views.card(key):
                return None
            if _joins_story(edit.article, known, new_site.articles):
                return None
        names = {f"article:{edit.old.key}" for edit in here}
        groups = page_groups(new_site, views, edition.config.per_page, names, edition.main)
        specs = [spec for group in groups for spec in described(views, group)]
        output.pages.extend(render_pages(specs, environment, config.root))
        keys = {edit.old.key for edit in here}
        output.feeds.extend(
            feeds_listing(new_site, edition.urls, edition.config, keys, known.first)
        )
    return output


def _joins_story(article: Article, known: EditionState, articles: Mapping[str, Article]) -> bool:
    """True if the edited article would now be linked with an article of its window."""
    from digest.enrich.stories import SECONDS_PER_DAY, StorySettings, StoryText, has_neighbour

    settings = StorySettings()  # numpy: a build with nothing to do does not import it
    stamp = article.date.timestamp()
    others = (
        StoryText(key, published, other.title, other.text, other.signature)
        for key, published in known.near(stamp, settings.window_days * SECONDS_PER_DAY)
        if key != article.key
        for other in (articles[key],)
    )
    text = StoryText(article.key, stamp, article.title, article.text, article.signature)
    return has_neighbour(text, others, settings)


class _StoredArticles(Mapping[str, Article]):
    """An edition's articles in its order, each read from the article store when first asked
    for (a page shows a few); the `given` ones in place of theirs."""

    def __init__(
        self,
        order: tuple[str, ...],
        files: Mapping[str, ArticleFile],
        cache: BuildCache,
        given: Mapping[str, Article] | None = None,
    ) -> None:
        self._order = order
        self._files = files
        self._cache = cache
        self._given = dict(given or {})
        self._keys: frozenset[str] | None = None

    def with_articles(self, articles: Iterator[Article] | Sequence[Article]) -> _StoredArticles:
        """The same articles, these in place of theirs."""
        given = {**self._given, **{article.key: article for article in articles}}
        return _StoredArticles(self._order, self._files, self._cache, given)

    def __getitem__(self, key: str) -> Article:
        article = self._given.get(key)
        if article is not None:
            return article
        if key not in self:
            raise KeyError(key)
        entry_key = self._files[key].entry
        assert entry_key is not None
        entry = self._cache.parsed([entry_key])[entry_key]
        if entry is None or entry.article is None:
            raise _Unavailable(key)
        return entry.article

    def __contains__(self, key: object) -> bool:
        if self._keys is None:
            self._keys = frozenset(self._order)
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


def _problems(
    problems: Sequence[Problem], state: BuildState, edits: Sequence[_Edit]
) -> tuple[Problem, ...]:
    """The last build's problems with each edited file's own (reading, parsing) replaced."""
    kept = Counter(problems)
    for edit in edits:
        kept.subtract(state.files[edit.path].problems)
        kept.update(_file_problems(edit))
    return tuple(sorted(kept.elements(), key=problem_order))


def _file_problems(edit: _Edit) -> tuple[Problem, ...]:
    return (*((edit.read_problem,) if edit.read_problem else ()), *edit.new.problems)


def _remember(
    cache: BuildCache,
    state: BuildState,
    manifest: Manifest,
    last: LastBuild,
    edits: Sequence[_Edit],
    changed: Mapping[str, tuple[int, ...]],
    stats: Mapping[str, tuple[int, int]],
    problems: tuple[Problem, ...],
) -> None:
    """Store the new entries, the state and the build record, in that order (the record
    last: it vouches for the rest)."""
    cache.replace_entries({e.key: e.new for e in edits}, [e.old_key for e in edits])
    files = dict(state.files)
    for path, stat in changed.items():
        files[path] = files[path]._replace(stat=stat)
    for edit in edits:
        files[edit.path] = ArticleFile(edit.stat, edit.key, _file_problems(edit))
    cache.remember_state(
        replace(state, inputs=manifest.inputs, taken_ns=manifest.taken_ns, files=files)
    )
    cache.remember_build(
        replace(last, inputs=manifest.inputs, files={**last.files, **stats}, problems=problems)
    )
