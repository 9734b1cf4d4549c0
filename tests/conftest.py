"""Shared fixtures: a test corpus indexed once per test session, and helpers to build
small indexes from files a test writes.

The test corpus is the bundled one with its twenty-year archives cut down to a
sample, read from the bundled archives themselves: every report of Sichuan and of
Chengdu, Mianyang, Lu'an and Suqian, Chongqing since 2020, two five-year plans.
Indexing all of lawtext-gov is what ``make run`` and ``make bench`` do.

``make test`` runs the tests in two processes (pytest-xdist): the sample corpus and its
index are made once per run by whichever process asks first, in the run's temporary
folder, under a file lock; the other process waits for them and opens the same files."""

from __future__ import annotations

import fcntl
import io
import os
import pickle
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from indexer.index.build import BuildSummary, build
from indexer.search import HitPage, SearchIndex, SearchRequest, Snapshot, search
from searchui import create_app
from tests import truth
from tests.truth import Report

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots for a person to look at
BUNDLED_CORPUS = ROOT / "corpus"
PROVINCES_ARCHIVE = BUNDLED_CORPUS / "lawtext-gov" / "provinces.tar.xz"
CITIES_ARCHIVE = ROOT / "corpus-cities" / "lawtext-gov" / "cities.tar.xz"
SAMPLE = {
    PROVINCES_ARCHIVE: (
        "README.md",
        "政府工作报告-省自治区/四川省/",
        "政府工作报告-主要城市/重庆市/202",
        "五年规划/1996-",
        "五年规划/2021-",
    ),
    CITIES_ARCHIVE: (
        "政府工作报告-主要城市/成都市/",
        "政府工作报告-其他地市/绵阳市/",
        "政府工作报告-其他地市/六安市/",
        "政府工作报告-其他地市/宿迁市/",
    ),
}


def sample_archive(source: Path, prefixes: tuple[str, ...], target: Path) -> Path:
    """A .tar.xz of the members of ``source`` whose names start with one of ``prefixes``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r:xz") as whole, tarfile.open(target, "w:xz") as part:
        for info in whole:
            if info.isfile() and info.name.startswith(prefixes):
                part.addfile(info, io.BytesIO(whole.extractfile(info).read()))
    return target


def make_test_corpus(folder: Path) -> Path:
    """The bundled corpus with its archives cut down to SAMPLE, in ``folder``."""
    shutil.copytree(BUNDLED_CORPUS, folder, ignore=shutil.ignore_patterns("*.tar.xz"))
    for source, prefixes in SAMPLE.items():
        sample_archive(source, prefixes, folder / "lawtext-gov" / source.name)
    return folder


# A folder to keep the sample and its index in between runs (tests/plant.py shares one
# among its plantings); unset, each session builds its own.
KEPT = os.environ.get("POLICY_SEARCH_TEST_INDEX")


def made_once(tmp_path_factory, name: str, make: Callable[[Path], Any]) -> tuple[Path, Any]:
    """A folder ``name`` filled by ``make(folder)`` once per test run, and what ``make``
    returned: the first process to take the lock makes it, the others (xdist workers)
    wait and reuse it. The folder is in the run's temporary folder, which xdist's
    workers share as the parent of their own."""
    base = tmp_path_factory.getbasetemp()
    run = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, made = run / name, run / f"{name}.made.pickle"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            made.write_bytes(pickle.dumps(make(folder)))
    return folder, pickle.loads(made.read_bytes())


@pytest.fixture(scope="session")
def test_corpus(tmp_path_factory) -> Path:
    if KEPT:
        folder = Path(KEPT) / "corpus"
        return folder if folder.exists() else make_test_corpus(folder)
    return made_once(tmp_path_factory, "test-corpus", lambda folder: make_test_corpus(folder / "corpus"))[1]


@pytest.fixture(scope="session")
def corpus_build(test_corpus, tmp_path_factory) -> tuple[Path, BuildSummary]:
    if KEPT:
        root = Path(KEPT) / "index"
        summary = build([test_corpus], root, progress=False)
    else:
        root, summary = made_once(
            tmp_path_factory, "corpus-index", lambda root: build([test_corpus], root, progress=False)
        )
    assert summary.documents > 150
    return root, summary


@pytest.fixture(scope="session")
def corpus_index_dir(corpus_build) -> Path:
    return corpus_build[0]


@pytest.fixture(scope="session")
def corpus(corpus_index_dir) -> Snapshot:
    """The bundled corpus's index, opened (it does not change during the session)."""
    return SearchIndex(corpus_index_dir).snapshot()


@pytest.fixture(scope="module")
def client(corpus_index_dir):
    """A Flask test client over the test corpus's index (one app per test module). No
    request has a time budget here, so no answer depends on the machine's speed
    (tests/test_limits.py sets budgets of its own)."""
    app = create_app(corpus_index_dir)
    app.config.update(TESTING=True, REQUEST_BUDGET=None)
    return app.test_client()


@pytest.fixture(scope="session")
def source_reports(test_corpus) -> list[Report]:
    """Every report of the test corpus as tests/truth reads it from the files themselves."""
    return truth.read(test_corpus)


@pytest.fixture(scope="session")
def all_paragraphs(corpus) -> list[dict]:
    """Every indexed paragraph's stored fields, read straight from the index."""
    reader = corpus.searcher.reader()
    return [fields for _, fields in reader.iter_docs()]


def search_all(snap: Snapshot, q: str, **filters: list[str]) -> tuple[HitPage, set[tuple[str, int]]]:
    """First page's result, and every matching (doc_id, paragraph) over all pages."""
    first = search(snap, SearchRequest(q, filters, per_page=100))
    found = {(h.doc["doc_id"], h.paragraph) for h in first.hits}
    page = 2
    while len(found) < first.summary.total:
        result = search(snap, SearchRequest(q, filters, page=page, per_page=100))
        assert result.hits, f"page {page} of {q!r} is empty before total {first.summary.total}"
        found |= {(h.doc["doc_id"], h.paragraph) for h in result.hits}
        page += 1
    return first, found


def total(snap: Snapshot, q: str, literal: bool = False, **filters: list[str]) -> int:
    return search(snap, SearchRequest(q, filters, literal=literal)).summary.total


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def minimal_pdf(font: bytes, content: bytes, more_pages: tuple[bytes, ...] = ()) -> bytes:
    """A PDF written by hand: one page of ``content`` in ``font``, then ``more_pages``
    (objects standing where pages should be)."""
    kids = " ".join(f"{6 + i} 0 R" for i in range(len(more_pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [3 0 R {kids}] /Count {1 + len(more_pages)} >>".encode(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        font,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *more_pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(
        b"%010d 00000 n \n" % o for o in offsets
    )
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------- the order of a run

# `make test` hands whole files to two processes in collection order (--dist loadfile
# --no-loadscope-reorder). The first file the first process gets builds the sample index;
# meanwhile the other process gets the files that need no sample index, so that neither
# waits on the other; then the rest, the longest first, so that both finish together.
# The list is a hint for balance (each file's time alone, measured on the shared machine);
# a file not named runs after those named, in its group; no result depends on the order.
LONGEST_FIRST = (
    "test_accessibility.py",
    "test_corpus.py",
    "test_install.py",
    "test_formats.py",
    "test_rebuild.py",
    "test_bad_input.py",
    "test_targets.py",
    "test_expression_units.py",
    "test_cli.py",
    "test_scoring.py",
    "test_pinyin.py",
    "test_browser.py",
    "test_new_terms.py",
    "test_phrase_recall.py",
    "test_kwic.py",
    "test_kwic_sorts.py",
    "test_exports_feeds.py",
    "test_web.py",
    "test_limits.py",
    "test_first_use.py",
    "test_citation.py",
    "test_views.py",
    "test_collocates.py",
    "test_compare.py",
    "test_analysis.py",
    "test_trend.py",
    "test_facets.py",
    "test_ingest.py",
    "test_query.py",
    "test_bench_peers.py",
    "test_exports_panel.py",
    "test_doctypes.py",
    "test_exports_cite.py",
    "test_snapshot.py",
    "test_targets_web.py",
)


def needs_the_sample_index(item: pytest.Item) -> bool:
    return "corpus_build" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In an xdist worker: the files in the order above, the first file that needs the
    sample index first, then those that need none (each file's tests keep their order)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path.name, []).append(item)
    needing = {name for name, found in files.items() if any(map(needs_the_sample_index, found))}
    rank = {name: k for k, name in enumerate(LONGEST_FIRST)}
    order = sorted(files, key=lambda name: rank.get(name, len(rank)))
    first = next((name for name in order if name in needing), None)
    order = (
        [first] * bool(first)
        + [n for n in order if n not in needing]
        + [n for n in order if n in needing and n != first]
    )
    items[:] = [item for name in order for item in files[name]]


# ---------------------------------------------------------------- the browser tests

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {"laptop": {"width": 1366, "height": 860}, "phone": {"width": 390, "height": 844}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


STARTUP_LIMIT = 300  # seconds: a guard against a server that hangs, not a speed check


def wait_for(process: subprocess.Popen, port: int) -> str:
    """The base URL of a server once it answers; the test fails with its stderr if it
    exits first (or hangs for STARTUP_LIMIT: a loaded machine can take a minute)."""
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_LIMIT
    while process.poll() is None and time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=5)
            return base
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("the server did not start: " + process.stderr.read().decode())


@pytest.fixture(scope="session")
def server(corpus_index_dir):
    """The production server (gunicorn, as `policy-search serve` runs it) over the test corpus: its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "searchui.cli", "serve", "--index", str(corpus_index_dir), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--budget", "600"],  # no answer cut short by a busy machine
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    yield wait_for(process, port)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: .ci/run installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tab(browser):
    """``tab(viewport)``: a page of that size, reused by the module's tests. It is left
    for ``about:blank`` first, so every test loads its page as a new document (the site
    keeps no cookies and no storage); a new page would cost Chromium a renderer process
    and cold caches each time, about four times a page load's CPU."""
    pages: dict[tuple[int, int], Any] = {}

    def at(viewport: dict[str, int]):
        key = (viewport["width"], viewport["height"])
        if key not in pages:
            pages[key] = browser.new_page(viewport=viewport)
        pages[key].goto("about:blank")
        return pages[key]

    yield at
    for page in pages.values():
        page.close()


def shoot(page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
