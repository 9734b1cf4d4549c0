"""Every page checked by axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium at
laptop and phone width: a critical or serious violation fails the test, moderate and
minor ones are listed as warnings. A new page gets the check by adding its URL to
``PAGES``. Also: reflow at 320 px, the keyboard-only journey, print."""

from __future__ import annotations

import json
import warnings

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ARTIFACTS, SIZES

# (name, path): every kind of page, in both interface languages where they differ.
# Each answers 200 but those in ERROR_PAGES.
PAGES = [
    ("home", "/"),
    ("home-en", "/?ui=en"),
    ("results", "/search?q=双城经济圈"),
    ("results-en", "/search?q=双城经济圈&ui=en"),
    ("results-pinyin", "/search?q=shuangchengjingjiquan"),
    ("results-facets", "/search?q=双城经济圈&province=四川&province=重庆&year=2020-2023"),
    ("results-years", "/search?q=发展&sort=year&page=2"),
    ("results-english-text", "/search?q=reform&lang=en&ui=en"),
    ("no-results", "/search?q=量子引力波"),
    ("bad-query", "/search?q=year:abc"),
    ("not-found", "/doc/no-such-report?ui=en"),
    ("document", "/doc/2020-chongqing-work-report?q=双城经济圈#p34"),
    ("document-en", "/doc/2020-sichuan-work-report-en?q=reform&ui=en"),
    ("docs", "/docs"),
    ("docs-en", "/docs?ui=en"),
    ("docs-province", "/docs?province=四川"),
    ("docs-cities", "/docs?level=city"),
]
ERROR_PAGES = {"bad-query": 400, "not-found": 404}
BLOCKING = ("critical", "serious")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def axe_violations(page) -> list[dict]:
    """axe-core's violations of the page as it is now."""
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['impact']} {v['id']} ({len(v['nodes'])}): {v['help']} — "
        + "; ".join(node["html"][:120] for node in v["nodes"][:3])
        for v in violations
    )


def assert_accessible(page, name: str) -> None:
    """Fail on critical or serious violations; warn about the others. The full report
    goes to tests/artifacts/axe-<name>.json."""
    violations = axe_violations(page)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=1))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    if others:
        warnings.warn(f"axe on {name}:\n{describe(others)}", stacklevel=2)
    assert not blocking, f"axe on {name}:\n{describe(blocking)}"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_no_serious_axe_violation(server, browser, name, path, size):
    page = browser.new_page(viewport=SIZES[size])
    assert page.goto(server + path).status == ERROR_PAGES.get(name, 200)
    assert_accessible(page, f"{name}-{size}")
    page.close()
