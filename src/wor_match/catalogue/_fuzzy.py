"""Exact fuzzy look-ups in a large vocabulary without scanning it.

:class:`WordIndex` answers, for one token at a time, the two questions the matcher asks of a
catalogue's vocabulary (:mod:`wor_match.taxonomy` states the rules):

- ``similar``: which words ``w`` have ``rapidfuzz.fuzz.ratio(token, w) >= cutoff``;
- ``containing``: which words contain the token and are at least ``min_extra`` characters
  longer (Dutch compounds: "schaak" in "schaakclub").

Results are identical to the brute-force answers (``process.cdist`` over every word; ``token
in w`` for every word): the index only proposes candidates, provably a superset of the
answer, and the final decision is taken by the same scorer (or ``in``) the brute force uses.
Ids are positions in the ``words`` sequence the index was built from; scores use rapidfuzz's
0-100 scale.

Why ``similar`` may skip most words
-----------------------------------
For a token ``t`` of length ``m`` and a word ``w`` of length ``n``, rapidfuzz's ratio is the
normalised Indel similarity ``ratio = 200 * L / (m + n)``, ``L`` the length of their longest
common subsequence. So ``ratio >= c`` holds exactly when ``L >= Lmin = ceil(c (m + n) / 200)``
(computed with a small downward slack, so that rounding can only add candidates). Two
consequences:

1. Length window: ``L <= min(m, n)``, so a word can match only if ``Lmin <= min(m, n)``,
   i.e. ``|m - n| <= (1 - c/100)(m + n)``. Other lengths are never looked at.
2. Few edits: turning ``w`` into ``t`` takes ``E = m + n - 2L <= D = m + n - 2 Lmin``
   single-character deletions (of characters of ``w``) and insertions (of characters of
   ``t``). At ``c = 85`` and ``m = n = 8``, ``D = 2``.

Pigeonhole on segments. At build time every word of length ``n`` is cut into ``S(n) =
Dmax(n) + 2`` consecutive non-empty segments, ``Dmax(n)`` the largest ``D`` over every token
length that can still reach ratio ``min_cutoff`` with length ``n``. Each edit breaks at most
one segment (a deletion removes one of its characters, an insertion between two of its
characters), so a matching word keeps at least ``S - E >= 2`` segments intact. Each pair of
segments ``(k1, k2)`` of every word is stored as one hash key of ``(n, k1, k2, segment k1,
segment k2)``.

Where do intact segments land in the token? Let ``k1 < k2`` be the first two intact segments
of ``w``, starting at ``p1`` and ``p2``. Segment ``k`` reappears in ``t`` at ``p_k + d_k``,
``d_k`` = (insertions before it) - (deletions before it). The edits fall into three disjoint
groups: before ``p1``, between ``p1`` and ``p2``, after ``p2``. The first group holds at
least ``|d1|`` edits and at least ``k1`` (every earlier segment is broken, each by an edit of
its own); the second at least ``|d2 - d1|`` and at least ``k2 - k1 - 1``; the third at least
``|(m - n) - d2|``. Hence

    max(|d1|, k1) + max(|d2 - d1|, k2 - k1 - 1) + |(m - n) - d2| <= D,

which bounds ``k2 <= D + 1`` and leaves a handful of shifts ``(d1, d2)`` per pair. For each
length in the window, each such pair and each such shift the query hashes the two token
substrings at ``p1 + d1`` and ``p2 + d2`` and looks the key up: every word with ratio ``>= c``
is found by at least one probe (at ``m = 8, c = 85``: about 55 probes in all). Hash
collisions can only add candidates, never lose one. Lengths the pigeonhole does not cover
(very short words, words longer than ``MAX_INDEXED_LENGTH``, or a cutoff below
``min_cutoff`` that allows more edits than a length was cut for) are scanned whole, so the
answer stays exact for every cutoff; only the speed depends on it. The index holds about ten
keys per word (8 bytes each, the word id packed into the low bits) in a sorted array with a
bucket table on the top bits, so a probe costs two table reads and a few comparisons.

Why not a q-gram count filter (shared bigrams ``>= 3L - m - n - 1``, prefix filtering)? It
is exact too, but in a vocabulary of 300,000 words every bigram and most trigrams are common:
its candidate sets stayed in the thousands per token, against tens to a few hundred here.

``containing``: a substring of length ``m >= 4`` shares all its 4-grams with the word. The
index keeps, per hashed 4-gram (65,536 buckets; a collision only adds candidates), the sorted
ids of the words holding it; the query takes the shortest such list of the token's 4-grams,
limited to long enough words by one binary search, and checks each candidate with ``in``.
Tokens shorter than 4 characters (only reachable with ``min_length < 4``) check every
long-enough word.

The index is immutable once built, so one instance can serve several threads.

Examples
--------
>>> index = WordIndex(["schaakclub", "wandelen", "wandelgroep", "tuin"])
>>> index.similar("wandelden").tolist()
[1]
>>> index.containing("schaak").tolist()
[0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

__all__ = ["MAX_INDEXED_LENGTH", "WordIndex"]

IdArray = npt.NDArray[np.intp]
_Hashes = npt.NDArray[np.uint64]

#: Words longer than this are not cut into segments; look-ups that can reach them scan them.
MAX_INDEXED_LENGTH = 40
#: Characters in the grams of the substring index (``containing``).
_GRAM = 4
# Rounding slack on the minimum common subsequence (in characters): only ever adds candidates.
_SLACK = 1e-6
_MASK64 = (1 << 64) - 1
# Odd multipliers for the polynomial string hash and for mixing keys (any odd values work:
# a collision only adds a candidate).
_BASE = 0x100000001B3
_FIRST, _SECOND, _SALT = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
_FINISH = np.uint64(0xD6E8FEB86659FD93)
_U32 = np.uint64(32)
_U48 = np.uint64(48)
_BASE_U64 = np.uint64(_BASE)
_ONE = np.uint64(1)
_EMPTY: IdArray = np.empty(0, dtype=np.intp)


def _min_common(m: int, n: int, cutoff: float) -> int:
    """Smallest longest-common-subsequence length that can give ``ratio >= cutoff``."""
    return max(math.ceil(cutoff * (m + n) / 200 - _SLACK), 0)


def _reachable(m: int, n: int, cutoff: float) -> bool:
    return _min_common(m, n, cutoff) <= min(m, n)


def _length_window(m: int, cutoff: float, max_length: int | None = None) -> range:
    """Lengths (up to ``max_length``) that can reach ``cutoff`` against length ``m``: a
    superset, callers check :func:`_reachable`. Symmetric: the same for ``m`` given ``n``."""
    low = max(math.floor(m * cutoff / (200 - cutoff)) - 1, 0)
    high = math.ceil(m * (200 - cutoff) / cutoff) + 1
    return range(low, high + 1 if max_length is None else min(high, max_length) + 1)


@lru_cache(maxsize=256)
def _max_edits(n: int, min_cutoff: float) -> int:
    """Most edits any token may need against a word of length ``n`` at ``min_cutoff``."""
    return max(
        m + n - 2 * _min_common(m, n, min_cutoff)
        for m in _length_window(n, min_cutoff)
        if _reachable(m, n, min_cutoff)
    )


@lru_cache(maxsize=256)
def _segments(n: int, min_cutoff: float) -> tuple[tuple[int, int], ...]:
    """(start, length) of the segments a word of length ``n`` is cut into; empty when
    length ``n`` is not indexed (too long, or too short for non-empty segments)."""
    count = _max_edits(n, min_cutoff) + 2
    if n > MAX_INDEXED_LENGTH or count > n:
        return ()
    base, extra = divmod(n, count)
    lengths = [base + (k < extra) for k in range(count)]
    starts = np.cumsum([0, *lengths[:-1]]).tolist()
    return tuple(zip(starts, lengths, strict=True))


def _salt(n: int, first: int, second: int) -> int:
    return (n << 16) | (first << 8) | second


def _finish(keys: _Hashes) -> _Hashes:
    """Spread a linear combination of hashes over all 64 bits (arrays only: numpy wraps
    uint64 arrays silently, while uint64 scalars warn on overflow)."""
    keys ^= keys >> _U32
    keys *= _FINISH
    return keys


def _gram_buckets(chars: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint16]:
    """16-bit hash of every 4-gram along the last axis of a character-code matrix."""
    width = chars.shape[-1] - _GRAM + 1
    hashes = np.zeros((*chars.shape[:-1], width), dtype=np.uint64)
    for offset in range(_GRAM):
        hashes = hashes * _BASE_U64 + chars[..., offset : offset + width]
    return (_finish(hashes) >> _U48).astype(np.uint16)


class _Plan(NamedTuple):
    """Probes for one (token length, cutoff).

    A probe's key is ``_finish(sum(prefix[positions] * factors) + constant)``, ``prefix``
    the token's prefix hashes: the same value as a word's key for its two segments.
    """

    positions: IdArray  # (4, probes): end and start of the first substring, then the second
    factors: _Hashes  # (4, probes)
    constant: _Hashes  # (probes,)
    scanned_lengths: tuple[int, ...]


@lru_cache(maxsize=1024)
def _plan(m: int, cutoff: float, min_cutoff: float, max_length: int) -> _Plan:
    probes: list[tuple[int, int, int, int, int]] = []
    scanned: list[int] = []
    for n in _length_window(m, cutoff, max_length):
        if not _reachable(m, n, cutoff):
            continue
        edits = m + n - 2 * _min_common(m, n, cutoff)
        segments = _segments(n, min_cutoff)
        if not segments or edits > _max_edits(n, min_cutoff):
            scanned.append(n)
            continue
        for k2 in range(1, min(len(segments), edits + 2)):
            p2, l2 = segments[k2]
            for k1 in range(k2):
                p1, l1 = segments[k1]
                for d1 in range(-edits, edits + 1):
                    before = max(abs(d1), k1)
                    if before > edits or p1 + d1 < 0 or p1 + d1 + l1 > m:
                        continue
                    for d2 in range(-edits, edits + 1):
                        between = max(abs(d2 - d1), k2 - k1 - 1)
                        if before + between + abs(m - n - d2) > edits:
                            continue
                        if p2 + d2 < 0 or p2 + d2 + l2 > m:
                            continue
                        probes.append((p1 + d1, l1, p2 + d2, l2, _salt(n, k1, k2)))
    positions = [[s1 + l1, s1, s2 + l2, s2] for s1, l1, s2, l2, _ in probes]
    # h(start, length) = prefix[start + length] - prefix[start] * BASE**length
    factors = [
        [_FIRST, -_FIRST * _BASE**l1 & _MASK64, _SECOND, -_SECOND * _BASE**l2 & _MASK64]
        for _, l1, _, l2, _ in probes
    ]
    return _Plan(
        positions=np.array(positions, dtype=np.intp).reshape(-1, 4).T.copy(),
        factors=np.array(factors, dtype=np.uint64).reshape(-1, 4).T.copy(),
        constant=np.array([(salt * _SALT) & _MASK64 for *_, salt in probes], dtype=np.uint64),
        scanned_lengths=tuple(scanned),
    )


class WordIndex:
    """Index over a vocabulary of normalised words (a-z, 0-9 and single spaces) for exact
    fuzzy look-ups.

    Any strings work; ids are positions in ``words`` (duplicates keep their own ids).

    Parameters
    ----------
    words : sequence of str
        The vocabulary.
    min_cutoff : float, default 85.0
        Lowest ``similar`` cutoff the segment index is cut for. Lower cutoffs still give
        exact answers but scan the lengths they reach.

    Examples
    --------
    >>> index = WordIndex(["moestuin", "tuin", "tuinieren"])
    >>> index.similar("tuinierren").tolist(), index.containing("tuin").tolist()
    ([2], [0, 2])
    """

    def __init__(self, words: Sequence[str], *, min_cutoff: float = 85.0) -> None:
        _check_cutoff(min_cutoff, "min_cutoff", "WordIndex")
        self.min_cutoff = float(min_cutoff)
        vocabulary = list(words)
        count = len(vocabulary)
        lengths = np.fromiter(map(len, vocabulary), dtype=np.intp, count=count)
        # internal ids run in order of length, so one length is one contiguous range
        self._order: IdArray = np.argsort(lengths, kind="stable")
        sorted_lengths = lengths[self._order]
        self._max_length = int(sorted_lengths[-1]) if count else 0
        self._length_start: IdArray = np.searchsorted(
            sorted_lengths, np.arange(self._max_length + 2)
        )
        self._words = np.empty(count, dtype=object)
        self._words[:] = vocabulary
        self._words = self._words[self._order]
        joined = "".join(self._words.tolist())
        # code point + 1, so that no character hashes like the empty string
        chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1
        char_start = np.concatenate(([0], np.cumsum(sorted_lengths)))
        self._id_bits = max(count - 1, 1).bit_length()
        self._id_limit = np.uint64(1 << self._id_bits)
        self._key_mask = np.uint64(_MASK64 ^ ((1 << self._id_bits) - 1))
        self._entries, self._bucket_start, self._bucket_shift = self._pair_index(chars, char_start)
        self._gram_ids, self._gram_start = self._gram_index(chars, char_start)

    def __len__(self) -> int:
        return len(self._words)

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays (the word strings themselves not counted)."""
        arrays = (self._order, self._length_start, self._entries, self._bucket_start)
        return sum(a.nbytes for a in (*arrays, self._gram_ids, self._gram_start, self._words))

    def __repr__(self) -> str:
        return f"WordIndex({len(self)} words, min_cutoff={self.min_cutoff:g})"

    def _groups(
        self, chars: npt.NDArray[np.uint64], char_start: IdArray
    ) -> list[tuple[int, int, npt.NDArray[np.uint64]]]:
        """(length, first internal id, character matrix) per word length present."""
        groups = []
        for n in range(1, self._max_length + 1):
            first, stop = int(self._length_start[n]), int(self._length_start[n + 1])
            if stop > first:
                block = chars[char_start[first] : char_start[stop]].reshape(stop - first, n)
                groups.append((n, first, block))
        return groups

    def _pair_index(
        self, chars: npt.NDArray[np.uint64], char_start: IdArray
    ) -> tuple[_Hashes, IdArray, np.uint64]:
        """Sorted entries ``key >> id_bits << id_bits | internal id``, one per segment pair
        of every indexed word, and where each bucket of keys (their top bits) starts."""
        parts = []
        for n, first, block in self._groups(chars, char_start):
            segments = _segments(n, self.min_cutoff)
            hashes = []
            for start, length in segments:
                value = np.zeros(len(block), dtype=np.uint64)
                for column in range(start, start + length):
                    value = value * _BASE_U64 + block[:, column]
                hashes.append(value)
            ids = np.arange(first, first + len(block), dtype=np.uint64)
            for k2 in range(1, len(segments)):
                second = hashes[k2] * np.uint64(_SECOND)
                for k1 in range(k2):
                    keys = hashes[k1] * np.uint64(_FIRST) + second
                    keys += np.uint64(_salt(n, k1, k2) * _SALT & _MASK64)
                    parts.append((_finish(keys) & self._key_mask) | ids)
        entries = np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.uint64)
        # about four entries per bucket; bucket bits must come from the key, not the id
        bucket_bits = min(max(len(entries).bit_length() - 2, 1), 64 - self._id_bits)
        shift = np.uint64(64 - bucket_bits)
        per_bucket = np.bincount((entries >> shift).astype(np.intp), minlength=1 << bucket_bits)
        bucket_start = np.concatenate(([0], np.cumsum(per_bucket))).astype(np.intp)
        return entries, bucket_start, shift

    def _gram_index(
        self, chars: npt.NDArray[np.uint64], char_start: IdArray
    ) -> tuple[npt.NDArray[np.int32], IdArray]:
        """Internal ids holding each hashed 4-gram, sorted, with the start of each bucket."""
        buckets, owners = [], []
        for n, first, block in self._groups(chars, char_start):
            if n >= _GRAM:
                buckets.append(_gram_buckets(block).ravel())
                owners.append(np.repeat(np.arange(first, first + len(block)), n - _GRAM + 1))
        if not buckets:
            return np.empty(0, dtype=np.int32), np.zeros((1 << 16) + 1, dtype=np.intp)
        bucket = np.concatenate(buckets)
        owner = np.concatenate(owners)
        # owners already ascend; a stable (radix) sort on the 16-bit bucket keeps them so
        order = np.argsort(bucket, kind="stable")
        bucket, owner = bucket[order], owner[order]
        first_seen = np.ones(len(bucket), dtype=bool)
        first_seen[1:] = (bucket[1:] != bucket[:-1]) | (owner[1:] != owner[:-1])
        bucket, owner = bucket[first_seen], owner[first_seen]
        per_bucket = np.bincount(bucket, minlength=1 << 16)
        start = np.concatenate(([0], np.cumsum(per_bucket))).astype(np.intp)
        return owner.astype(np.int32), start

    def similar(self, token: str, cutoff: float = 85.0) -> IdArray:
        """Sorted ids of words ``w`` with ``rapidfuzz.fuzz.ratio(token, w) >= cutoff``.

        Parameters
        ----------
        token : str
            The client's word or n-gram.
        cutoff : float, default 85.0
            Minimum ratio, in (0, 100].
        """
        _check_cutoff(cutoff, "cutoff", "WordIndex.similar")
        cutoff = float(cutoff)
        if not len(self):
            return _EMPTY
        plan = _plan(len(token), cutoff, self.min_cutoff, self._max_length)
        parts = [self._probe(token, plan)]
        for n in plan.scanned_lengths:
            parts.append(np.arange(self._length_start[n], self._length_start[n + 1]))
        candidates = np.concatenate(parts) if len(parts) > 1 else parts[0]
        if not len(candidates):
            return _EMPTY
        candidates.sort()
        distinct = np.empty(len(candidates), dtype=bool)
        distinct[0] = True
        np.not_equal(candidates[1:], candidates[:-1], out=distinct[1:])
        candidates = candidates[distinct]
        scores = process.cdist(
            [token], self._words[candidates].tolist(), scorer=fuzz.ratio, score_cutoff=cutoff
        )[0]
        found: IdArray = self._order[candidates[scores > 0]]
        found.sort()
        return found

    def _probe(self, token: str, plan: _Plan) -> IdArray:
        """Internal ids (unsorted, repeated) of the words that share a key with a probe."""
        if not plan.constant.size:
            return _EMPTY
        prefix = [0]
        for char in token:
            prefix.append((prefix[-1] * _BASE + ord(char) + 1) & _MASK64)
        terms = np.array(prefix, dtype=np.uint64)[plan.positions]
        terms *= plan.factors
        keys = _finish(terms.sum(axis=0, dtype=np.uint64) + plan.constant)
        buckets = keys >> self._bucket_shift
        starts = self._bucket_start[buckets]
        sizes = self._bucket_start[buckets + _ONE] - starts
        total = int(sizes.sum())
        if not total:
            return _EMPTY
        ends = np.cumsum(sizes)
        positions = np.repeat(starts - ends + sizes, sizes) + np.arange(total)
        # an entry is (key with the id bits cleared) | id: subtracting the probe's cleared
        # key leaves the id exactly when the rest of the key is the same
        ids = self._entries[positions] - np.repeat(keys & self._key_mask, sizes)
        return ids[ids < self._id_limit].astype(np.intp)

    def containing(self, token: str, *, min_length: int = 4, min_extra: int = 3) -> IdArray:
        """Sorted ids of words ``w`` with ``token`` occurring in ``w`` as a substring and
        ``len(w) >= len(token) + min_extra``; empty when ``len(token) < min_length``."""
        m = len(token)
        shortest = max(m + min_extra, 0)
        if m < min_length or shortest > self._max_length:
            return _EMPTY
        first = int(self._length_start[shortest])
        if m < _GRAM:
            candidates: npt.NDArray[np.signedinteger[Any]] = np.arange(first, len(self))
        else:
            codes = np.array([ord(char) + 1 for char in token], dtype=np.uint64)
            starts = self._gram_start
            rarest = min(
                set(_gram_buckets(codes).tolist()),
                key=lambda bucket: starts.item(bucket + 1) - starts.item(bucket),
            )
            ids = self._gram_ids[starts.item(rarest) : starts.item(rarest + 1)]
            candidates = ids[np.searchsorted(ids, first) :]
        words = self._words[candidates].tolist()
        found = [i for i, word in zip(candidates.tolist(), words, strict=True) if token in word]
        result = self._order[found]
        result.sort()
        return result

    def lookup(
        self,
        tokens: Sequence[str],
        cutoff: float = 85.0,
        *,
        min_length: int = 4,
        min_extra: int = 3,
    ) -> list[IdArray]:
        """Per token, the sorted ids it matches by either rule: ``similar`` or ``containing``.

        This is the per-token union ``wor_match.context._match_terms`` takes over a
        catalogue's vocabulary (``ratio >= 85``, or ``partial_ratio == 100`` with the
        compound length rule, which for these lengths is the substring test).
        """
        return [
            _sorted_union(
                self.similar(token, cutoff),
                self.containing(token, min_length=min_length, min_extra=min_extra),
            )
            for token in tokens
        ]


def _sorted_union(first: IdArray, second: IdArray) -> IdArray:
    """The sorted union of two sorted arrays of distinct ids (no work when one is empty)."""
    if not len(second):
        return first
    if not len(first):
        return second
    return np.union1d(first, second)


def _check_cutoff(value: float, name: str, where: str) -> None:
    if not (isinstance(value, int | float) and 0 < value <= 100):
        raise ValueError(
            f"The {name!r} parameter of {where} must be a number in the range (0, 100] "
            f"(rapidfuzz's ratio scale). Got {value!r} instead."
        )
