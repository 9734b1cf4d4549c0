"""Over HTTP: the production server (``policy-search serve``: gunicorn, a process per
core) in its own processes, load from this one. Cached rows cycle through a few
queries, as paging and facet clicks repeat them; uncached rows send queries no cache has
seen. The server's memory (its processes' RSS added up, and their PSS) is read idle,
after the first query and after the load."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from indexer.bench.measure import p50, p95, tree_memory_mb

CLIENTS = 8
SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, port: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "policy-search"), "serve", "--index", str(index), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):  # until a worker answers (the master listens before they are ready)
        try:
            get(port, "/")
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def get(port: int, url: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", url)
    connection.getresponse().read()


def load(port: int, urls: list[str], clients: int, cycle: bool) -> dict:
    """``clients`` threads send the URLs, each URL once (``cycle``: round and round)
    until SECONDS are up."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    queue = iter(range(10**9)) if cycle else iter(range(len(urls)))
    deadline = time.perf_counter() + SECONDS

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            with lock:
                k = next(queue, None)
            if k is None:
                return
            started = time.perf_counter()
            try:
                connection.request("GET", urls[k % len(urls)])
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                if ok:
                    times.append((time.perf_counter() - started) * 1000)
                else:
                    errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {"requests": len(times), "rps": len(times) / wall, "p50": p50(times), "p95": p95(times), "errors": errors[0]}


def urls(path: str, queries: list[str]) -> list[str]:
    return [f"{path}?{urllib.parse.urlencode({'q': q})}" for q in queries]


def http_rows(index: Path, cached: list[str], distinct: list[str], suggest_inputs: list[str]) -> dict:
    port = free_port()
    server = start_server(index, port)
    try:
        memory = {"idle": tree_memory_mb(server.pid).rss}
        get(port, urls("/api/search", ["发展"])[0])
        memory["first query"] = tree_memory_mb(server.pid).rss
        for url in urls("/search", cached) + urls("/api/search", cached):  # warm: these rows are cache hits
            get(port, url)
        half = len(distinct) // 2
        rows = [
            ("/search", "cached", CLIENTS, load(port, urls("/search", cached), CLIENTS, cycle=True)),
            ("/api/search", "cached", CLIENTS, load(port, urls("/api/search", cached), CLIENTS, cycle=True)),
            ("/search", "uncached", CLIENTS, load(port, urls("/search", distinct[:half]), CLIENTS, cycle=False)),
            (
                "/api/search",
                "uncached",
                CLIENTS,
                load(port, urls("/api/search", distinct[half:]), CLIENTS, cycle=False),
            ),
            ("/api/suggest", "—", CLIENTS, load(port, urls("/api/suggest", suggest_inputs), CLIENTS, cycle=True)),
            ("/api/suggest", "—", 1, load(port, urls("/api/suggest", suggest_inputs), 1, cycle=True)),
        ]
        after = tree_memory_mb(server.pid)
        memory.update({"after load": after.rss, "peak": after.peak, "pss": after.pss})
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"rows": rows, "memory": memory}
