"""Running a corpus-wide stage of the build (the lexicon, the expressions) in a process
of its own, started afresh (spawned, not forked).

Its peak memory is then its own and not on top of what the building process holds
(a forked child's resident set counts every page it inherits), and all of it is given
back when it ends: run in the building process, the lexicon's strings and arrays left
a gigabyte behind that the expressions step then started from (the full corpus's
build peaked at 2.9 GB). The stage's progress calls come back through a pipe, and its
error is raised here as it was raised there. A small corpus's stages run in the building
process: a new process costs seconds of imports (jieba's and pypinyin's dictionaries),
more than such a stage takes.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

_DONE, _FINISHED, _FAILED = "done", "finished", "failed"


class StageDied(RuntimeError):
    """The stage's process ended without saying how (killed: out of memory, a signal)."""


# A corpus of this many characters runs its corpus-wide stages apart. The test sample (3 M
# characters) stays in process: its whole build peaks at 0.44 GB, and two spawned stages
# cost it ~10 s of imports; the provinces' corpus (default) and all reports go apart.
APART_CHARACTERS = 10_000_000


def run_stage(stage: Callable[..., Any], *args: Any, characters: int, done: Callable[[], None] | None = None) -> None:
    """``stage(*args)``, apart (``run_apart``) when the corpus has APART_CHARACTERS or more."""
    if characters >= APART_CHARACTERS:
        run_apart(stage, *args, done=done)
    elif done is not None:
        stage(*args, done=done)
    else:
        stage(*args)


def run_apart(stage: Callable[..., Any], *args: Any, done: Callable[[], None] | None = None) -> None:
    """``stage(*args)`` in a new process; with ``done``, ``stage(*args, done=…)``, each
    call passed on to ``done`` here."""
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    # not a daemon: the expressions step starts worker processes of its own
    process = context.Process(target=_run, args=(sending, stage, args, done is not None))
    process.start()
    sending.close()  # so that the pipe says EOF when the process dies
    try:
        _follow(receiving, process, stage, done)
    except BaseException:
        process.terminate()  # interrupted here (Ctrl-C, an error): the stage's work is of no use
        raise
    finally:
        receiving.close()
        process.join()


def _follow(
    receiving: Connection, process: multiprocessing.Process, stage: Callable, done: Callable[[], None] | None
) -> None:
    """Read what the stage's process says until it has finished or failed."""
    while True:
        try:
            kind, value = receiving.recv()
        except EOFError:
            process.join()
            raise StageDied(f"{stage.__name__} ended unexpectedly (exit code {process.exitcode})") from None
        if kind == _DONE and done is not None:
            done()
        elif kind == _FAILED:
            raise value
        elif kind == _FINISHED:
            return


def _run(sending: Connection, stage: Callable[..., Any], args: tuple, counted: bool) -> None:
    try:
        if counted:
            stage(*args, done=lambda: sending.send((_DONE, None)))
        else:
            stage(*args)
    except BaseException as error:  # every failure goes back to the build, which reports it
        sending.send((_FAILED, _picklable(error)))
    else:
        sending.send((_FINISHED, None))
    finally:
        sending.close()


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # an error that cannot cross is sent as its text
        return RuntimeError(f"{type(error).__name__}: {error}")
