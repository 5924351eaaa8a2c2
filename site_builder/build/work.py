"""How a build does its per-item work and which outputs it makes: the one seam for reuse.

Stages declare their costly per-item functions as ``Step``s (read one entry file,
the texts of one paper, one list entry, one search shard...) and run them with
``work.map(step, items)``. This ``Work`` runs every item (on every core when
there are many) and makes every output. The incremental engine
(``site_builder/incremental/``) is a ``Work`` that answers from what earlier
builds made and skips the outputs that are up to date: a build without it is
the same code path, minus the skipping.
"""
from __future__ import annotations

import functools
import marshal
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path
from typing import Any

from .. import parallel


@dataclass(frozen=True)
class Step:
    """A pure per-item function of a stage. ``key(item)`` says, for reuse, what the item is and
    what its result depends on: ``(identity, inputs)``, both plain data (str, int, bytes, tuples;
    inputs given as bytes are taken as their own digest), or None when the result must not be
    reused (a file changed too recently to tell)."""

    name: str
    run: Callable[[Any], Any]
    key: Callable[[Any], tuple[Hashable, Any] | None]
    min_items: int | None = None     # items worth starting workers for (None: parallel.MIN_ITEMS)
    read_few: bool = False           # a later build reads a few of its results, here and there (kept
                                     # by the engine in small chunks: each read decodes little else)


class Work:
    """Runs everything, every time."""

    compiled_templates: Path | None = None      # where Jinja may keep compiled templates between builds

    def __init__(self, jobs: int = 0):
        self.jobs = jobs            # worker processes (0: one per core)

    def map(self, step: Step, items: Sequence, lazy: bool = False) -> Sequence:
        """[step.run(item) for item in items], on every core when there are many. ``lazy``: the
        caller may use only some of the results; a Work that keeps them may then hand back a
        sequence that reads each one when it is indexed (here: the list, as always)."""
        return parallel.map_items(step.run, items, self.jobs, step.min_items)

    def soon(self, function: Callable, *args) -> Callable[[], Any]:
        """``function(*args)``, for a later stage: the callable returned gives it (made here when
        first called; the engine makes it meanwhile, beside the stages in between)."""
        return functools.cache(lambda: function(*args))

    def outdated(self, planned: list, shows: Callable[[Any], Any]) -> "Reuse":
        """Which planned outputs to make, and which files of the previous output stay as they are.
        ``shows(output)``: plain data of what the output is made from (site_builder/build/kinds.py);
        bytes are taken as their own digest."""
        return Reuse(planned)

    def steps_done(self) -> None:
        """Every step of this build has run (the pages are being rendered, by workers): a Work that
        keeps the steps' results may write them now, beside the pages, rather than once they are."""

    def made(self, planned: list, files: dict[str, list[str]], folder: Path,
             stamps: dict[str, tuple[int, int, int]] | None = None) -> None:
        """The site is published in ``folder``; ``files``: each output made -> the files it wrote;
        ``stamps``: some of those files -> (size, mtime_ns, inode) as written (writer.fill)."""


@dataclass
class Reuse:
    make: list                                            # the outputs to make
    keep: dict[str, int] = field(default_factory=dict)    # files of the previous output that stay -> size
    drop: tuple[str, ...] = ()                            # files of the previous output made no longer


def fingerprint(value) -> bytes:
    """16 bytes that change whenever ``value`` does: plain data (str, int, bytes, None, tuples).
    Marshal's version 2 writes equal values as equal bytes (no references to shared objects)."""
    return blake2b(marshal.dumps(value, 2), digest_size=16).digest()


def entry_digest(entry) -> bytes:
    """Of every field of an entry (a paper, an author: flat dataclasses of plain values)."""
    return fingerprint(tuple(vars(entry).values()))
