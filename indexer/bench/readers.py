"""Reader throughput per format: Sichuan's last ten work reports written as text, as
three kinds of saved portal page, as PDFs printed by Chromium and as Word files
(``formats``), each read by its reader; MB/s of the text extracted. Then the PDFs
indexed by ``policy-search index`` as users run it (beside the same reports as text
files), and the share of that time the PDF reader takes."""

from __future__ import annotations

import shutil
import sys
import tarfile
import time
from pathlib import Path

from indexer.bench.corpora import BENCH_DIR
from indexer.bench.formats import CHROMIUM_ARGS, HTML_LAYOUTS, report_from_markdown, to_docx, to_pdf, to_text
from indexer.bench.measure import run_command
from indexer.ingest import readers

ARCHIVE = Path("corpus") / "lawtext-gov" / "provinces.tar.xz"
YEARS = range(2016, 2026)
FORMATS = ("txt", "html", "pdf", "docx")
REPEATS = 3  # the fastest of three reads of each file


def write_formats(folder: Path) -> dict[str, list[Path]]:
    """The reports in every format under ``folder/<format>/`` (the HTML layouts in turn)."""
    from playwright.sync_api import sync_playwright

    with tarfile.open(ARCHIVE) as archive:
        reports = {
            year: report_from_markdown(archive.extractfile(f"政府工作报告-省自治区/四川省/{year}.md").read().decode())
            for year in YEARS
        }
    layouts = list(HTML_LAYOUTS.values())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
        files = {
            "txt": {f"{y}.txt": to_text(r) for y, r in reports.items()},
            "html": {f"{y}.html": layouts[i % len(layouts)](r) for i, (y, r) in enumerate(reports.items())},
            "pdf": {f"{y}.pdf": to_pdf(r, browser) for y, r in reports.items()},
            "docx": {f"{y}.docx": to_docx(r) for y, r in reports.items()},
        }
        browser.close()
    written: dict[str, list[Path]] = {}
    for kind, named in files.items():
        (folder / kind).mkdir(parents=True, exist_ok=True)
        written[kind] = [folder / kind / name for name in named]
        for path, data in zip(written[kind], named.values(), strict=True):
            path.write_bytes(data)
    return written


def read_rate(paths: list[Path]) -> dict:
    """Seconds to read the files (the fastest of REPEATS per file) and the text they gave."""
    seconds = 0.0
    text_bytes = 0
    for path in paths:
        data = path.read_bytes()
        best = float("inf")
        for _ in range(REPEATS):
            started = time.perf_counter()
            texts, _ = readers.read(data, path.name)
            best = min(best, time.perf_counter() - started)
        seconds += best
        text_bytes += sum(len(t.text.encode("utf-8")) for t in texts)
    file_bytes = sum(p.stat().st_size for p in paths)
    return {"files": len(paths), "file_mb": file_bytes / 1e6, "text_mb": text_bytes / 1e6, "seconds": seconds}


def measure() -> dict:
    folder = BENCH_DIR / "formats"
    shutil.rmtree(folder, ignore_errors=True)
    files = write_formats(folder)
    rates = {kind: read_rate(files[kind]) for kind in FORMATS}
    return {"rates": rates, "index_s": {kind: index_seconds(folder, kind) for kind in ("pdf", "txt")}}


def index_seconds(folder: Path, kind: str) -> float:
    """The faster of two builds (on a shared machine one run can be seconds off)."""
    command = [str(Path(sys.executable).parent / "policy-search"), "index", "--rebuild"]
    runs = [run_command([*command, "--index", str(folder / f"index-{kind}"), str(folder / kind)]) for _ in range(2)]
    if any(run.returncode for run in runs):
        raise SystemExit(f"policy-search index failed on the {kind} files")
    return min(run.seconds for run in runs)


def render(result: dict) -> str:
    lines = [
        f"**Readers** — Sichuan's work reports {YEARS[0]}–{YEARS[-1]} in each format, each file read by its "
        f"reader (fastest of {REPEATS}); MB/s of extracted text (UTF-8).",
        "",
        "| format | files | file size | text extracted | reading | MB/s of text |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, r in result["rates"].items():
        rate = r["text_mb"] / r["seconds"] if r["seconds"] else float("nan")
        lines.append(
            f"| {kind} | {r['files']} | {r['file_mb']:.1f} MB | {r['text_mb']:.2f} MB | {r['seconds']:.2f} s | {rate:.1f} |"
        )
    pdf_s = result["rates"]["pdf"]["seconds"]
    pdf_index, txt_index = result["index_s"]["pdf"], result["index_s"]["txt"]
    lines += [
        "",
        f"`policy-search index --rebuild` of the {result['rates']['pdf']['files']} PDFs: {pdf_index:.1f} s end to end, "
        f"of which reading the PDFs {pdf_s:.2f} s ({pdf_s / pdf_index:.0%}); the same reports as text files: "
        f"{txt_index:.1f} s.",
    ]
    return "\n".join(lines)
