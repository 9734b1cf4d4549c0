"""The build's corpus-wide stages in a process of their own (``indexer.index.apart``):
the stage's progress and errors come back, and its memory is not the building process's."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest

from indexer.index.apart import StageDied, run_apart


def counting_stage(folder: Path, times: int, done) -> None:
    for _ in range(times):
        done()
    (folder / "pid").write_text(str(os.getpid()))


def failing_stage(folder: Path) -> None:
    raise FileNotFoundError(f"{folder} has no text file")


def dying_stage(folder: Path) -> None:
    os._exit(3)


def allocating_stage(megabytes: int) -> None:
    np.ones(megabytes << 17, dtype=np.float64)  # touched: resident


def memory_mb(key: str) -> int:
    return int(re.search(rf"{key}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) // 1024


def test_a_stage_runs_in_another_process_and_its_progress_comes_back(tmp_path):
    calls = []
    run_apart(counting_stage, tmp_path, 3, done=lambda: calls.append(1))
    assert len(calls) == 3
    assert int((tmp_path / "pid").read_text()) != os.getpid()


def test_a_stages_error_is_raised_here_as_it_was_there(tmp_path):
    with pytest.raises(FileNotFoundError, match="has no text file"):
        run_apart(failing_stage, tmp_path)


def test_a_stage_whose_process_dies_says_so(tmp_path):
    with pytest.raises(StageDied, match="exit code 3"):
        run_apart(dying_stage, tmp_path)


def test_a_stages_memory_is_not_the_building_processs():
    """Run here, the allocation would raise this process's peak resident set above its
    present one by its size."""
    size = max(memory_mb("VmHWM") - memory_mb("VmRSS"), 0) + 256
    run_apart(allocating_stage, size)
    assert memory_mb("VmHWM") < memory_mb("VmRSS") + size
