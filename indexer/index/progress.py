"""What a build says while it runs, on stderr. On a terminal: tqdm's bar over the files
to read, with the time left, then a line per later stage. Elsewhere (``make run``
piped to a log, CI, a service manager): no bar, which would print nothing readable,
but a line per stage with its counts and elapsed time, and while files are read a
line every ``every`` seconds, so that a long build never goes quiet::

    indexing: 40 files to read (2 unchanged)
    indexing: 12 of 40 files read, 318 documents, 30 s
    indexing: 1,204 documents analysed and written, 60 s
    indexing: 512 reports' units found, 30 s
    indexing: 871 documents, 52,310 paragraphs read from 40 files in 42 s
    indexing: pinyin lexicon in 12 s
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO, TypeVar

T = TypeVar("T")
PREFIX = "indexing: "
BAR_REFRESH = 1.0  # seconds between updates of the count beside the bar


class Progress:
    """``enabled``: None follows the stream (a bar on a terminal, lines elsewhere);
    False says nothing (``--json``, tests); True is the same as None."""

    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None, every: float = 30.0):
        self.stream = stream or sys.stderr
        self.quiet = enabled is False
        self.bar = not self.quiet and _is_terminal(self.stream)
        self.every = every
        self.stages: dict[str, StageTime] = {}  # every stage's times, in order, for the summary and the bench
        self._bar = None  # tqdm's, while files are read on a terminal
        self._started = self._last = time.monotonic()  # of the files' reading; of the last line said

    def line(self, text: str) -> None:
        if not self.quiet:
            print(PREFIX + text, file=self.stream, flush=True)

    def files(self, items: list[T], unchanged: int, documents: Callable[[], int]) -> Iterable[T]:
        """``items`` as they are read: under a bar, or with a line now and then
        (``documents()`` is the count read so far)."""
        if self.quiet:
            return items
        self.line(f"{len(items)} files to read" + (f" ({unchanged} unchanged)" if unchanged else ""))
        self._started = self._last = time.monotonic()
        if self.bar:
            from tqdm import tqdm

            self._bar = tqdm(items, unit="file", desc=PREFIX.rstrip(": "), file=self.stream)
            return self._bar
        return self._with_lines(items, documents)

    def _with_lines(self, items: list[T], documents: Callable[[], int]) -> Iterator[T]:
        for done, item in enumerate(items):
            if self._due(self.every):
                self.line(f"{done} of {len(items)} files read, {documents():,} documents, {self._elapsed():.0f} s")
            yield item

    def counting(self, done: Callable[..., None], what: str = "documents analysed and written") -> Callable[..., None]:
        """``done`` (called as each document is analysed and written, or as each of a
        stage's items is done), counting: a line now and then, or the count beside the
        bar while files are read, since one file may hold thousands of reports (the
        cities' archive: minutes with no file finished)."""
        if self.quiet:
            return done
        count = 0
        started = self._started if self._reading() else time.monotonic()

        def counted(*args: object) -> None:
            nonlocal count
            done(*args)
            count += 1
            if self._reading() and self._due(BAR_REFRESH):
                self._bar.set_postfix_str(f"{count:,} {what}")
            elif not self._reading() and self._due(self.every):
                self.line(f"{count:,} {what}, {time.monotonic() - started:.0f} s")

        return counted

    def _reading(self) -> bool:
        """Whether the bar over the files is still drawn."""
        return self._bar is not None and self._bar.n < (self._bar.total or 0)

    def _due(self, interval: float) -> bool:
        """Whether ``interval`` seconds have passed since the last line (and start a new wait)."""
        now = time.monotonic()
        if now - self._last < interval:
            return False
        self._last = now
        return True

    def _elapsed(self) -> float:
        return time.monotonic() - self._started

    @contextmanager
    def stage(self, name: str, line: bool = True) -> Iterator[None]:
        """A stage: its wall and CPU time are recorded in ``stages``; ``line``: it
        prints ``name in N s`` once done."""
        started, cpu = time.monotonic(), cpu_seconds()
        yield
        elapsed = time.monotonic() - started
        self.stages[name] = StageTime(elapsed, cpu_seconds() - cpu)
        if line:
            self.line(f"{name} in {seconds(elapsed)}")


@dataclass
class StageTime:
    seconds: float  # wall
    cpu: float  # user + sys of the building process and of the workers it waited for in the stage


def cpu_seconds() -> float:
    """User + system time of this process and of its finished child processes (a stage's
    worker pools are waited for before it ends, so their time counts in it)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 10 else f"{value:.0f} s"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-like stream without a descriptor
        return False
