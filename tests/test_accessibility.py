"""Every page checked by axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium at
laptop and phone width: a critical or serious violation fails the test, moderate and
minor ones are listed as warnings. A new page gets the check by adding its URL to
``PAGES``. Also: reflow at 320 px, the keyboard-only journey, print."""

from __future__ import annotations

import json
import warnings

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ARTIFACTS, SIZES, shoot

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
    ("trend", "/trend?q=双城经济圈|乡村振兴"),
    ("trend-en", "/trend?q=双城经济圈&ui=en&province=四川"),
    ("trend-first-year", "/trend?q=乡村振兴&measure=first"),
    ("trend-empty", "/trend"),
    ("trend-options", "/trend?q=乡村振兴&from=2015&to=2024&scale=raw&log=1&smooth=3&province=四川"),
    ("trend-en-two", "/trend?q=发展|改革&ui=en"),
    ("search-empty", "/search?q="),
    ("did-you-mean", "/search?q=sccjjq"),
    ("kwic-empty", "/kwic?ui=en"),
    ("kwic-filtered", "/kwic?q=发展&province=四川&year=2018-2022"),
    ("codebook", "/panel/codebook?q=营商环境|乡村振兴"),
    ("codebook-en", "/panel/codebook?ui=en"),
    ("document-changed", "/doc/2020-chongqing-work-report?p=36&fp=00000000#p36"),
    ("kwic", "/kwic?q=双城经济圈"),
    ("kwic-en", "/kwic?q=reform&ui=en&sort=right"),
    ("new-terms", "/doc/2025-sichuan-work-report/new"),
    ("new-terms-en", "/doc/2024-sichuan-work-report/new?ui=en&compare=all"),
    ("new-terms-en-three", "/doc/2024-sichuan-work-report/new?ui=en"),  # "Compared with: 2023, 2022, 2021"
    ("new-year", "/new?year=2024"),
    ("new-year-city-en", "/new?year=2023&level=city&ui=en"),
    ("compare", "/compare?a=province:四川+level:provincial&b=province:重庆&min=3"),
    ("compare-form-en", "/compare?ui=en"),
    ("targets", "/targets?indicator=gdp&province=四川"),
    ("targets-en", "/targets?indicator=gdp&ui=en"),
    ("targets-bad", "/targets?indicator=nope&ui=en"),
    ("compare-all-en", "/compare?a=province:四川+level:provincial&b=province:重庆&min=3&all=1&ui=en"),
    ("collocates", "/collocates?q=营商环境"),
    ("collocates-en", "/collocates?q=营商环境&ui=en&unit=chars&window=8&sort=g2"),
    ("collocates-diff", "/collocates?q=营商环境&a=province:四川+level:provincial&b=province:重庆&min=2"),
    ("collocates-form-en", "/collocates?ui=en"),
]
# Two-dimensional data tables may scroll sideways at 320 px (WCAG 1.4.10 exempts them):
# the place × year table of /docs, the trend's tables (province × year and the like) and
# the concordance, whose lines must stay aligned on the match, and the tables of
# expressions (new ones, a year's, a comparison's).
DATA_TABLES = {"placetable-wrap", "scroll"}
ERROR_PAGES = {"bad-query": 400, "not-found": 404, "targets-bad": 400}
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
def test_no_serious_axe_violation(server, tab, name, path, size):
    page = tab(SIZES[size])
    assert page.goto(server + path).status == ERROR_PAGES.get(name, 200)
    assert_accessible(page, f"{name}-{size}")


def open_suggestions(page) -> None:
    page.keyboard.type("scjjq", delay=40)
    page.locator("#suggest-hero [role=option]").first.wait_for()


def open_citation(page) -> None:
    page.locator("#p35 .cite-button").click()
    page.locator("#p35 + .cite-panel .cite-copy").first.wait_for()


def open_chart_tables(page) -> None:
    for summary in page.locator(".chart-table summary").all():
        summary.click()


def focus_skip_link(page) -> None:
    page.keyboard.press("Tab")


# (name, path, what to do first): states that only a visitor's action shows.
STATES = [
    ("suggestions-open", "/", open_suggestions),
    ("citation-open", "/doc/2020-chongqing-work-report#p35", open_citation),
    ("chart-tables-open", "/search?q=双城经济圈&ui=en", open_chart_tables),
    ("skip-link-focused", "/search?q=双城经济圈", focus_skip_link),
]


@pytest.mark.parametrize(("name", "path", "action"), STATES, ids=[name for name, *_ in STATES])
def test_no_serious_axe_violation_in_open_states(server, tab, name, path, action):
    page = tab(SIZES["phone"])
    page.goto(server + path)
    action(page)
    assert_accessible(page, f"{name}-phone")


# The classes of the elements that scroll sideways inside the page. Only a data table
# may (WCAG 1.4.10 makes an exception for content that needs two dimensions).
SIDEWAYS_SCROLLERS = """[...document.querySelectorAll('*')]
    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.classList[0])"""  # a scroll box by its first class (placetable-wrap scroll-end)


@pytest.mark.parametrize(
    "zoom",
    [
        {"viewport": {"width": 320, "height": 640}},  # a 320 px wide phone
        {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4},  # 1280 × 1024 at 400 %
    ],
    ids=["320px", "400%"],
)
def test_every_page_reflows_without_sideways_scrolling(server, browser, zoom):
    context = browser.new_context(**zoom)
    page = context.new_page()
    for name, path in PAGES:
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name} is {width}px wide at {zoom}"
        scrollers = set(page.evaluate(SIDEWAYS_SCROLLERS))
        assert scrollers <= DATA_TABLES, f"{name} scrolls sideways inside: {scrollers}"
    shoot(page, "reflow-320-docs-cities")
    context.close()


def focus_ring(page) -> str:
    """The focused element's outline ("3px solid …"), or "" when it has none."""
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle === 'none' ? '' : `${s.outlineWidth} ${s.outlineStyle}`; }"""
    )


def tab_to(page, selector: str, limit: int = 200, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focus is on an element matching ``selector``,
    checking on the way that every focused element shows a focus ring."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        assert focus_ring(page), "no visible focus on " + page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached with {limit} presses of Tab")


def test_the_whole_journey_with_the_keyboard_only(server, tab, corpus, all_paragraphs):
    """Type, pick a suggestion, choose a facet, open a result, step through its
    matches, go back: key presses only, a focus ring on every stop."""
    page = tab(SIZES["laptop"])
    page.goto(server + "/")
    # The search box takes the focus by itself (autofocus), but a browser may do it a
    # moment after the page has loaded: wait for it, or the first letters go nowhere.
    page.wait_for_function("document.activeElement && document.activeElement.name === 'q'")
    page.keyboard.type("scjjq", delay=40)
    options = page.locator("#suggest-hero [role=option]")
    # On a busy machine a keystroke can come after the 120 ms pause, and the list shows
    # the suggestions of "scjj" first: wait for those of the whole input.
    options.locator(".s-text").get_by_text("双城经济圈", exact=True).wait_for()
    status = page.locator("#suggest-hero ~ [role=status]")
    assert status.inner_text().startswith(f"{options.count()} 条建议")  # announced by the live region
    texts = options.locator(".s-text").all_inner_texts()
    for _ in range(texts.index("双城经济圈") + 1):
        page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("header input[name=q]").input_value() == "双城经济圈"

    page.keyboard.press("Tab")  # the first stop is the skip link, shown when focused
    skip = page.locator(".skiplink")
    assert page.evaluate("document.activeElement.className") == "skiplink"
    assert skip.is_visible() and skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results"

    tab_to(page, ".facet--province a", backwards=True)  # the facets come before the results
    while "四川" not in page.evaluate("document.activeElement.textContent"):
        tab_to(page, ".facet--province a", backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "province=" in page.url
    sichuan = [
        p for p in all_paragraphs if "双城经济圈" in p["text"] and corpus.documents[p["doc_id"]]["province"] == "四川"
    ]
    assert page.locator(".counts").inner_text().startswith(f"{len(sichuan)} 个段落")

    tab_to(page, ".para-link")
    target = page.evaluate("document.activeElement.getAttribute('href')").split("#")[1]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector(':target').id") == target
    doc_id, number = page.url.split("?")[0].rsplit("/", 1)[1], int(target[1:])
    before = sum(p["text"].count("双城经济圈") for p in corpus.paragraphs(doc_id) if p["paragraph"] < number)
    page.keyboard.press("n")  # the first match from the paragraph on, then the next
    page.keyboard.press("n")
    assert page.locator(".matchpos").inner_text().startswith(f"{before + 2} / ")  # a live region
    page.keyboard.press("p")
    assert page.locator(".matchpos").inner_text().startswith(f"{before + 1} / ")
    current = page.locator("mark.current")
    assert current.inner_text() == "双城经济圈" and current.is_visible()

    tab_to(page, ".back a", backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "province=" in page.url and page.locator(".report").count() > 0


def test_the_document_prints_as_a_clean_report(server, tab):
    page = tab(SIZES["laptop"])
    page.goto(server + "/doc/2020-chongqing-work-report?q=双城经济圈#p34")
    page.emulate_media(media="print")
    for hidden in (".topbar", ".outline", ".matchbar", ".back", ".footer", ".cite-button"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    assert page.locator("#p34 .pilcrow").is_visible()  # paragraph numbers are kept
    assert page.locator("#p34 .pilcrow").evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    url = page.locator(".page-url")
    assert url.is_visible() and url.inner_text().endswith(server + "/doc/2020-chongqing-work-report")
    shoot(page, "print-document", full_page=True)
    page.emulate_media(media="screen")
    assert not url.is_visible() and page.locator(".topbar").is_visible()
