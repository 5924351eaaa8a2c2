"""Progress and summaries for long runs: a bar on a terminal, a line every few seconds in CI."""
from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Reporter:
    """Everything a command tells the user goes through here, so --quiet/--verbose work everywhere."""

    LOG_EVERY = 5.0         # seconds between two progress lines when the output is not a terminal

    def __init__(self, quiet: bool = False, verbose: bool = False, stream=None):
        self.quiet = quiet
        self.verbose = verbose
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.interactive = (
            hasattr(self.stream, "isatty") and self.stream.isatty() and not os.environ.get("CI")
        )

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.stream)

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            print(message, file=self.stream)

    def problem(self, line: str) -> None:
        """Problems are shown even with --quiet: they are why the exit status is not 0."""
        print(line, file=self.stream)

    def warnings(self, problems) -> None:
        """Warnings that did not stop the command: each one with --verbose, nothing with --quiet,
        and otherwise one line per kind, so ten drafts without a title are one line, not ten."""
        if self.quiet:
            return
        if self.verbose:
            for problem in problems:
                print(problem.format(), file=self.stream)
            return
        for line in summarise_by_kind(problems):
            print(line, file=self.stream)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def progress(self, items: Iterable[T], total: int, label: str, min_total: int = 500) -> Iterator[T]:
        """Yield items, showing progress only when the run is long enough to need it."""
        if self.quiet or total < min_total:
            yield from items
            return
        if self.interactive:
            from tqdm import tqdm

            yield from tqdm(items, total=total, desc=label, file=self.stream, leave=False)
            return
        # A log (CI, a pipe): one line every few seconds, so a build of a few seconds prints only
        # its summary, and a long one still shows it is moving.
        last = time.perf_counter()
        for index, item in enumerate(items, 1):
            now = time.perf_counter()
            if now - last >= self.LOG_EVERY:
                print(f"{label}: {index}/{total}", file=self.stream)
                last = now
            yield item


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\S+\.ya?ml\b|\d+")


def kind_of(message: str) -> str:
    """What warnings of one kind share: the message without the names, paths and numbers in it."""
    return _QUOTED.sub("…", message)


def summarise_by_kind(problems) -> list[str]:
    """One line per kind of problem: the problem itself when it is alone, else how many, and where the first is."""
    groups: dict[str, list] = {}
    for problem in problems:
        groups.setdefault(kind_of(problem.message), []).append(problem)
    lines = []
    for kind, members in groups.items():
        first = members[0]
        if len(members) == 1:
            lines.append(first.format())
            continue
        where = f"{first.path}:{first.line}" if first.line else first.path
        label = "warnings" if first.severity == "warning" else "problems"
        lines.append(f"{len(members)} {label}: {first.message if len({m.message for m in members}) == 1 else kind}"
                     f" ({where} and {len(members) - 1} more; --verbose lists them)")
    return lines
