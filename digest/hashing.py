"""Exact digests of byte strings: the one hash every cache, manifest and recipe uses."""

from __future__ import annotations

import hashlib

SIZE = 16
"""Bytes of every digest."""


def digest_bytes(*parts: bytes) -> bytes:
    """The digest of byte strings (128-bit BLAKE2b), each length-prefixed so that boundaries
    count."""
    hasher = hashlib.blake2b(digest_size=SIZE)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()
