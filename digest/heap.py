"""Give the memory a build stage freed back to the system, so later stages start lower.

CPython returns its own small-object arenas once they are empty, but memory it took from the C
allocator for larger objects (an article's text, a parsed entry) stays with the process after
it is freed: glibc keeps it for reuse, scattered among live objects. `malloc_trim` releases
the free parts. Elsewhere (macOS, musl, Windows) there is nothing to ask, and nothing is done.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache


def release_free_memory() -> None:
    """Ask the C allocator to give its free memory back to the system (glibc only)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, if this process has it (looked up among its loaded symbols)."""
    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, TypeError, AttributeError):
        return None
