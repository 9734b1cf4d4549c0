"""``make bench`` (HTTP part): requests per second and p50/p95 latency of ``/search``
and ``/api/search`` against the production server (waitress, started here as its own
process on 127.0.0.1), with load from this process: 8 concurrent clients, bounded
in time and in requests. Uses the indexes ``indexer.bench`` built under build/bench/.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from indexer.bench.engine import BENCH_DIR, QUERIES, SUGGEST_INPUTS

CLIENTS = 8
SECONDS = 10.0
MAX_REQUESTS = 5000
ROWS = (  # endpoint, inputs, concurrent clients (one: a single person typing)
    ("/search", QUERIES, CLIENTS),
    ("/api/search", QUERIES, CLIENTS),
    ("/api/suggest", SUGGEST_INPUTS, CLIENTS),
    ("/api/suggest", SUGGEST_INPUTS, 1),
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "searchui.cli", "serve", "--index", str(index), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def load(port: int, path: str, queries: list[str], clients: int = CLIENTS) -> dict:
    """``clients`` threads cycle through the queries until SECONDS or MAX_REQUESTS."""
    urls = [f"{path}?{urllib.parse.urlencode({'q': q})}" for q in queries]
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        k = offset
        while time.perf_counter() < deadline:
            with lock:
                if len(times) + errors[0] >= MAX_REQUESTS:
                    return
            started = time.perf_counter()
            try:
                conn.request("GET", urls[k % len(urls)])
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    times.append(elapsed)
                else:
                    errors[0] += 1
            k += 1

    for url in urls:  # warm up
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", url)
        c.getresponse().read()
    started = time.perf_counter()
    deadline = started + SECONDS
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(times),
        "rps": len(times) / wall,
        "p50": statistics.median(times) if times else float("nan"),
        "p95": statistics.quantiles(times, n=20)[18] if len(times) > 1 else float("nan"),
        "errors": errors[0],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 20])
    args = parser.parse_args(argv)
    lines = [
        f"HTTP: waitress (8 threads) on 127.0.0.1, load from a second process, {SECONDS:.0f} s per row after a warm-up, "
        f"the {len(QUERIES)} queries above in turn (the suggest row: the {len(SUGGEST_INPUTS)} inputs above).",
        "",
        "| corpus | endpoint | clients | requests | req/s | p50 | p95 | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for copies in args.copies:
        index = BENCH_DIR / f"x{copies}" / "ours"
        if not index.exists():
            raise SystemExit(f"{index} is missing: run `python -m indexer.bench` first")
        port = free_port()
        server = start_server(index, port)
        try:
            for path, queries, clients in ROWS:
                r = load(port, path, queries, clients)
                lines.append(
                    f"| {copies}× | `{path}` | {clients} | {r['requests']} | {r['rps']:.1f} | {r['p50']:.1f} ms | "
                    f"{r['p95']:.1f} ms | {r['errors']} |"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
