"""Fuzz the server: many random requests to every endpoint, the slowest of them, and
a simple search's time while four heavy requests run. Loopback only; bounded in
requests and in time.

    python -m indexer.bench.fuzz --index DIR [--requests 3000] [--seconds 600] [--clients 4]

It starts the production server (``policy-search serve``) on a free loopback port,
reads the reports' ids from ``/api/docs``, then sends requests made from random
queries (common characters, words, phrases, exclusions, OR, filters, junk) with
random sorts, widths and pages. It prints the status counts, the time percentiles,
the requests over the goal (5 s) and the slowest ones; then the contention row: the
median of a simple ``/api/search`` idle and while four clients send heavy
concordance and trend requests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from indexer.bench.http import free_port, start_server
from indexer.bench.measure import p50, p95

GOAL_SECONDS = 5.0
CHARACTERS = list("发展重要经济建设改革推进加快社会服务人民全面实施创新")
WORDS = ["发展", "经济", "改革开放", "营商环境", "乡村振兴", "双城经济圈", "创新", "数字经济", "民营企业", "gaige"]
FILTERS = ["province:四川", "year:2020", "year:2015-2022", "level:city", "lang:en", "province:atlantis", "city:成都"]
JUNK = ["", "-", '"', "(", "((发展", "x" * 300, "*", "发 OR", "OR OR", "%", "\u3000", "😀"]
SIMPLE = "/api/search?q=" + urllib.parse.quote("营商环境")
HEAVY = [  # a first guess of two common characters, as in issue 22; varied so that no cache answers
    "/kwic?q={q}&sort=left&width={w}",
    "/api/kwic?q={q}&sort=right&width={w}",
    "/trend.csv?q={q}&by=province,year",
    "/kwic?q={q}&sort=year&width={w}",
]


def random_query(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        parts = rng.sample(CHARACTERS, rng.randint(1, 3))
    elif kind < 0.6:
        parts = rng.sample(WORDS, rng.randint(1, 2))
    elif kind < 0.8:
        parts = [f'"{rng.choice(WORDS)}"', rng.choice(CHARACTERS), "-" + rng.choice(WORDS)]
    elif kind < 0.9:
        parts = [rng.choice(WORDS), "OR", rng.choice(CHARACTERS), rng.choice(FILTERS)]
    else:
        parts = [rng.choice(JUNK)]
    if rng.random() < 0.3:
        parts.append(rng.choice(FILTERS))
    return " ".join(parts)


def random_url(rng: random.Random, doc_ids: list[str]) -> str:
    q = random_query(rng)
    doc = urllib.parse.quote(rng.choice(doc_ids))
    page = rng.choice(["1", "1", "2", "7", "1000", "0", "x"])
    sort = rng.choice(["left", "right", "year", "province", "relevance", "bogus"])
    args = {"q": q, "page": page, "sort": sort, "width": rng.choice(["10", "20", "80", "500"])}
    if rng.random() < 0.3:
        args["ui"] = "en"
    path = rng.choice(
        [
            "/",
            "/search",
            "/api/search",
            "/search.csv",
            "/kwic",
            "/api/kwic",
            "/kwic.csv",
            "/trend",
            "/api/trend",
            "/trend.csv",
            "/api/suggest",
            "/docs",
            "/api/docs",
            f"/doc/{doc}",
            f"/api/docs/{doc}",
            f"/doc/{doc}/new",
            "/api/new-terms",
            "/new",
            "/compare",
            "/api/compare",
            "/compare.csv",
        ]
    )
    if path.startswith("/trend") or path == "/api/trend":
        args["by"] = rng.choice(["year", "province", "city", "province,year", "nonsense"])
    if "compare" in path:
        args = {"a": rng.choice(FILTERS), "b": rng.choice(FILTERS)}
    if path in ("/new", "/api/new-terms"):
        args = {"year": rng.choice(["2020", "2024", "1800", "x"])} if rng.random() < 0.5 else {"doc_id": doc}
    return f"{path}?{urllib.parse.urlencode(args)}"


def timed_get(port: int, url: str) -> tuple[int, float]:
    """The status and the seconds until the whole body was read (0: no answer)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def fuzz(port: int, doc_ids: list[str], requests: int, seconds: float, clients: int, seed: int) -> list[tuple]:
    """(url, status, seconds) of each request sent, until ``requests`` or ``seconds``."""
    rng = random.Random(seed)
    todo = [random_url(rng, doc_ids) for _ in range(requests)]
    done: list[tuple] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                if not todo:
                    return
                url = todo.pop()
            status, took = timed_get(port, url)
            with lock:
                done.append((url, status, took))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done


def contention(port: int, rounds: int = 15) -> dict:
    """A simple search's median time idle, and while four clients send heavy requests."""
    idle = [timed_get(port, SIMPLE)[1] for _ in range(rounds)]
    stop = threading.Event()
    heavy: list[tuple[int, float]] = []

    def client(k: int) -> None:
        n = 0
        while not stop.is_set():
            q = urllib.parse.quote(f"发 重 -abc{k}x{n}")
            heavy.append(timed_get(port, HEAVY[k].format(q=q, w=10 + n % 60)))
            n += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    time.sleep(2.0)  # the heavy requests are under way
    busy = []
    for _ in range(rounds):
        busy.append(timed_get(port, SIMPLE)[1])
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join()
    statuses = Counter(status for status, _ in heavy)
    return {
        "idle_ms": statistics.median(idle) * 1000,
        "busy_ms": statistics.median(busy) * 1000,
        "busy_max_ms": max(busy) * 1000,
        "heavy": dict(statuses),
        "heavy_max_s": max((t for _, t in heavy), default=0.0),
    }


def summary(done: list[tuple], pair: dict, clients: int) -> dict:
    """What a fuzz run found: statuses, percentiles, the requests over the goal, the
    slowest ones, and the contention row."""
    times = [took * 1000 for _, _, took in done] or [0.0]
    slow = sorted(done, key=lambda d: -d[2])
    return {
        "requests": len(done),
        "statuses": dict(sorted(Counter(status for _, status, _ in done).items())),
        "p50_ms": p50(times),
        "p95_ms": p95(times),
        "max_ms": max(times),
        "over_goal": sum(took > GOAL_SECONDS for _, _, took in done),
        "slowest": [(urllib.parse.unquote(url)[:120], status, took) for url, status, took in slow[:5]],
        "contention": pair,
        "clients": clients,
    }


def report(result: dict) -> str:
    pair = result["contention"]
    lines = [
        f"{result['requests']} requests: statuses {result['statuses']}",
        f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, max {result['max_ms']:.0f} ms",
        f"over {GOAL_SECONDS:.0f} s: {result['over_goal']}",
        "slowest:",
        *(f"  {took:6.2f} s {status} {url}" for url, status, took in result["slowest"]),
        f"simple search idle {pair['idle_ms']:.0f} ms, during four heavy requests {pair['busy_ms']:.0f} ms "
        f"(max {pair['busy_max_ms']:.0f} ms; x{pair['busy_ms'] / pair['idle_ms']:.2f}); "
        f"heavy statuses {pair['heavy']}, slowest heavy {pair['heavy_max_s']:.1f} s",
    ]
    return "\n".join(lines)


def fuzz_server(index: Path, requests: int = 3000, seconds: float = 600.0, clients: int = 4, seed: int = 22) -> dict:
    """Start the production server on ``index``, fuzz it, measure contention, stop it."""
    port = free_port()
    server = start_server(index, port)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/api/docs")
        doc_ids = [d["doc_id"] for d in json.loads(connection.getresponse().read())["documents"]]
        done = fuzz(port, doc_ids, requests, seconds, clients, seed)
        return summary(done, contention(port), clients)
    finally:
        server.terminate()  # gunicorn lets running requests finish first
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def render(name: str, result: dict) -> list[str]:
    """The fuzz run as the bench prints it."""
    pair = result["contention"]
    slowest = "; ".join(f"{took:.1f} s `{url}`" for url, _, took in result["slowest"][:3])
    return [
        "",
        f"**Fuzzing the server** on {name} (`indexer/bench/fuzz.py`, issue #22): {result['requests']:,} random "
        f"requests to every endpoint from {result['clients']} clients (random queries, junk, sorts, widths, pages), then a "
        "simple `/api/search` idle and while four clients send heavy concordance and trend requests "
        "(median of 15).",
        "",
        "| corpus | requests | statuses | p50 | p95 | max | over 5 s | simple search idle | during 4 heavy | ratio |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| {name} | {result['requests']:,} | {result['statuses']} | {result['p50_ms']:.0f} ms | "
        f"{result['p95_ms']:.0f} ms | {result['max_ms']:.0f} ms | {result['over_goal']} | {pair['idle_ms']:.0f} ms | "
        f"{pair['busy_ms']:.0f} ms | {pair['busy_ms'] / pair['idle_ms']:.2f}× |",
        "",
        f"Slowest: {slowest}.",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m indexer.bench.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=600.0, help="stop sending after this long")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args(argv)
    print(report(fuzz_server(args.index, args.requests, args.seconds, args.clients, args.seed)))


if __name__ == "__main__":
    main()
