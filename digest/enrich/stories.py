"""Stories: articles that report the same event, found by MinHash LSH over word shingles.

Each article's title and body, lower-cased, become a set of hashed shingles of `\\w+` words.
Their MinHash signatures (datasketch's affine32 scheme, fixed seed, made here with numpy: the
datasketch package imports scipy, a third of a second) go into an LSH band index
per time block of `window_days`, so an article is only compared with articles of its own and
the previous block, and the work grows near-linearly with the number of articles. Enriching
signs each article once (`sign_text`); grouping only compares. Every candidate pair is verified with
the exact Jaccard similarity of the two shingle sets and the time window, so LSH noise never
links two articles; verified pairs are joined by union-find into stories (single linkage).
Pairs above the `duplicate` similarity are copies: each copy points at the earliest article it
copies. Nothing depends on the input order: articles are sorted by (published, key) first.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Generic, TypeVar

import numpy as np

from digest.model import PackedText, TextSignature

SEED = 20240301
SECONDS_PER_DAY = 86400.0
LSH_WEIGHTS = (0.2, 0.8)  # candidates are verified exactly: missing a pair costs more than noise
BASE = 0x100000001B3  # odd: invertible modulo 2**64
BMP = 0x10000
MIX_1 = np.uint64(0xFF51AFD7ED558CCD)
MIX_2 = np.uint64(0xC4CEB9FE1A85EC53)
SHIFT = np.uint64(33)
HIGH = np.uint64(32)
SHINGLE_TYPE = np.uint32
"""What a signature keeps of each shingle's 64-bit hash: its low 32 bits."""


@dataclass(frozen=True)
class StoryText:
    """What grouping needs of one article; its `signature` when already worked out
    (`sign_text`), else grouping signs it."""

    key: str
    published: float
    title: str
    text: str | PackedText
    signature: TextSignature | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Story:
    """Two or more articles that report the same event."""

    id: str
    keys: tuple[str, ...]
    duplicates: Mapping[str, str] = field(hash=False)


@dataclass(frozen=True)
class StorySettings:
    """Thresholds of story grouping."""

    window_days: float = 3.0  # a member lies within this many days of another (single linkage)
    similarity: float = 0.25  # exact Jaccard of the shingle sets (of LSH candidates): same story
    duplicate: float = 0.85  # exact Jaccard above which the later article is a copy
    shingle: int = 3  # words per shingle
    num_perm: int = 64  # MinHash permutations: more find pairs near `similarity` more reliably
    min_shingles: int = 20  # shorter texts (about 20 words) never join a story

    def __post_init__(self) -> None:
        """Reject settings that cannot group anything sensibly."""
        if not self.window_days >= 0:
            raise ValueError(f"window_days must be 0 or more, not {self.window_days}")
        if not 0 < self.similarity <= self.duplicate <= 1:
            raise ValueError("need 0 < similarity <= duplicate <= 1")
        if self.shingle < 1 or self.num_perm < 2 or self.min_shingles < 1:
            raise ValueError("need shingle >= 1, num_perm >= 2 and min_shingles >= 1")


@dataclass(frozen=True)
class _Signed:
    """One article ready for comparison: sorted unique shingle hashes and its MinHash."""

    index: int
    published: float
    shingles: np.ndarray
    minhash: np.ndarray


@dataclass(frozen=True)
class _Links:
    """Verified pairs of article indices: same story, and near-identical copies."""

    same: tuple[tuple[int, int], ...]
    copies: tuple[tuple[int, int], ...]


def group_stories(
    texts: Sequence[StoryText],
    settings: StorySettings = StorySettings(),
    signatures: Mapping[str, _Signature | None] | None = None,
) -> tuple[Story, ...]:
    """Stories of two or more articles, earliest member first; singletons are not stories.

    `signatures` gives a text's signature by key when it is known (see `StoryMemory`).
    """
    ordered = sorted(texts, key=lambda t: (t.published, t.key))
    _check(ordered)
    signed = tuple(_sign(ordered, settings, signatures or {}))
    links = _verify(signed, _candidates(signed, settings), settings)
    return _stories(ordered, links)


@dataclass(frozen=True)
class _Signature:
    """What comparing a text needs: its sorted unique shingle hashes and its MinHash."""

    title: str
    text: str | PackedText
    shingles: np.ndarray
    minhash: np.ndarray


REGROUP_SHARE = 8
"""When more than one text in this many changed, grouping again beats looking for neighbours."""


class StoryMemory:
    """`group_stories`, remembered from call to call, for builds that follow each other.

    Each text is signed once (until its title or text changes), and an LSH band index of all
    signed texts is kept. When every text that changed, came or went was in no story before
    and now has no similar text within the window, the stories are the last call's: this is
    exact because a text joins a story exactly when some text within the window shares an
    LSH band with it and passes the exact Jaccard test (the index of `group_stories` keeps
    only the latest of identical texts, which links the same articles through it). Otherwise
    the stories are grouped again, with the known signatures.
    """

    def __init__(self, settings: StorySettings = StorySettings()) -> None:
        self.settings = settings
        self.regrouped = 0
        """How many calls grouped every text again."""
        self._texts: dict[str, StoryText] = {}
        self._signatures: dict[str, _Signature | None] = {}
        self._bands: _Bands[str] = _Bands()
        self._stories: tuple[Story, ...] = ()

    def group(self, texts: Sequence[StoryText]) -> tuple[Story, ...]:
        """The stories of `texts`, as `group_stories(texts, self.settings)` gives them."""
        current = {text.key: text for text in texts}
        if len(current) < len(texts):
            _check(texts)  # raises: a key is there twice
        changed = [key for key in self._texts if key not in current]
        for key, text in current.items():
            old = self._texts.get(key)
            if old is text or old == text:
                current[key] = old  # the object kept: fewer new objects for the collector
            else:
                changed.append(key)
        in_stories = {key for story in self._stories for key in story.keys}
        for key in changed:
            if key in self._signatures:
                self._bands.remove(key, self._band_keys(self._signatures[key]))
        for key in changed:
            if key in current:
                self._index(current[key])
            else:
                del self._signatures[key]
        self._texts = current
        many = len(changed) * REGROUP_SHARE > len(current)  # a first call: all changed
        if (
            many
            or any(key in in_stories for key in changed)
            or any(self._has_neighbour(current[key]) for key in changed if key in current)
        ):
            self.regrouped += 1
            self._stories = group_stories(texts, self.settings, self._signatures)
        return self._stories

    def _index(self, text: StoryText) -> None:
        """Sign the text unless its title and text are as when it was signed; index its bands."""
        known = self._signatures.get(text.key)
        if known is None or (known.title, known.text) != (text.title, text.text):
            known = self._signatures[text.key] = _signature_of(text, self.settings)
        self._bands.add(text.key, self._band_keys(known))

    def _band_keys(self, signature: _Signature | None) -> list[bytes]:
        if signature is None:
            return []
        return _band_keys(signature.minhash, _lsh_params(self.settings))

    def _has_neighbour(self, text: StoryText) -> bool:
        """True if another text within the window shares a band and passes the Jaccard test."""
        signature = self._signatures[text.key]
        if signature is None:
            return False
        others = self._bands.near(self._band_keys(signature))
        return any(
            _linked(signature, text.published, other, self._texts[key].published, self.settings)
            for key in sorted(others - {text.key})
            if (other := self._signatures[key]) is not None
        )


def has_neighbour(
    text: StoryText, others: Iterable[StoryText], settings: StorySettings = StorySettings()
) -> bool:
    """True if one of `others` (not `text` itself) would be linked with `text` into a story:
    it lies within the window, shares an LSH band and passes the Jaccard test. So an article
    that was in no story, and has no neighbour among the articles of its window, changes no
    story (see `StoryMemory`)."""
    signature = _signature_of(text, settings)
    if signature is None:
        return False
    params = _lsh_params(settings)
    bands = set(_band_keys(signature.minhash, params))
    for other in others:
        other_signature = None if other.key == text.key else _signature_of(other, settings)
        if (
            other_signature is not None
            and not bands.isdisjoint(_band_keys(other_signature.minhash, params))
            and _linked(signature, text.published, other_signature, other.published, settings)
        ):
            return True
    return False


def _linked(
    one: _Signature,
    one_published: float,
    two: _Signature,
    two_published: float,
    settings: StorySettings,
) -> bool:
    """True if two texts that share a band are linked: within the window, similar enough."""
    if abs(two_published - one_published) > settings.window_days * SECONDS_PER_DAY:
        return False
    return _jaccard(one.shingles, two.shingles, settings.similarity) >= settings.similarity


def _check(ordered: Sequence[StoryText]) -> None:
    """Raise if two texts share a key or a text has no finite publication time."""
    twice = sorted(key for key, count in Counter(t.key for t in ordered).items() if count > 1)
    if twice:
        raise ValueError(f"article keys must be unique: {', '.join(twice[:5])}")
    undated = [t.key for t in ordered if not math.isfinite(t.published)]
    if undated:
        raise ValueError(f"published must be a finite timestamp: {', '.join(undated[:5])}")


def _sign(
    ordered: Sequence[StoryText],
    settings: StorySettings,
    known: Mapping[str, _Signature | None],
) -> Iterator[_Signed]:
    """Every article long enough to join a story, with its signature: known, given with
    the text, or worked out here."""
    for index, text in enumerate(ordered):
        signature = known[text.key] if text.key in known else _signature_of(text, settings)
        if signature is not None:
            yield _Signed(index, text.published, signature.shingles, signature.minhash)


def sign_text(title: str, text: str, settings: StorySettings = StorySettings()) -> TextSignature:
    """The article's title and text signed for grouping with `settings`: worked out once per
    article (enriching does it, in the workers that parse), so grouping only compares."""
    body = f"{title}\n{text}".lower()
    shingles = _shingles(_WordHasher.upto(len(body)).hashes(body), settings.shingle)
    # Compared by their low 32 bits (half the memory; two of a text's ~700 shingles share
    # them once in billions of pairs); the MinHash reads the high 32 bits.
    kept = _sorted_unique(shingles.astype(SHINGLE_TYPE))
    if len(kept) < settings.min_shingles:
        return TextSignature(kept.tobytes(), b"", settings.shingle)
    minhash = _minhash(shingles, _permutations(settings.num_perm))
    return TextSignature(kept.tobytes(), minhash.tobytes(), settings.shingle)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)`, without the masked-array module it imports (a hundredth of a
    second in a process that signs one article)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _signature_of(text: StoryText, settings: StorySettings) -> _Signature | None:
    """The text's signature for grouping with `settings` (None: too short to join a story):
    the one it comes with when that was made with these settings, else one made here."""
    given = text.signature
    if given is None or not _made_with(given, settings):
        given = sign_text(text.title, str(text.text), settings)
    shingles = np.frombuffer(given.shingles, dtype=SHINGLE_TYPE)
    if len(shingles) < settings.min_shingles:
        return None
    minhash = np.frombuffer(given.minhash, dtype=np.uint32)  # the affine32 scheme's
    return _Signature(text.title, text.text, shingles, minhash)


def _made_with(signature: TextSignature, settings: StorySettings) -> bool:
    """True if the signature serves grouping with `settings`: the same words per shingle,
    and a MinHash of as many permutations unless the text is too short to need one."""
    if signature.shingle != settings.shingle:
        return False
    too_short = len(signature.shingles) // SHINGLE_TYPE().itemsize < settings.min_shingles
    return too_short or len(signature.minhash) // 4 == settings.num_perm


@cache
def _permutations(num_perm: int) -> np.ndarray:
    """The affine32 permutations h → a·h + b mod 2³² (a odd) for `num_perm` and our seed, as
    datasketch 2 draws them (`MinHash(num_perm, SEED, scheme="affine32").permutations`)."""
    draw = np.random.RandomState(SEED)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


@dataclass(frozen=True)
class _WordHasher:
    """Hashes of the words (runs of regex `\\w`) of a text, in numpy: no string per word.

    A word's hash is its polynomial hash in BASE modulo 2**64, computed for all words at once
    from prefix sums of code point * BASE**-position (BASE is odd, so it has an inverse).
    """

    word: np.ndarray  # per code point of the Basic Multilingual Plane: is it a `\w` character?
    powers: np.ndarray  # BASE**i modulo 2**64
    inverses: np.ndarray  # BASE**-i modulo 2**64

    @classmethod
    def upto(cls, length: int) -> _WordHasher:
        """A hasher for texts of up to `length` code points."""
        return cls(_word_table(), _powers(BASE, length), _powers(pow(BASE, -1, 2**64), length))

    def hashes(self, text: str) -> np.ndarray:
        """The (mixed) hashes of the text's words, in order."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        flags = np.zeros(len(codes) + 2, dtype=bool)
        flags[1:-1] = self._is_word(codes)
        edges = np.flatnonzero(flags[1:] != flags[:-1])
        starts, ends = edges[0::2], edges[1::2]
        sums = np.zeros(len(codes) + 1, dtype=np.uint64)
        np.cumsum(codes * self.inverses[: len(codes)], out=sums[1:])
        return _mix((sums[ends] - sums[starts]) * self.powers[ends - 1])

    def _is_word(self, codes: np.ndarray) -> np.ndarray:
        """Whether each code point is a `\\w` character (str.isalnum() or the underscore)."""
        flags = self.word[np.minimum(codes, BMP - 1)]
        beyond = np.flatnonzero(codes >= BMP)
        if len(beyond):
            flags[beyond] = [chr(code).isalnum() for code in codes[beyond].tolist()]
        return flags


@cache
def _word_table() -> np.ndarray:
    """For each code point of the Basic Multilingual Plane, whether it is a `\\w` character
    (made once: 65,536 Python calls)."""
    word = np.array([chr(code).isalnum() for code in range(BMP)])
    word[ord("_")] = True
    word.flags.writeable = False
    return word


def _powers(base: int, length: int) -> np.ndarray:
    """base**i modulo 2**64 for i below `length` (numpy's unsigned products wrap around)."""
    factors = np.full(max(length, 1), base, dtype=np.uint64)
    factors[0] = 1
    return np.cumprod(factors, dtype=np.uint64)


def _shingles(words: np.ndarray, size: int) -> np.ndarray:
    """Sorted unique hashes of the runs of `size` consecutive words."""
    count = len(words) - size + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    combined = words[:count].copy()
    for offset in range(1, size):
        combined = combined * MIX_1 + words[offset : offset + count]
    mixed = np.sort(_mix(combined))
    return mixed[np.concatenate(([True], mixed[1:] != mixed[:-1]))]


def _mix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: spread every input bit over the whole word."""
    values = (values ^ (values >> SHIFT)) * MIX_1
    values = (values ^ (values >> SHIFT)) * MIX_2
    return values ^ (values >> SHIFT)


def _minhash(shingles: np.ndarray, permutations: np.ndarray) -> np.ndarray:
    """datasketch's affine32 MinHash values of the shingle set, computed in one numpy pass."""
    a, b = permutations[:, :, np.newaxis]
    values = a * (shingles >> HIGH).astype(np.uint32) + b
    return values.min(axis=1)


def _candidates(signed: Sequence[_Signed], settings: StorySettings) -> Iterator[tuple[int, int]]:
    """Pairs (earlier, later) that share an LSH band within the same or the previous time block."""
    index = _TimeIndex(_lsh_params(settings), settings.window_days * SECONDS_PER_DAY)
    for item in signed:
        bands = _band_keys(item.minhash, index.params)
        yield from ((other, item.index) for other in index.query(item, bands))
        index.add(item, bands)


Item = TypeVar("Item")


class _Bands(Generic[Item]):
    """An LSH index: the items under each of their band keys (`_band_keys`)."""

    def __init__(self) -> None:
        self._items: dict[bytes, list[Item]] = {}

    def add(self, item: Item, bands: Iterable[bytes]) -> None:
        for band in bands:
            self._items.setdefault(band, []).append(item)

    def remove(self, item: Item, bands: Iterable[bytes]) -> None:
        for band in bands:
            items = self._items[band]
            items.remove(item)
            if not items:
                del self._items[band]

    def near(self, bands: Iterable[bytes]) -> set[Item]:
        """The items that share a band with the given keys."""
        return {item for band in bands for item in self._items.get(band, ())}


def _band_keys(values: np.ndarray, params: tuple[int, int]) -> list[bytes]:
    """The MinHash's LSH bands as keys (band number and values): two signatures share a key
    exactly when they agree on a whole band, as datasketch's MinHashLSH compares them."""
    bands, rows = params
    return [
        band.to_bytes(2, "little") + values[band * rows : (band + 1) * rows].tobytes()
        for band in range(bands)
    ]


@dataclass(frozen=True)
class _TimeIndex:
    """One LSH index per time block; of identical shingle sets only the latest stays indexed.

    Articles arrive in time order, so the latest of identical texts is the one nearest to any
    later article: the earlier copies are reached through it, and many copies of one text cost
    one candidate each instead of one per copy.
    """

    params: tuple[int, int]
    width: float
    blocks: dict[float, _Bands[int]] = field(default_factory=dict)
    latest: dict[bytes, tuple[float, int, list[bytes]]] = field(default_factory=dict)

    def query(self, item: _Signed, bands: list[bytes]) -> list[int]:
        """Indexed articles sharing one of the item's `bands`, from blocks that can be in its
        window."""
        near = _near(_block(item.published, self.width), self.width)
        return [i for b in near if b in self.blocks for i in self.blocks[b].near(bands)]

    def add(self, item: _Signed, bands: list[bytes]) -> None:
        """Index the item under its `bands`, replacing an earlier article with the same
        shingles."""
        block = _block(item.published, self.width)
        same = hashlib.blake2b(item.shingles.tobytes(), digest_size=16).digest()
        if same in self.latest:
            earlier_block, earlier, earlier_bands = self.latest[same]
            self.blocks[earlier_block].remove(earlier, earlier_bands)
        self.blocks.setdefault(block, _Bands()).add(item.index, bands)
        self.latest[same] = (block, item.index, bands)


@cache
def _lsh_params(settings: StorySettings) -> tuple[int, int]:
    """Rows per band as datasketch's MinHashLSH tunes them for the threshold, and as many
    bands as fit (done once per settings)."""
    rows = _optimal_rows(settings.similarity, settings.num_perm, LSH_WEIGHTS)
    return settings.num_perm // rows, rows


def _optimal_rows(threshold: float, num_perm: int, weights: tuple[float, float]) -> int:
    """The rows per band of the (bands, rows) with bands × rows ≤ `num_perm` that minimise
    the weighted chances of a false positive (similarity below `threshold`, yet a shared
    band) and a false negative, in datasketch's order of trying them (its `_optimal_param`).

    Both chances are integrals of polynomials of degree bands × rows ≤ `num_perm`, which
    Gauss–Legendre quadrature with `num_perm // 2 + 1` nodes gives exactly.
    """
    nodes, node_weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = threshold / 2 * (nodes + 1)  # the nodes on [0, threshold]
    above = threshold + (1 - threshold) / 2 * (nodes + 1)  # on [threshold, 1]
    best, chosen = math.inf, 1
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            shared = 1 - (1 - below**rows) ** bands  # chance of sharing a band, by similarity
            missed = (1 - above**rows) ** bands
            false_positive = threshold / 2 * float(node_weights @ shared)
            false_negative = (1 - threshold) / 2 * float(node_weights @ missed)
            error = false_positive * weights[0] + false_negative * weights[1]
            if error < best:
                best, chosen = error, rows
    return chosen


def _block(published: float, width: float) -> float:
    """The time block of a timestamp: blocks are `width` seconds long (one block if endless)."""
    if width == 0:
        return published
    return float(math.floor(published / width)) if math.isfinite(width) else 0.0


def _near(block: float, width: float) -> tuple[float, ...]:
    """The blocks that can hold an earlier article within the window of one in `block`."""
    return (block - 1, block) if 0 < width < math.inf else (block,)


def _verify(
    signed: Sequence[_Signed], pairs: Iterable[tuple[int, int]], settings: StorySettings
) -> _Links:
    """Keep the candidate pairs within the time window whose exact Jaccard passes."""
    by_index = {item.index: item for item in signed}
    window = settings.window_days * SECONDS_PER_DAY
    same, copies = [], []
    for first, second in pairs:
        one, two = by_index[first], by_index[second]
        if abs(two.published - one.published) > window:
            continue
        similarity = _jaccard(one.shingles, two.shingles, settings.similarity)
        if similarity >= settings.similarity:
            same.append((first, second))
        if similarity >= settings.duplicate:
            copies.append((first, second))
    return _Links(tuple(same), tuple(copies))


def _jaccard(one: np.ndarray, two: np.ndarray, floor: float) -> float:
    """Exact Jaccard of two sorted unique arrays; 0 when their sizes alone rule out `floor`."""
    small, large = (one, two) if len(one) <= len(two) else (two, one)
    if len(small) < floor * len(large):
        return 0.0
    found = np.searchsorted(large, small)
    found[found == len(large)] = 0
    common = int(np.count_nonzero(large[found] == small))
    return common / (len(small) + len(large) - common)


def _roots(size: int, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """Union-find: for each index, the smallest index connected to it."""
    parent = list(range(size))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in pairs:
        low, high = sorted((find(first), find(second)))
        parent[high] = low
    return [find(node) for node in range(size)]


def _stories(ordered: Sequence[StoryText], links: _Links) -> tuple[Story, ...]:
    """Group the linked articles into stories, earliest first."""
    story_of = _roots(len(ordered), links.same)
    original_of = _roots(len(ordered), links.copies)
    members: dict[int, list[int]] = {}
    for index, root in enumerate(story_of):
        members.setdefault(root, []).append(index)
    return tuple(
        _story([ordered[i].key for i in group], _copies(group, original_of, ordered))
        for _, group in sorted(members.items())
        if len(group) > 1
    )


def _copies(
    group: list[int], original_of: list[int], ordered: Sequence[StoryText]
) -> dict[str, str]:
    """Each copy's key mapped to the key of the earliest article it (transitively) copies."""
    return {
        ordered[index].key: ordered[original_of[index]].key
        for index in group
        if original_of[index] != index
    }


def _story(keys: list[str], duplicates: dict[str, str]) -> Story:
    """A story whose id depends only on its earliest member's key."""
    digest = hashlib.blake2b(keys[0].encode(), digest_size=6).hexdigest()
    return Story(f"story-{digest}", tuple(keys), MappingProxyType(duplicates))
