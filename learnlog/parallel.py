"""Bulk analysis on every core: `suggest --all` and `scan --all` run a pure function over thousands of texts.

The functions are pure and the inputs plain strings, so forked workers need nothing from the parent; small jobs
stay in-process, where a pool would only add start-up time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 400  # below this, forking costs more than it saves
CHUNK = 250


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def map_texts(func: Callable[[T], R], items: Sequence[T], progress: Callable[[int], None] | None = None) -> list[R]:
    """`[func(x) for x in items]`, in order, over a fork pool when it is worth it."""
    n = workers()
    chunks = [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
    if n < 2 or len(items) < MIN_PARALLEL or "fork" not in _start_methods():
        out: list[R] = []
        for chunk in chunks:
            out.extend(func(x) for x in chunk)
            if progress:
                progress(len(chunk))
        return out
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(n) as pool:
        out = []
        for chunk, results in zip(chunks, pool.imap(_Apply(func), chunks), strict=True):
            out.extend(results)
            if progress:
                progress(len(chunk))
        return out


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


class _Apply:
    """A picklable 'map func over a chunk' (lambdas and closures cannot cross a process boundary)."""

    def __init__(self, func):
        self.func = func

    def __call__(self, chunk):
        return [self.func(x) for x in chunk]
