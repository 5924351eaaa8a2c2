"""Progress and summaries for long runs: a bar on a terminal, plain lines in CI."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Reporter:
    """Everything a command tells the user goes through here, so --quiet/--verbose work everywhere."""

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
        step = max(1, total // 10)
        for index, item in enumerate(items, 1):
            if index % step == 0 or index == total:
                print(f"{label}: {index}/{total}", file=self.stream)
            yield item
