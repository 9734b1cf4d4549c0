"""Timing a command as users run it: wall time and the peak memory (RSS) of its
largest process, children included, from the kernel's own accounting."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest resident set of the process or any child it waited for
    returncode: int
    cpu_seconds: float = 0.0  # user + sys of the process tree
    output: str = ""  # what it printed on stdout, when asked for


def run_command(command: list[str], cwd: Path | None = None, env: dict | None = None, output: bool = False) -> Run:
    """Run a command to its end; ``output``: keep its stdout (through a file: a pipe
    left unread while waiting would block a command that prints much)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=out if output else subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        printed = out.read().decode("utf-8", "replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime, printed)


def rss_mb(pid: int) -> tuple[float, float]:
    """A live process's resident set now and at its peak (VmRSS, VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    now, peak = (int(re.search(rf"{key}:\s+(\d+)", status).group(1)) / 1024 for key in ("VmRSS", "VmHWM"))
    return now, peak


@dataclass
class TreeMemory:
    rss: float  # the processes' resident sets added up, MB (pages they share counted in each)
    peak: float  # their peaks added up
    pss: float  # their proportional sets added up: each shared page split between its sharers


def tree_memory_mb(pid: int) -> TreeMemory:
    """The memory of a process and its children (a server's master and workers)."""
    pids = [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    rss = [rss_mb(p) for p in pids]
    pss = [int(re.search(r"Pss:\s+(\d+)", Path(f"/proc/{p}/smaps_rollup").read_text()).group(1)) for p in pids]
    return TreeMemory(sum(now for now, _ in rss), sum(peak for _, peak in rss), sum(pss) / 1024)


def timings_ms(run: Callable[[str], object], queries: Iterable[str], before_each: Callable[[], None] = lambda: None):
    """Milliseconds of ``run`` for each query, ``before_each`` (emptying a cache) untimed."""
    times = []
    for q in queries:
        before_each()
        started = time.perf_counter()
        run(q)
        times.append((time.perf_counter() - started) * 1000)
    return times


def p50(times: list[float]) -> float:
    return statistics.median(times) if times else float("nan")


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] if len(times) > 1 else float("nan")
