"""Related articles: for each article, the few others sharing the most actors and topics,
among the articles nearest to it in time.

Exact within that window without scoring every pair: see `_best_related`.
"""

from __future__ import annotations

from bisect import bisect_left, insort

import numpy as np

from digest.model import Article

RELATED_COUNT = 4
ACTOR_WEIGHT = 2
RELATED_WINDOW = 2000
"""How many of the articles nearest in the site's order (newest first) are candidates: news
is related to the news of its weeks, and a bounded window keeps the work linear in the number
of articles (a topic in every article would otherwise make it quadratic)."""


def related_articles(ordered: list[Article]) -> dict[str, tuple[str, ...]]:
    """For each article's key, the keys of the (at most) RELATED_COUNT other articles with the
    highest score, best first, ties to the newer (earlier in `ordered`); articles scoring 0 are
    left out. Candidates are the RELATED_WINDOW articles nearest in `ordered` (half on each
    side, more on one side at either end: see `_window`). The score of a pair is the sum over the terms they share of ACTOR_WEIGHT (actors)
    or 1 (topics) × how often each lists it (so a term listed twice counts twice). Keys are
    unique, as within a build.

    Exact within the window, without enumerating every pair: see `_best_related`.
    """
    index = _TermIndex(ordered)
    return {
        article.key: tuple(ordered[other].key for other in _best_related(rank, index))
        for rank, article in enumerate(ordered)
    }


SCAN_BUDGET = 16
"""How many articles of a frequent term `_best_related` scores one by one before it scores the
articles of that term and of the rest at once with numpy."""


class _TermIndex:
    """The articles' terms as numbers: for each article (by rank in the site's order) how
    often it lists each term; for each term its weight, its articles in rank order and the
    most times one article lists it; for terms in more than SCAN_BUDGET articles, the ranks
    and counts as arrays, and a scratch array of scores (zero between uses)."""

    def __init__(self, ordered: list[Article]) -> None:
        numbers: dict[tuple[str, str], int] = {}
        self.weights: list[int] = []
        self.counts: list[dict[int, int]] = []
        for article in ordered:
            counts: dict[int, int] = {}
            for kind, terms in (("actor", article.actors), ("topic", article.topics)):
                for term in terms:
                    number = numbers.setdefault((kind, term.slug), len(numbers))
                    if number == len(self.weights):
                        self.weights.append(ACTOR_WEIGHT if kind == "actor" else 1)
                    counts[number] = counts.get(number, 0) + 1
            self.counts.append(counts)
        self.members: list[list[int]] = [[] for _ in numbers]
        self.most = [0] * len(numbers)
        for rank, counts in enumerate(self.counts):
            for number, count in counts.items():
                self.members[number].append(rank)
                self.most[number] = max(self.most[number], count)
        self.arrays = {
            number: (
                np.array(ranks, dtype=np.int64),
                np.array([self.counts[rank][number] for rank in ranks], dtype=np.int64),
            )
            for number, ranks in enumerate(self.members)
            if len(ranks) > SCAN_BUDGET
        }
        self.scores = np.zeros(len(ordered), dtype=np.int64)
        self.seen = np.zeros(len(ordered), dtype=bool)


def _window(rank: int, count: int) -> tuple[int, int]:
    """The ranks `lo` to `hi` (exclusive) of the candidates for the article at `rank` of
    `count`: RELATED_WINDOW others when there are that many, centred on it where they can be."""
    lo = max(0, min(rank - RELATED_WINDOW // 2, count - 1 - RELATED_WINDOW))
    return lo, min(count, lo + RELATED_WINDOW + 1)


def _best_related(rank: int, index: _TermIndex) -> list[int]:
    """The ranks of the articles `related_articles` lists for the one at `rank`, best first.

    Only the articles of its `_window` are candidates: below, a term's articles are those in
    it. Its terms are scanned rarest first, each one's articles newest first, and each article met
    is scored exactly. `bounds[i]` caps the score of an article not met before term i (what it
    could share of the terms from i on), so the scan stops once the worst of the best
    RELATED_COUNT (score s, rank r) beats that: s > bounds[i], or, within term i's articles
    from rank r' on, s > bounds[i] or s == bounds[i] and r < r'. When SCAN_BUDGET articles of
    a term were not enough, the articles not met are scored on the remaining terms at once.
    """
    window = _window(rank, len(index.counts))
    weights = {t: index.weights[t] * count for t, count in index.counts[rank].items()}
    spans = {t: _span(index.members[t], window) for t in weights}
    order = sorted(weights, key=lambda t: spans[t][1] - spans[t][0])
    bounds = _suffix_sums([weights[t] * index.most[t] for t in order])
    seen = {rank}
    best: list[tuple[int, int]] = []  # (-score, rank), best first
    for i, (term, bound) in enumerate(zip(order, bounds, strict=False)):
        if len(best) == RELATED_COUNT and best[-1][0] < -bound:
            break
        start, end = spans[term]
        members = index.members[term][start : min(end, start + SCAN_BUDGET)]
        if _scan(members, bound, weights, index, seen, best):
            break
        if end - start > SCAN_BUDGET:
            _score_at_once({t: weights[t] for t in order[i:]}, window, index, seen, best)
            break
    return [other for _, other in best]


def _span(members: list[int], window: tuple[int, int]) -> tuple[int, int]:
    """Where in `members` (ranks, ascending) the ranks of `window` start and end."""
    return bisect_left(members, window[0]), bisect_left(members, window[1])


def _scan(
    members: list[int],
    bound: int,
    weights: dict[int, int],
    index: _TermIndex,
    seen: set[int],
    best: list[tuple[int, int]],
) -> bool:
    """Score the articles of `members` not `seen` yet into `best`, newest first; True when it
    stopped because none of the rest (scoring at most `bound`) could enter `best`."""
    for other in members:
        if len(best) == RELATED_COUNT and best[-1] < (-bound, other):
            return True
        if other not in seen:
            seen.add(other)
            counts = index.counts[other]
            score = sum(weight * counts.get(t, 0) for t, weight in weights.items())
            _keep(best, (-score, other))
    return False


def _score_at_once(
    weights: dict[int, int],
    window: tuple[int, int],
    index: _TermIndex,
    seen: set[int],
    best: list[tuple[int, int]],
) -> None:
    """Put into `best` the articles of `window` not `seen`, scored on the terms of `weights`
    (all in `index.arrays`): an article not met yet shares none of the article's other terms."""
    scores, mask = index.scores, index.seen
    slices = []
    for t in weights:
        members, counts = index.arrays[t]
        start, end = np.searchsorted(members, window)
        slices.append((members[start:end], counts[start:end]))
    ranks = np.concatenate([members for members, _ in slices])
    for (members, counts), weight in zip(slices, weights.values(), strict=True):
        scores[members] += weight * counts
    met = np.fromiter(seen, dtype=np.int64, count=len(seen))
    mask[met] = True
    keys = np.where(mask[ranks], 0, -scores[ranks]) * len(scores) + ranks  # (-score, rank)
    mask[met] = False
    scores[ranks] = 0
    if len(best) == RELATED_COUNT:
        keys = keys[keys < best[-1][0] * len(scores) + best[-1][1]]
    few = min(len(keys), RELATED_COUNT * len(weights))
    if not few:
        return
    for key in np.unique(np.partition(keys, few - 1)[:few])[:RELATED_COUNT]:
        score, other = divmod(int(key), len(scores))
        if score < 0:
            _keep(best, (score, other))


def _suffix_sums(values: list[int]) -> list[int]:
    """`sums[i]` = sum(values[i:])."""
    sums = [0] * len(values)
    total = 0
    for i in range(len(values) - 1, -1, -1):
        total += values[i]
        sums[i] = total
    return sums


def _keep(best: list[tuple[int, int]], entry: tuple[int, int]) -> None:
    """Insert `entry` into the sorted `best` if it is among the RELATED_COUNT smallest."""
    if len(best) < RELATED_COUNT or entry < best[-1]:
        insort(best, entry)
        del best[RELATED_COUNT:]
