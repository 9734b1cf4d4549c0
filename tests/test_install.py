"""A non-editable install works without a checkout: the wheel holds every file the
code reads, and the index and corpus locations come from options, never from where
the code lies."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import free_port, wait_for, write

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
