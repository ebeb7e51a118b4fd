"""Sets of themes (or any small vocabulary) as bit sets: one uint64 block per 64 members.

A theme matrix of shape (rows, themes) becomes (rows, blocks) uint64, bit ``j % 64`` of block
``j // 64`` standing for theme j. Testing "shares a theme" for thousands of rows is then one
AND and one comparison per block instead of a float product over every theme.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["BitArray", "add_member", "any_common", "first_common", "n_blocks", "to_bits", "to_bool"]

BitArray = npt.NDArray[np.uint64]


def n_blocks(n_members: int) -> int:
    """Blocks needed for ``n_members`` bits (at least one, so shapes never collapse)."""
    return max(1, -(-n_members // 64))


def to_bits(members: npt.ArrayLike, n_members: int | None = None) -> BitArray:
    """Boolean matrix (rows, members) -> bit sets (rows, blocks); a 1-D vector gives (blocks,).

    Examples
    --------
    >>> to_bits([[True, False, True], [False, False, False]]).tolist()
    [[5], [0]]
    """
    matrix = np.asarray(members, dtype=bool)
    vector = matrix.ndim == 1
    matrix = np.atleast_2d(matrix)
    width = matrix.shape[1] if n_members is None else n_members
    blocks = n_blocks(width)
    packed = np.packbits(matrix, axis=1, bitorder="little")
    padded = np.zeros((matrix.shape[0], blocks * 8), dtype=np.uint8)
    padded[:, : packed.shape[1]] = packed
    bits = padded.view("<u8").astype(np.uint64, copy=False)
    return bits[0] if vector else bits


def to_bool(bits: npt.ArrayLike, n_members: int) -> npt.NDArray[np.bool_]:
    """Bit sets (rows, blocks) -> boolean matrix (rows, n_members); the inverse of to_bits."""
    array = np.atleast_2d(np.asarray(bits, dtype=np.uint64))
    as_bytes = np.ascontiguousarray(array.astype("<u8")).view(np.uint8)
    unpacked = np.unpackbits(as_bytes, axis=1, bitorder="little")[:, :n_members]
    return unpacked.astype(bool)


def any_common(left: BitArray, right: BitArray) -> npt.NDArray[np.bool_]:
    """Row-wise: do the two bit sets share a member? Shapes broadcast on the row axis."""
    return np.asarray(((left & right) != 0).any(axis=-1))


def add_member(bits: BitArray, member: int) -> None:
    """Put ``member`` into the 1-D bit set ``bits``, in place."""
    bits[member // 64] |= np.uint64(1) << np.uint64(member % 64)


def first_common(left: BitArray, right: BitArray) -> int | None:
    """The lowest member of both 1-D bit sets, or None when they share none.

    Examples
    --------
    >>> first_common(to_bits([False, True, True]), to_bits([True, False, True]))
    2
    """
    for block, value in enumerate((left & right).tolist()):
        if value:
            return int(block * 64 + (value & -value).bit_length() - 1)
    return None
