"""A non-editable install works without a checkout: the wheel holds every file the
code reads, and the index and corpus locations come from options, never from where
the code lies. Installed with its dependencies by the pip a new venv has (not an
upgraded one), it reads every format; a reader whose library is missing fails only
the files of its format, with the reason."""

from __future__ import annotations

import ensurepip
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from indexer.bench.formats import Report, to_docx
from tests.conftest import free_port, minimal_pdf, wait_for, write

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project built as a wheel, as pip builds it for a user, from a copy of the
    files git tracks (a checkout's build/ folder must not fill in what is missing)."""
    source = tmp_path_factory.mktemp("source")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = wheels.glob("policy_search-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel installed (without its dependencies, which this environment has) into
    a folder of its own."""
    target = tmp_path_factory.mktemp("install") / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def run_installed(site: Path, cwd: Path, *args: str, **kwargs) -> subprocess.CompletedProcess | subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(site)}
    command = [sys.executable, "-c", "import sys; from searchui.cli import main; sys.exit(main())", *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_wheel_carries_every_data_file_the_code_reads(wheel):
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "indexer" / "data").iterdir()}
    data |= {p.relative_to(ROOT).as_posix() for d in ("templates", "static") for p in (ROOT / "searchui" / d).iterdir()}
    assert data <= set(zipfile.ZipFile(wheel).namelist())


def test_an_installed_copy_indexes_a_folder_and_serves_it(installed, tmp_path):
    elsewhere = tmp_path / "work"  # no corpus/, no index/, no checkout
    write(elsewhere / "reports" / "hb.txt", "2022年河北省政府工作报告\n各位代表：\n推进京津冀协同发展。")
    found = run_installed(installed, elsewhere, "docs", "--index", "ix")
    assert found.returncode == 1 and "no index at ix" in found.stderr
    out = run_installed(installed, elsewhere, "index", "reports", "--index", "ix")
    assert out.returncode == 0, out.stderr
    out = run_installed(installed, elsewhere, "search", "京津冀", "--json", "--index", "ix")
    assert json.loads(out.stdout)["total"] == 1
    where = subprocess.run(
        [sys.executable, "-c", "import indexer; print(indexer.__file__)"],
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(installed))  # the installed copy ran, not the checkout
    port = free_port()
    server = run_installed(installed, elsewhere, "serve", "--index", "ix", "--port", str(port), background=True)
    try:
        base = wait_for(server, port)
        import urllib.request

        with urllib.request.urlopen(f"{base}/api/search?q=%E4%BA%AC%E6%B4%A5%E5%86%80") as response:  # 京津冀
            assert json.load(response)["total"] == 1
        with urllib.request.urlopen(f"{base}/static/style.css") as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A new venv, its pip as ``python -m venv`` gives it, with the wheel and its
    dependencies installed by that pip (from PyPI or the local pip cache)."""
    home = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, capture_output=True)
    pip = subprocess.run([home / "bin" / "pip", "--version"], capture_output=True, text=True, check=True)
    assert pip.stdout.startswith(f"pip {ensurepip.version()} "), pip.stdout  # the stock pip, not upgraded
    out = subprocess.run(
        [home / "bin" / "pip", "install", "-q", str(wheel)], capture_output=True, text=True, timeout=900, check=False
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return home


SENTENCES = {
    "report.txt": "2022年河北省政府工作报告\n各位代表：\n推进京津冀协同发展，建设雄安新区。",
    "page.html": "深化营商环境改革，优化政务服务，推动数字政府建设取得新进展，让企业和群众办事更便捷。",
    "report.pdf": "The province will deepen reform and opening up in every field this year.",
    "report.docx": "实施乡村振兴战略，促进农民持续增收，巩固拓展脱贫攻坚成果。",
}


def formats_folder(folder: Path) -> Path:
    page = "<html><head><title>2023年政府工作报告</title></head><body><article><h1>2023年政府工作报告</h1>"
    page += "".join(f"<p>{SENTENCES['page.html']}{n}</p>" for n in range(3)) + "</article></body></html>"
    helvetica = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    pdf = minimal_pdf(helvetica, f"BT /F1 12 Tf 72 700 Td ({SENTENCES['report.pdf']}) Tj ET".encode())
    write(folder / "report.txt", SENTENCES["report.txt"])
    write(folder / "page.html", page)
    write(folder / "report.pdf", pdf)
    write(folder / "report.docx", to_docx(Report("2021年政府工作报告", [SENTENCES["report.docx"]], [])))
    return folder


def index_json(venv: Path, folder: Path, index: Path) -> dict:
    out = subprocess.run(
        [venv / "bin" / "policy-search", "index", str(folder), "--index", str(index), "--rebuild", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def indexed_sources(venv: Path, index: Path) -> set[str]:
    out = subprocess.run(
        [venv / "bin" / "policy-search", "docs", "--json", "--index", str(index)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {Path(doc["source"]).name for doc in json.loads(out.stdout)["documents"]}


def found_in(venv: Path, index: Path, phrase: str) -> int:
    out = subprocess.run(
        [venv / "bin" / "policy-search", "search", phrase, "--json", "--index", str(index)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)["total"]


def test_the_stock_pip_of_a_new_venv_installs_a_wheel_that_reads_every_format(venv, tmp_path):
    folder = formats_folder(tmp_path / "in")
    summary = index_json(venv, folder, tmp_path / "ix")
    assert summary["skipped"] == []
    assert indexed_sources(venv, tmp_path / "ix") == set(SENTENCES)
    for phrase in ("京津冀", "营商环境", "opening up", "乡村振兴"):  # one from each format's text
        assert found_in(venv, tmp_path / "ix", phrase) >= 1, phrase


def test_a_missing_reader_library_fails_only_its_files_with_the_reason(venv, tmp_path):
    folder = formats_folder(tmp_path / "in")
    subprocess.run(
        [venv / "bin" / "pip", "uninstall", "-y", "-q", "pypdfium2", "lxml_html_clean"], check=True, capture_output=True
    )
    try:
        summary = index_json(venv, folder, tmp_path / "ix")
    finally:
        subprocess.run([venv / "bin" / "pip", "install", "-q", "pypdfium2", "lxml_html_clean"], check=True)
    reasons = {Path(s["path"]).name: s["reason"] for s in summary["skipped"]}
    assert reasons.keys() == {"report.pdf", "page.html"}
    assert "pip install pypdfium2" in reasons["report.pdf"]
    assert "lxml_html_clean" in reasons["page.html"]
    assert indexed_sources(venv, tmp_path / "ix") == {"report.txt", "report.docx"}
