"""``policy-search serve``: the app under gunicorn, one process per core with a few
threads each.

One process is not enough: the search and suggestion code is Python and numpy and
holds the GIL, so the threads of one process share one core, and eight threads
contending for it were slower than two (eight clients typing into the search box
waited 50 ms at the 95th percentile under waitress's eight threads; two processes of
two threads: 11 ms).

The master process loads what every process only reads (jieba's dictionary,
normalisation's and pinyin's tables) before it forks, so the workers share those pages;
each worker opens the index itself after the fork, with its own file handles (a file
descriptor shared between processes shares its read offset)."""

from __future__ import annotations

import gc
import os
import sys

from flask import Flask
from gunicorn.app.base import BaseApplication

from indexer.search import warm_up_process

THREADS = 4  # per process
SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL when another waits (Python's default: 0.005)


class Server(BaseApplication):
    """gunicorn running an app made in this process (its "custom application")."""

    def __init__(self, app: Flask, options: dict):
        self.app, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.app


def cores() -> int:
    return len(os.sched_getaffinity(0))


def serve(app: Flask, host: str, port: int, workers: int, threads: int) -> None:
    warm_up_process()
    # The tables loaded above are millions of objects: without this, the workers' garbage
    # collector writes to each object's header as it scans them and so copies every page
    # of them into each worker (Python's ``gc.freeze`` documentation, on fork).
    gc.freeze()

    def open_index(worker) -> None:
        sys.setswitchinterval(SWITCH_INTERVAL)
        app.config["SEARCH_INDEX"].warm_up()

    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "post_worker_init": open_index,
        "proc_name": "policy-search",
        "timeout": 120,  # a worker silent this long is replaced (requests run in its threads)
        "control_socket_disable": True,  # one per user by default: two servers would share it
    }
    Server(app, options).run()
