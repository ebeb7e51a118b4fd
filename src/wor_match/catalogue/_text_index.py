"""The catalogue's text index: its words, which rows hold each word, and the themes of
every row, built vectorised for catalogues of a million rows.

The rule for catalogue text (``docs/taxonomy.md``): a row has a *structured* field (the
segments name, categories and tags) and a *description* (one segment). A segment's words
are ``normalise(segment).split()``; its unigram tokens (at least 3 characters, not a
function word) are the row's words and match themes through :meth:`Taxonomy.match`; a
multi-word keyword matches only when it appears exactly as consecutive words of one
segment with no function word among them (one of the n-grams :func:`wor_match.text.tokens`
produces). The vocabulary is the distinct words, unigrams only.

How it stays fast. Segments are cut into chunks of whole rows (a few MB of text each).
*Preparing* a chunk needs no shared state, so worker threads do it while the main thread
takes the prepared chunks in order (numpy, pandas and scipy release the GIL for the heavy
part):

- the chunk is joined with a separator, encoded once and normalised with byte tables
  (Latin-1 text in one ``bytes.translate``; other non-ASCII characters go through
  ``unicodedata`` one run at a time); the separator becomes a one-character word, so
  segment boundaries are words that stop every phrase;
- word boundaries come from numpy; each word of at most 24 bytes has an exact key of three
  little-endian 8-byte loads, which is hashed and factorised with pandas; an occurrence
  that differs from the first of its hash code (a collision), or a longer word, takes an
  exact path through a dictionary;
- the chunk's distinct words are looked up in a recent read-only snapshot of the
  vocabulary's hash table; keyword words get codes, and a trie over the multi-word
  keywords is walked over consecutive words; tokens are grouped by chunk-local word into
  sorted rows.

The main thread then gives the words the snapshot did not know their vocabulary ids (a
vectorised hash table; only new words touch Python), so ids follow first occurrence. At
the end the vocabulary is matched once with :meth:`Taxonomy.match` (split over the
workers), the chunks are merged into posting lists, and row themes are an OR over the
posting lists of the themed words.
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import sparse

from wor_match._bits import add_member, n_blocks, to_bits
from wor_match.taxonomy import Taxonomy
from wor_match.text import MIN_TOKEN_LENGTH, STOPWORDS

__all__ = ["PostingLists", "TextIndex", "build_text_index"]

#: Chunks hold whole rows and aim at this many characters of text (judged from a sample
#: of segment lengths); one over twice as long is halved.
_CHUNK_CHARS = 2000000
_MIN_CHUNK_SEGMENTS = 1_024
_LENGTH_SAMPLE = 4_096
#: Threads preparing chunks (the main thread resolves them against the vocabulary).
_WORKERS = max(1, min(4, os.cpu_count() or 1))
#: Joins the segments of a chunk. The byte table turns it into "|" (and any "|" of the
#: text into a space), so each segment boundary is a one-character word of its own: it
#: counts segments and, being no keyword word, stops every phrase.
_SEPARATOR = "\x1f"
_SEPARATOR_BYTE = 0x1F
_BOUNDARY_BYTE = 0x7C
#: Words up to this many bytes have an exact key of three 8-byte loads.
_KEY_BYTES = 24
_N_LOADS = _KEY_BYTES // 8
_PADDING = b" " + b"\0" * (_KEY_BYTES + 8)


def _byte_table(*, lower: bool, boundaries: bool, keep_high: bool) -> bytes:
    """A ``bytes.translate`` table keeping [a-z0-9] and turning other bytes into spaces."""

    def mapped(byte: int) -> int:
        if 0x61 <= byte <= 0x7A or 0x30 <= byte <= 0x39:
            return byte
        if lower and 0x41 <= byte <= 0x5A:
            return byte + 0x20
        if boundaries and byte == _SEPARATOR_BYTE:
            return _BOUNDARY_BYTE
        if keep_high and byte >= 0x80:
            return byte
        return 0x20

    return bytes(mapped(byte) for byte in range(256))


#: Encoded text: ASCII lower-cased, ASCII outside [a-z0-9] to spaces, the separator to
#: "|"; non-ASCII bytes stay (``normalise`` lower-cases before decomposing).
_ASCII_TABLE = _byte_table(lower=True, boundaries=True, keep_high=True)
#: What ``normalise`` keeps of a decomposed character: only [a-z0-9] (an upper-case letter
#: that decomposition produces, as in "℃" -> "°C", is dropped like any other symbol).
_FOLDED_TABLE = _byte_table(lower=False, boundaries=False, keep_high=False)
#: _LOAD_MASKS[k][n]: the bytes of load k that belong to a word of n bytes.
_LOAD_MASKS = np.array(
    [
        [(1 << (8 * min(max(n - 8 * k, 0), 8))) - 1 for n in range(_KEY_BYTES + 1)]
        for k in range(_N_LOADS)
    ],
    dtype=np.uint64,
)


@dataclass(frozen=True)
class PostingLists:
    """For each word id, the sorted rows that hold it (compressed sparse rows)."""

    indptr: npt.NDArray[np.int64]
    rows: npt.NDArray[np.int32]

    def rows_of(self, word_ids: npt.NDArray[np.intp]) -> npt.NDArray[np.int32]:
        """Sorted unique rows holding any of ``word_ids``."""
        ids = np.asarray(word_ids, dtype=np.intp).ravel()
        if ids.size == 1:
            return self.rows[self.indptr[ids[0]] : self.indptr[ids[0] + 1]].copy()
        starts, ends = self.indptr[ids], self.indptr[ids + 1]
        return np.unique(self.rows[_ranges(starts, ends)])

    def holds(self, row: int, word_id: int) -> bool:
        """Whether ``row`` holds the word ``word_id``."""
        start, end = int(self.indptr[word_id]), int(self.indptr[word_id + 1])
        position = start + int(np.searchsorted(self.rows[start:end], row))
        return position < end and int(self.rows[position]) == row


@dataclass(frozen=True)
class TextIndex:
    """Words, posting lists and theme bit sets of a catalogue's text.

    Theme sets are ``uint64`` blocks: theme ``j`` is bit ``j % 64`` of block ``j // 64``.
    """

    #: distinct words (unigram tokens), in first-seen order: all structured fields
    #: (rows in order), then all descriptions
    vocabulary: tuple[str, ...]
    #: word id -> sorted rows whose structured field holds it
    structured: PostingLists
    #: word id -> sorted rows whose description holds it
    description: PostingLists
    #: (n_words, n_blocks): the themes each word matches
    word_themes: npt.NDArray[np.uint64]
    #: (n_rows, n_blocks): themes of the structured field (words and multi-word keywords)
    structured_themes: npt.NDArray[np.uint64]
    #: (n_rows, n_blocks): themes of the description
    description_themes: npt.NDArray[np.uint64]


def build_text_index(
    structured: Sequence[Sequence[str]] | Sequence[str] | npt.NDArray[np.object_],
    descriptions: Sequence[str],
    taxonomy: Taxonomy,
    *,
    structured_rows: npt.NDArray[np.int32] | None = None,
) -> TextIndex:
    """Index the text of a catalogue: per row, the segments of its structured field (name,
    categories, tags) and its description.

    ``structured`` holds one list of segments per row; or, with ``structured_rows``, all
    segments flat with the row of each (rows in increasing order), which spares building a
    million small lists.

    Raises
    ------
    ValueError
        If ``structured`` and ``descriptions`` differ in length, or the flat form's rows
        are not in increasing order.

    Examples
    --------
    >>> from wor_match.taxonomy import load_taxonomy
    >>> index = build_text_index([["Repair Café", "Klussen"]], ["Elke week"], load_taxonomy())
    >>> index.vocabulary
    ('repair', 'cafe', 'klussen')
    """
    n_rows = len(descriptions)
    if structured_rows is None:
        if len(structured) != n_rows:
            raise ValueError(
                "build_text_index needs one structured field per description: got "
                f"{len(structured)} structured fields and {n_rows} descriptions; pass both "
                "in catalogue row order"
            )
        counts = np.fromiter(map(len, structured), dtype=np.int64, count=n_rows)
        segments = [segment for segments in structured for segment in segments]
        segment_rows = np.repeat(np.arange(n_rows, dtype=np.int32), counts)
    else:
        segments, segment_rows = list(structured), np.asarray(structured_rows, dtype=np.int32)
        if len(segments) != len(segment_rows) or (
            len(segment_rows)
            and (
                np.any(np.diff(segment_rows) < 0)
                or segment_rows[0] < 0
                or segment_rows[-1] >= n_rows
            )
        ):
            raise ValueError(
                "structured_rows must give the row (0 to the number of descriptions - 1) of "
                "every segment, in increasing order"
            )
    blocks = n_blocks(len(taxonomy.themes))
    phrases = _Phrases(taxonomy, blocks)
    fields = [
        _Field(segments, segment_rows, n_rows, blocks),
        _Field(descriptions, np.arange(n_rows, dtype=np.int32), n_rows, blocks),
    ]
    words = _Words()
    with ThreadPoolExecutor(_WORKERS, thread_name_prefix="wor_match-text") as pool:
        for field, chunk in _prepared(fields, phrases, words, pool):
            field.collect(chunk, words)
        vocabulary = words.decoded()
        del words
        # rows of Taxonomy.match are independent: a part per worker (cdist frees the GIL),
        # while this thread merges the posting lists, which do not need the themes
        bounds = np.linspace(0, len(vocabulary), _WORKERS + 1).astype(int).tolist()
        matched = [
            pool.submit(taxonomy.match, vocabulary[a:b]) for a, b in itertools.pairwise(bounds)
        ]
        postings = [field.postings(len(vocabulary)) for field in fields]
        matches = np.concatenate([part.result() for part in matched])
        word_themes = to_bits(matches.reshape(-1, len(taxonomy.themes)), len(taxonomy.themes))
        ors = [
            pool.submit(_or_word_themes, field.themes, lists, word_themes)
            for field, lists in zip(fields, postings, strict=True)
        ]
        for done in ors:
            done.result()
    return TextIndex(
        vocabulary=vocabulary,
        structured=postings[0],
        description=postings[1],
        word_themes=word_themes,
        structured_themes=fields[0].themes,
        description_themes=fields[1].themes,
    )


def _prepared(
    fields: list[_Field], phrases: _Phrases, words: _Words, pool: ThreadPoolExecutor
) -> Iterator[tuple[_Field, _Chunk]]:
    """The prepared chunks of every field, in order; a few are prepared ahead, each
    against a recent snapshot of the vocabulary (so workers find the known words)."""
    pending: deque[tuple[_Field, Future[list[_Chunk]]]] = deque()
    spans = ((field, span) for field in fields for span in field.spans())
    snapshot = words.snapshot()
    for submitted, (field, (begin, end)) in enumerate(spans):
        if submitted % _SNAPSHOT_EVERY == 0:
            snapshot = words.snapshot()
        pending.append((field, pool.submit(field.prepare, begin, end, phrases, snapshot)))
        if len(pending) > _WORKERS:
            done_field, done = pending.popleft()
            yield from ((done_field, chunk) for chunk in done.result())
    while pending:
        done_field, done = pending.popleft()
        yield from ((done_field, chunk) for chunk in done.result())


#: Chunks between two snapshots of the vocabulary for the workers.
_SNAPSHOT_EVERY = 4


class _Field:
    """One field of every row (structured or description): its segments, the row of each
    segment, and what indexing collects: theme bits per row, posting groups per chunk."""

    def __init__(
        self,
        segments: Sequence[str],
        segment_rows: npt.NDArray[np.int32],
        n_rows: int,
        n_blocks: int,
    ) -> None:
        self.segments = segments
        self.segment_rows = segment_rows
        self.themes = np.zeros((n_rows, n_blocks), dtype=np.uint64)
        #: per chunk, in row order: word ids, rows per word, the rows grouped by word,
        #: kept in a few large blocks (many small long-lived arrays fragment the heap)
        self.groups = _Blocks()

    def spans(self) -> Iterator[tuple[int, int]]:
        """Chunks of whole rows, sized from a sample of segment lengths."""
        n = len(self.segments)
        step = max(1, n // _LENGTH_SAMPLE)
        sample = [len(self.segments[i]) + 3 for i in range(0, n, step)]
        size = max(_MIN_CHUNK_SEGMENTS, _CHUNK_CHARS * len(sample) // max(sum(sample), 1))
        begin = 0
        while begin < n:
            end = self.row_boundary(begin + size)
            yield begin, end
            begin = end

    def row_boundary(self, position: int) -> int:
        """The first segment at or after ``position`` that starts a row (chunks hold whole
        rows, so a (word, row) pair never comes from two chunks)."""
        if position >= len(self.segments):
            return len(self.segments)
        if position <= 0:
            return 0
        row = self.segment_rows[position - 1]
        return int(np.searchsorted(self.segment_rows, row, side="right"))

    def prepare(self, begin: int, end: int, phrases: _Phrases, known: _Snapshot) -> list[_Chunk]:
        """Segments ``begin:end`` as prepared chunks (halved while much too long)."""
        segments = list(self.segments[begin:end])
        joined = f" {_SEPARATOR} ".join(segments)
        middle = self.row_boundary((begin + end) // 2)
        if len(joined) > 2 * _CHUNK_CHARS and begin < middle < end:
            return self.prepare(begin, middle, phrases, known) + self.prepare(
                middle, end, phrases, known
            )
        data = _normalised_bytes(joined)
        boundaries = np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == _BOUNDARY_BYTE)
        if boundaries != len(segments) - 1:
            # the text held the separator itself: normalise() reads it as a space
            joined = f" {_SEPARATOR} ".join(s.replace(_SEPARATOR, " ") for s in segments)
            data = _normalised_bytes(joined)
        chunk = _Chunk(data, self.segment_rows[begin:end], phrases, known)
        # chunks hold whole rows, so no other thread writes these rows' theme bits
        for block in range(self.themes.shape[1]):
            np.bitwise_or.at(
                self.themes[:, block], chunk.phrase_rows, phrases.bits[chunk.phrase_nodes, block]
            )
        return [chunk]

    def collect(self, chunk: _Chunk, words: _Words) -> None:
        """Give the chunk's words their vocabulary ids and keep its posting groups."""
        self.groups.append(chunk.resolve(words), chunk.counts, chunk.rows)

    def postings(self, n_words: int) -> PostingLists:
        """Merge the chunk groups (chunks in row order) into posting lists."""
        totals = np.zeros(n_words, dtype=np.int64)
        for ids, counts, _ in self.groups:
            totals[ids] += counts  # a word has one group per chunk
        indptr = np.zeros(n_words + 1, dtype=np.int64)
        np.cumsum(totals, out=indptr[1:])
        rows = np.empty(int(indptr[-1]), dtype=np.int32)
        filled = indptr[:-1].copy()
        for ids, counts, chunk_rows in self.groups.drain():
            runs = counts.astype(np.int64)
            rows[np.repeat(filled[ids], runs) + _ranks_within(runs)] = chunk_rows
            filled[ids] += runs
        return PostingLists(indptr=indptr, rows=rows)


class _Blocks:
    """(ids, counts, rows) of each chunk, copied into large int32 blocks (pages count only
    once written)."""

    _SIZE = 1 << 24  # 64 MiB: above the largest mmap threshold, so freed blocks go back to the OS

    def __init__(self) -> None:
        self._blocks: list[npt.NDArray[np.int32]] = []
        self._used = 0
        self._spans: list[tuple[int, int, int, int, int]] = []  # block, 3 starts, end

    def _store(self, size: int) -> tuple[int, int]:
        """Room for ``size`` entries: (block, start)."""
        if not self._blocks or self._used + size > len(self._blocks[-1]):
            self._blocks.append(np.empty(max(self._SIZE, size), dtype=np.int32))
            self._used = 0
        start = self._used
        self._used += size
        return len(self._blocks) - 1, start

    def append(
        self,
        ids: npt.NDArray[np.int32],
        counts: npt.NDArray[np.int32],
        rows: npt.NDArray[np.int32],
    ) -> None:
        block, start = self._store(len(ids) + len(counts) + len(rows))
        data = self._blocks[block]
        ends = np.cumsum([start, len(ids), len(counts), len(rows)]).tolist()
        data[ends[0] : ends[1]] = ids
        data[ends[1] : ends[2]] = counts
        data[ends[2] : ends[3]] = rows
        self._spans.append((block, *ends))

    def __iter__(self) -> Iterator[tuple[npt.NDArray[np.int32], ...]]:
        for block, a, b, c, d in self._spans:
            data = self._blocks[block]
            yield data[a:b], data[b:c], data[c:d]

    def drain(self) -> Iterator[tuple[npt.NDArray[np.int32], ...]]:
        """Iterate once more, freeing each block after its last chunk."""
        for index, (block, a, b, c, d) in enumerate(self._spans):
            data = self._blocks[block]
            yield data[a:b], data[b:c], data[c:d]
            last = index + 1 == len(self._spans) or self._spans[index + 1][0] != block
            if last:
                self._blocks[block] = np.empty(0, dtype=np.int32)
        self._blocks.clear()
        self._spans.clear()


class _Chunk:
    """One chunk of normalised text, prepared without shared state.

    Its distinct words are the first occurrences of its hash codes (``unique_*``) plus the
    words that take the exact path (``odd_*``); local word ``i`` of the groups is unique
    ``i``, then odd word ``i - n_unique``.
    """

    def __init__(
        self,
        data: bytes,
        segment_rows: npt.NDArray[np.int32],
        phrases: _Phrases,
        known: _Snapshot,
    ) -> None:
        self.data = data
        text = np.frombuffer(data, dtype=np.uint8)
        is_char = text > 0x20
        edges = np.flatnonzero(is_char[1:] != is_char[:-1]) + 1
        starts, ends = edges[0::2], edges[1::2]
        lengths = ends - starts
        loads = np.ndarray(shape=(len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
        capped = np.minimum(lengths, _KEY_BYTES).astype(np.uint8)
        first = loads[starts] & _LOAD_MASKS[0][capped]
        # segment of each word (a boundary word counts as the next segment)
        segment = np.cumsum(first == _BOUNDARY_BYTE, dtype=np.int32)
        stop_table, stop_multiplier = _stop_table()
        is_token = (lengths >= MIN_TOKEN_LENGTH) & ~(
            (lengths <= 8) & _in_table(stop_table, stop_multiplier, first)
        )
        keyed = np.flatnonzero(is_token & (lengths <= _KEY_BYTES))
        keys = [first[keyed]]
        keyed_lengths = lengths[keyed]
        longer = np.arange(len(keyed))
        for k in range(1, _N_LOADS):
            # load k is zero for words of at most 8k bytes: load only the longer ones
            longer = longer[keyed_lengths[longer] > 8 * k]
            at = keyed[longer]
            key = np.zeros(len(keyed), dtype=np.uint64)
            key[longer] = loads[starts[at] + 8 * k] & _LOAD_MASKS[k][capped[at]]
            keys.append(key)
        hashes = _hash(tuple(keys))
        codes = _factorize(hashes.view(np.int64))
        # pandas numbers codes in order of first appearance: firsts[c] is where c starts
        firsts = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
        representative = firsts[codes]
        exact = keys[0] == keys[0][representative]
        for key in keys[1:]:
            exact &= key == key[representative]
        self.unique_hashes = hashes[firsts]
        self.unique_keys = tuple(key[firsts] for key in keys)
        self.unique_at = keyed[firsts]
        self.unique_bounds = starts[self.unique_at], ends[self.unique_at]
        #: vocabulary ids of the uniques as far as the snapshot knows them (-1: ask later)
        self.known_ids = known.find(self.unique_hashes, self.unique_keys)[0]

        # the exact path: colliding and long words, numbered after the uniques
        local = np.full(len(starts), -1, dtype=np.int64)
        local[keyed] = codes
        odd = np.concatenate([keyed[~exact], np.flatnonzero(is_token & (lengths > _KEY_BYTES))])
        odd.sort()
        odd_words: dict[bytes, int] = {}
        self.odd_at: list[int] = []
        for position, start, end in zip(
            odd.tolist(), starts[odd].tolist(), ends[odd].tolist(), strict=True
        ):
            word = data[start:end]
            if word not in odd_words:
                odd_words[word] = len(firsts) + len(odd_words)
                self.odd_at.append(position)
            local[position] = odd_words[word]
        self.odd_spelled = list(odd_words)
        self.odd_bounds = starts[self.odd_at].tolist(), ends[self.odd_at].tolist()

        # keyword-word codes, then the phrases they spell
        unique_codes = phrases.codes_of(self.unique_keys)
        phrase_codes = np.zeros(len(starts), dtype=np.int32)
        phrase_codes[keyed] = unique_codes[codes]
        phrase_codes[odd] = [
            phrases.words.get(data[s:e], 0)
            for s, e in zip(starts[odd].tolist(), ends[odd].tolist(), strict=True)
        ]
        phrases.short_codes_into(phrase_codes, first, lengths)
        found_at, self.phrase_nodes = phrases.find(phrase_codes)
        self.phrase_rows = segment_rows[segment[found_at]]

        # tokens grouped by local word: rows sorted, a word twice in a row counted once
        tokens = np.flatnonzero(is_token)
        token_rows = segment_rows[segment[tokens]]
        self.counts = np.zeros(0, dtype=np.int32)
        self.rows = np.zeros(0, dtype=np.int32)
        if tokens.size:
            first_row = int(token_rows[0])
            matrix = sparse.csr_array(
                (
                    np.ones(len(tokens), dtype=np.int8),
                    (local[tokens], token_rows - first_row),
                ),
                shape=(len(firsts) + len(odd_words), int(token_rows[-1]) - first_row + 1),
            )
            self.counts = np.diff(matrix.indptr).astype(np.int32)
            self.rows = (matrix.indices + first_row).astype(np.int32)

    def resolve(self, words: _Words) -> npt.NDArray[np.int32]:
        """Vocabulary ids of the local words; new words join the vocabulary in order of
        first occurrence."""
        unique_ids = self.known_ids.copy()
        rest = np.flatnonzero(unique_ids < 0)
        unique_ids[rest], taken_rest = words.find(
            self.unique_hashes[rest], tuple(key[rest] for key in self.unique_keys)
        )
        taken = np.ones(len(unique_ids), dtype=bool)
        taken[rest] = taken_rest
        starts, ends = self.unique_bounds
        data = self.data
        odd_ids = words.find_spelled(self.odd_spelled)
        if words.extra:
            # the hash table lacks the words that collided or are too long for a key
            unknown = np.flatnonzero(unique_ids < 0)
            unique_ids[unknown] = [
                words.extra.get(data[s:e], -1)
                for s, e in zip(starts[unknown].tolist(), ends[unknown].tolist(), strict=True)
            ]
            odd_ids[odd_ids < 0] = [
                words.extra.get(w, -1)
                for w, i in zip(self.odd_spelled, odd_ids, strict=True)
                if i < 0
            ]
        ids = np.concatenate([unique_ids, odd_ids])
        new = np.flatnonzero(ids < 0)
        if not new.size:
            return ids
        if len(odd_ids):
            # new words join in order of first occurrence (uniques alone are in order)
            positions = np.concatenate([self.unique_at, np.asarray(self.odd_at, dtype=np.int64)])
            new = new[np.argsort(positions[new], kind="stable")]
        word_starts = np.concatenate([starts, np.asarray(self.odd_bounds[0], dtype=np.int64)])
        word_ends = np.concatenate([ends, np.asarray(self.odd_bounds[1], dtype=np.int64)])
        spelled = [
            data[s:e]
            for s, e in zip(word_starts[new].tolist(), word_ends[new].tolist(), strict=True)
        ]
        ids[new] = words.append(spelled) + np.arange(len(new), dtype=np.int32)
        # new words with a hash of their own go to the hash table, the rest to the dictionary
        in_table = np.zeros(len(ids), dtype=bool)
        in_table[: len(unique_ids)] = ~taken
        to_table = new[in_table[new]]
        words.remember(
            self.unique_hashes[to_table],
            tuple(key[to_table] for key in self.unique_keys),
            ids[to_table],
        )
        for i in np.flatnonzero(~in_table[new]).tolist():
            words.extra[spelled[i]] = int(ids[new[i]])
        return ids


class _Snapshot:
    """The vocabulary's hash table as it was: a read-only copy for worker threads (ids
    never change and keys are written before their id enters the table)."""

    def __init__(self, table: _HashTable, keys: list[npt.NDArray[np.uint64]]) -> None:
        self.table = _HashTable(table.bits)
        self.table.hashes, self.table.ids = table.hashes.copy(), table.ids.copy()
        self.keys = keys

    def find(
        self, hashes: npt.NDArray[np.uint64], keys: tuple[npt.NDArray[np.uint64], ...]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
        """As :meth:`_Words.find`, in the vocabulary as it was."""
        return _find_words(self.table, self.keys, hashes, keys)


def _find_words(
    table: _HashTable,
    key_columns: list[npt.NDArray[np.uint64]],
    hashes: npt.NDArray[np.uint64],
    keys: tuple[npt.NDArray[np.uint64], ...],
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
    """Ids of the words with these hashes and exact keys (-1 when the table lacks them),
    and whether the hash is taken (by this word or, rarely, by another)."""
    ids = table.find(hashes)
    taken = ids >= 0
    at = np.maximum(ids, 0)
    known = taken.copy()
    for column, key in zip(key_columns, keys, strict=True):
        known &= column[at] == key
    return np.where(known, ids, -1).astype(np.int32), taken


class _Words:
    """The growing vocabulary: a vectorised hash table from the exact key of a word to its
    id, so known words are found without Python; a dictionary for the few words that
    collided in it or are too long for a key; and the words' spelling, in id order."""

    def __init__(self) -> None:
        self.count = 0
        self.extra: dict[bytes, int] = {}
        self._text = bytearray()  # the words, each followed by a line feed
        self._table = _HashTable()
        #: the exact keys of the words in the table, by word id (one array per load)
        self._keys = [np.zeros(1024, dtype=np.uint64) for _ in range(_N_LOADS)]

    def find(
        self, hashes: npt.NDArray[np.uint64], keys: tuple[npt.NDArray[np.uint64], ...]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
        """Ids of the words with these hashes and exact keys (-1 when the table lacks
        them), and whether the hash is taken (by this word or, rarely, by another)."""
        return _find_words(self._table, self._keys, hashes, keys)

    def snapshot(self) -> _Snapshot:
        """A read-only copy of the hash table for worker threads."""
        return _Snapshot(self._table, self._keys)

    def find_spelled(self, spelled: list[bytes]) -> npt.NDArray[np.int32]:
        """Ids of words given by their bytes, as far as the hash table holds them."""
        keyed = [i for i, word in enumerate(spelled) if len(word) <= _KEY_BYTES]
        ids = np.full(len(spelled), -1, dtype=np.int32)
        if keyed:
            keys = np.array([_keys_of(spelled[i]) for i in keyed], dtype=np.uint64)
            columns = tuple(keys[:, k] for k in range(_N_LOADS))
            ids[keyed] = self.find(_hash(columns), columns)[0]
        return ids

    def remember(
        self,
        hashes: npt.NDArray[np.uint64],
        keys: tuple[npt.NDArray[np.uint64], ...],
        ids: npt.NDArray[np.int32],
    ) -> None:
        """Add words whose (distinct) hashes are not taken to the hash table."""
        if len(ids) and int(ids.max()) >= len(self._keys[0]):
            size = 2 * int(ids.max()) + 2
            self._keys = [np.concatenate([c, np.zeros(size - len(c), c.dtype)]) for c in self._keys]
        for column, key in zip(self._keys, keys, strict=True):
            column[ids] = key
        self._table.insert(hashes, ids)

    def append(self, spelled: list[bytes]) -> int:
        """Add new words (in order); return the id of the first."""
        first = self.count
        if spelled:
            self._text += b"\n".join(spelled) + b"\n"
            self.count += len(spelled)
        return first

    def decoded(self) -> tuple[str, ...]:
        """The vocabulary as text (ASCII words: one decode, one split)."""
        return tuple(self._text.decode("ascii").split("\n")[:-1])


class _HashTable:
    """Open addressing (linear probing) from distinct 64-bit hashes to ids, vectorised:
    each round moves every unresolved query one slot on; at most half full."""

    def __init__(self, bits: int = 16) -> None:
        self.bits = bits
        self.hashes = np.zeros(1 << bits, dtype=np.uint64)
        self.ids = np.full(1 << bits, -1, dtype=np.int32)
        self.size = 0

    def _slots(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.intp]:
        return (hashes >> np.uint64(64 - self.bits)).view(np.intp)

    def find(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.int32]:
        """The id stored for each hash, -1 when absent."""
        found = np.full(len(hashes), -1, dtype=np.int32)
        pending = np.arange(len(hashes))
        slot = self._slots(hashes)
        mask = (1 << self.bits) - 1
        while pending.size:
            ids = self.ids[slot]
            hit = (ids >= 0) & (self.hashes[slot] == hashes[pending])
            found[pending[hit]] = ids[hit]
            going = (ids >= 0) & ~hit
            pending, slot = pending[going], (slot[going] + 1) & mask
        return found

    def insert(self, hashes: npt.NDArray[np.uint64], ids: npt.NDArray[np.int32]) -> None:
        """Store ids under hashes that are distinct and not in the table yet."""
        if 2 * (self.size + len(hashes)) > (1 << self.bits):
            old = self.ids >= 0
            hashes = np.concatenate([self.hashes[old], hashes])
            ids = np.concatenate([self.ids[old], ids])
            while 2 * len(hashes) > (1 << self.bits):
                self.bits += 1
            self.hashes = np.zeros(1 << self.bits, dtype=np.uint64)
            self.ids = np.full(1 << self.bits, -1, dtype=np.int32)
            self.size = 0
        mask = (1 << self.bits) - 1
        pending = np.arange(len(hashes))
        slot = self._slots(hashes)
        while pending.size:
            free = self.ids[slot] < 0
            # of the queries that reach one free slot, the first takes it
            _, first = np.unique(np.where(free, slot, -1), return_index=True)
            placed = np.zeros(len(pending), dtype=bool)
            placed[first] = True
            placed &= free
            self.hashes[slot[placed]] = hashes[pending[placed]]
            self.ids[slot[placed]] = ids[pending[placed]]
            pending, slot = pending[~placed], (slot[~placed] + 1) & mask
        self.size += len(hashes)


class _Phrases:
    """The multi-word keywords that can match exactly, as a trie over keyword-word codes
    (a transition table maps (node, code) to the next node; -1 ends the walk), with the
    tables that give a word its code."""

    def __init__(self, taxonomy: Taxonomy, n_blocks: int) -> None:
        word_codes: dict[str, int] = {}
        children: list[dict[int, int]] = [{}]
        bits: list[npt.NDArray[np.uint64]] = [np.zeros(n_blocks, dtype=np.uint64)]
        for theme_index, theme in enumerate(taxonomy.themes):
            for keyword in theme.keywords:
                parts = keyword.split(" ")
                if not _is_phrase(parts):
                    continue
                node = 0
                for part in parts:
                    code = word_codes.setdefault(part, len(word_codes) + 1)
                    if code not in children[node]:
                        children[node][code] = len(children)
                        children.append({})
                        bits.append(np.zeros(n_blocks, dtype=np.uint64))
                    node = children[node][code]
                add_member(bits[node], theme_index)
        self.table = np.full((len(children), len(word_codes) + 1), -1, dtype=np.int32)
        for node, edges in enumerate(children):
            for code, child in edges.items():
                self.table[node, code] = child
        self.bits = np.array(bits, dtype=np.uint64).reshape(len(bits), n_blocks)
        self.terminal: npt.NDArray[np.bool_] = np.asarray(self.bits.any(axis=1), dtype=bool)
        self.max_words = _depth(children, 0) - 1
        #: keyword word -> code, for words on the exact path
        self.words = {part.encode("ascii"): code for part, code in word_codes.items()}
        # tokens (3+ characters) of at most 24 bytes find their code by exact key ...
        keyed = [w for w in self.words if MIN_TOKEN_LENGTH <= len(w) <= _KEY_BYTES]
        self.keys = np.array([_keys_of(w) for w in keyed], dtype=np.uint64).reshape(-1, _N_LOADS)
        mixed = _mix(tuple(self.keys[:, k] for k in range(_N_LOADS)))
        self.key_table, self.key_multiplier = _perfect_table(mixed.tolist())
        slots = _slot(self.key_multiplier, mixed, len(self.key_table))
        self.key_codes = np.zeros(len(self.key_table), dtype=np.int32)
        self.key_codes[slots] = [self.words[w] for w in keyed]
        self.key_rows = np.zeros(len(self.key_table), dtype=np.intp)
        self.key_rows[slots] = np.arange(len(keyed))
        # ... shorter words ("s" in "s avonds") by their one load
        short = {_key8(w): code for w, code in self.words.items() if len(w) < MIN_TOKEN_LENGTH}
        self.short_words = short
        self.short_table, self.short_multiplier = _perfect_table(list(short))
        self.short_codes = np.zeros(len(self.short_table), dtype=np.int32)
        for slot in np.flatnonzero(self.short_table).tolist():
            self.short_codes[slot] = short[int(self.short_table[slot])]

    def codes_of(self, keys: tuple[npt.NDArray[np.uint64], ...]) -> npt.NDArray[np.int32]:
        """Keyword-word codes of words given by their exact keys (0: not a keyword word)."""
        if not len(self.keys):
            return np.zeros(len(keys[0]), dtype=np.int32)
        mixed = _mix(keys)
        slot = _slot(self.key_multiplier, mixed, len(self.key_table))
        hit = self.key_table[slot] == mixed
        rows = self.key_rows[slot]
        for k, key in enumerate(keys):
            hit &= self.keys[rows, k] == key
        return np.where(hit, self.key_codes[slot], 0).astype(np.int32)

    def short_codes_into(
        self,
        codes: npt.NDArray[np.int32],
        first: npt.NDArray[np.uint64],
        lengths: npt.NDArray[np.int64],
    ) -> None:
        """Write the codes of words under 3 characters that are keyword words."""
        if not self.short_codes.any():
            return
        if len(self.short_words) <= 4:
            # usually one or two ("s" of "s avonds"): a comparison each beats a table
            for key, code in self.short_words.items():
                codes[np.flatnonzero(first == np.uint64(key))] = code
            return
        short = np.flatnonzero(lengths < MIN_TOKEN_LENGTH)
        slot = _slot(self.short_multiplier, first[short], len(self.short_table))
        hit = self.short_table[slot] == first[short]
        codes[short[hit]] = self.short_codes[slot[hit]]

    def find(
        self, codes: npt.NDArray[np.int32]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32]]:
        """(first word, trie node) of every keyword found in the word codes of a chunk.
        Segment boundaries are words with code 0, so no phrase crosses them."""
        found_at = [np.empty(0, dtype=np.intp)]
        found_nodes = [np.empty(0, dtype=np.int32)]
        if self.table.shape[0] == 1 or not codes.size:
            return found_at[0], found_nodes[0]
        start = np.flatnonzero(self.table[0, codes] >= 0)
        node = self.table[0, codes[start]]
        for offset in range(1, self.max_words):
            position = start + offset
            inside = position < len(codes)
            start, node = start[inside], node[inside]
            node = self.table[node, codes[position[inside]]]
            going = node >= 0
            start, node = start[going], node[going]
            if not start.size:
                break
            ends = self.terminal[node]
            found_at.append(start[ends])
            found_nodes.append(node[ends])
        return np.concatenate(found_at), np.concatenate(found_nodes)


def _depth(children: list[dict[int, int]], node: int) -> int:
    """Levels of the trie below and including ``node``."""
    return 1 + max((_depth(children, child) for child in children[node].values()), default=0)


def _is_phrase(parts: list[str]) -> bool:
    """Whether a keyword can be one of the n-grams ``tokens()`` produces: two or more
    normalised words ([a-z0-9]), none a function word."""
    return len(parts) >= 2 and all(
        part.isascii() and part.isalnum() and part == part.lower() and part not in STOPWORDS
        for part in parts
    )


def _perfect_table(keys: list[int]) -> tuple[npt.NDArray[np.uint64], np.uint64]:
    """A table holding each distinct non-zero key at its own slot ``key * m >> (64 - b)``
    (b bits: room for about the square of the number of keys), for the first multiplier m
    of a fixed sequence that separates them all."""
    bits = max(8, 2 * len(keys).bit_length() + 1)
    table = np.zeros(1 << bits, dtype=np.uint64)
    for attempt in range(1, 10_000):
        multiplier = (0x9E3779B97F4A7C15 * attempt) & ((1 << 64) - 1) | 1
        slots = [(key * multiplier & ((1 << 64) - 1)) >> (64 - bits) for key in keys]
        if len(set(slots)) == len(slots):
            table[slots] = keys
            return table, np.uint64(multiplier)
    raise RuntimeError("no collision-free table for these keys")  # pragma: no cover


def _slot(multiplier: np.uint64, keys: npt.NDArray[np.uint64], size: int) -> npt.NDArray[np.intp]:
    shift = np.uint64(64 - (size.bit_length() - 1))
    # under 2**63 after the shift, so the bits read as a signed index unchanged
    return ((keys * multiplier) >> shift).view(np.intp)


def _in_table(
    table: npt.NDArray[np.uint64], multiplier: np.uint64, keys: npt.NDArray[np.uint64]
) -> npt.NDArray[np.bool_]:
    found: npt.NDArray[np.bool_] = table[_slot(multiplier, keys, len(table))] == keys
    return found


def _key8(word: bytes) -> int:
    return int.from_bytes(word[:8].ljust(8, b"\0"), "little")


def _keys_of(word: bytes) -> list[int]:
    """The exact key of a word of at most 24 bytes, as the chunks compute it."""
    padded = word.ljust(_KEY_BYTES, b"\0")
    return [int.from_bytes(padded[8 * k : 8 * k + 8], "little") for k in range(_N_LOADS)]


def _mix(keys: tuple[npt.NDArray[np.uint64], ...]) -> npt.NDArray[np.uint64]:
    """A fixed 64-bit mix of word keys, for the keyword-word table."""
    mixed = keys[0] * np.uint64(0xD6E8FEB86659FD93)
    mixed ^= keys[1] * np.uint64(0xA0761D6478BD642F)
    mixed ^= keys[2] * np.uint64(0xE7037ED1A0B428DB)
    return mixed | np.uint64(1)  # never zero: zero marks an empty slot


@cache
def _stop_table() -> tuple[npt.NDArray[np.uint64], np.uint64]:
    """Every function word has at most 8 characters (a test checks), so its first load is
    its key; a collision-free table of those keys answers "is it one" in one step."""
    return _perfect_table(
        [_key8(w.encode("ascii")) for w in STOPWORDS if len(w) >= MIN_TOKEN_LENGTH]
    )


def _factorize(values: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """Codes numbered in order of first appearance, as ``pd.factorize`` gives them.

    ``pd.factorize`` sizes its hash table for every value; a chunk has about one distinct
    word in ten occurrences, and a table sized for those is five times faster. pandas
    offers that size hint only in ``factorize_array``: use it while it is there.
    """
    if _factorize_array is not None:
        try:
            hint = min(len(values), max(1024, len(values) // 8))
            codes, _ = _factorize_array(values, size_hint=hint)
            return np.asarray(codes, dtype=np.intp)
        except TypeError:  # a pandas whose factorize_array takes no size hint
            pass
    codes, _ = pd.factorize(values)
    return np.asarray(codes, dtype=np.intp)


try:
    from pandas.core.algorithms import factorize_array as _factorize_array  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a pandas without it
    _factorize_array = None


def _hash(keys: tuple[npt.NDArray[np.uint64], ...]) -> npt.NDArray[np.uint64]:
    """A 64-bit mix of the word keys (collisions are caught afterwards)."""
    mixed = keys[0] * np.uint64(0x9E3779B97F4A7C15)
    mixed ^= keys[1] * np.uint64(0xC2B2AE3D27D4EB4F)
    mixed ^= keys[2] * np.uint64(0x165667B19E3779F9)
    mixed ^= mixed >> np.uint64(29)
    return mixed


def _normalised_bytes(text: str) -> bytes:
    """``normalise`` applied to a whole chunk at once, as ASCII bytes: [a-z0-9], spaces
    and separators, framed by a space and padded for the 8-byte loads.

    ASCII characters map one to one; a run of other characters becomes the ASCII letters
    and digits of its NFKD decomposition (of the lower-cased run), as ``normalise`` does.
    """
    try:
        # one byte per character when the text allows it (a plain copy in CPython)
        encoding, data = "latin-1", text.encode("latin-1")
    except UnicodeEncodeError:
        encoding, data = "utf-8", text.encode("utf-8", "surrogatepass")
    else:
        table, deleted, wide = _latin1_tables()
        if not any(byte in data for byte in wide):
            # each character folds to at most one byte: one pass does it all
            return b" " + data.translate(table, deleted) + _PADDING
    data = data.translate(_ASCII_TABLE)
    if not data.isascii():
        high = np.frombuffer(data, dtype=np.uint8) >= 0x80
        edges = (np.flatnonzero(high[1:] != high[:-1]) + 1).tolist()
        if high[0]:
            edges.insert(0, 0)
        if high[-1]:
            edges.append(len(data))
        pieces: list[bytes] = []
        previous = 0
        for start, end in zip(edges[0::2], edges[1::2], strict=True):
            pieces += (data[previous:start], _folded(data[start:end], encoding))
            previous = end
        pieces.append(data[previous:])
        data = b"".join(pieces)
    return b" " + data + _PADDING


@cache
def _latin1_tables() -> tuple[bytes, bytes, list[bytes]]:
    """``normalise`` for Latin-1 bytes as one ``bytes.translate``: the table, the bytes to
    delete (characters that fold to nothing, such as "ß" or "©") and the characters that
    fold to more than one byte ("½" -> "12"), which need the run-by-run path."""
    table = bytearray(_ASCII_TABLE)
    deleted = bytearray()
    wide = []
    for byte in range(0x80, 0x100):
        folded = _folded(bytes([byte]), "latin-1")
        if not folded:
            deleted.append(byte)
        elif len(folded) == 1:
            table[byte] = folded[0]
        else:
            wide.append(bytes([byte]))
    return bytes(table), bytes(deleted), wide


@lru_cache(maxsize=1 << 16)
def _folded(run: bytes, encoding: str) -> bytes:
    """The [a-z0-9] bytes of NFKD(lower(run)), other characters as spaces."""
    decomposed = unicodedata.normalize("NFKD", run.decode(encoding, "surrogatepass").lower())
    return decomposed.encode("ascii", "ignore").translate(_FOLDED_TABLE)


def _or_word_themes(
    themes: npt.NDArray[np.uint64], lists: PostingLists, word_themes: npt.NDArray[np.uint64]
) -> None:
    """themes[row] |= word_themes[word] for every row in the posting list of a themed word
    (in batches of about a million postings, to keep the temporaries small)."""
    themed = np.flatnonzero(word_themes.any(axis=1))
    sizes = lists.indptr[themed + 1] - lists.indptr[themed]
    batch = np.cumsum(sizes) // _OR_BATCH
    for part in np.split(themed, np.flatnonzero(np.diff(batch)) + 1):
        if not part.size:
            continue
        starts, ends = lists.indptr[part], lists.indptr[part + 1]
        rows = lists.rows[_ranges(starts, ends)]
        owners = np.repeat(part, ends - starts)
        for block in range(themes.shape[1]):
            np.bitwise_or.at(themes[:, block], rows, word_themes[owners, block])


_OR_BATCH = 1 << 20


def _ranges(starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Concatenated ``arange(start, end)`` for each pair."""
    lengths = ends - starts
    return np.repeat(starts, lengths) + _ranks_within(lengths)


def _ranks_within(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """0, 1, ..., c - 1 for each count c, concatenated."""
    ends = np.cumsum(counts)
    total = int(ends[-1]) if len(ends) else 0
    return np.arange(total, dtype=np.int64) - np.repeat(ends - counts, counts)
