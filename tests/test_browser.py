"""End to end in a real headless Chromium (Debian's, driven by Playwright) against the
production server: type, filter, follow a result to its paragraph. Screenshots of
each page at laptop and phone width go to tests/artifacts/ for a person to look at."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import SIZES, shoot


def counts(corpus, all_paragraphs, phrase: str, **wanted) -> str:
    """ "N 个段落，M 份报告" for the paragraphs containing ``phrase`` whose report has the wanted values."""
    docs = [
        p["doc_id"]
        for p in all_paragraphs
        if phrase in p["text"] and all(corpus.documents[p["doc_id"]][k] == v for k, v in wanted.items())
    ]
    return f"{len(docs)} 个段落，{len(set(docs))} 份报告"


def test_search_a_province_and_its_cities_and_follow_a_result_to_its_paragraph(server, tab, corpus, all_paragraphs):
    page = tab(SIZES["laptop"])
    page.goto(server + "/")
    box = page.locator("input[name=q]")
    expect(box).to_be_focused()
    box.type("双城经济圈")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    expect(page.locator(".counts")).to_contain_text(counts(corpus, all_paragraphs, "双城经济圈"))
    expect(page.locator(".facet--province")).to_contain_text("四川")
    shoot(page, "results-laptop")

    page.locator(".facet--province a", has_text="四川").first.click()
    page.wait_for_url("**province=*")
    expect(page.locator(".counts")).to_contain_text(counts(corpus, all_paragraphs, "双城经济圈", province="四川"))
    expect(page.locator(".chip").first).to_contain_text("四川")
    expect(page.locator(".facet--city")).to_contain_text("成都")  # the city facet narrowed to Sichuan's cities
    shoot(page, "results-sichuan-laptop")

    page.locator(".facet--city a", has_text="成都").first.click()
    page.wait_for_url("**city=*")
    expect(page.locator(".counts")).to_contain_text(counts(corpus, all_paragraphs, "双城经济圈", city="成都"))
    titles = page.locator(".report h3").all_inner_texts()
    assert titles and all("成都" in t for t in titles)

    link = page.locator(".para-link").first
    href = link.get_attribute("href")
    doc_id, target = href.split("?")[0].rsplit("/", 1)[1], href.split("#")[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    paragraph = page.locator(f"#{target}")
    expect(paragraph).to_be_in_viewport()
    expect(paragraph.locator("mark").first).to_have_text("双城经济圈")
    assert page.evaluate("document.querySelector(':target').id") == target
    background = paragraph.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # visibly emphasised
    shoot(page, "document-laptop")

    marks = sum(p["text"].count("双城经济圈") for p in corpus.paragraphs(doc_id))
    page.locator("#matchbar button[data-step='1']").click()
    expect(page.locator("mark.current")).to_have_count(1)
    expect(page.locator(".matchpos")).to_contain_text(f"/ {marks}")


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_pages_render_at_laptop_and_phone_width(server, tab, size):
    page = tab(SIZES[size])
    for name, path in [
        ("home", "/"),
        ("results", "/search?q=营商环境"),
        ("results-en", "/search?q=双城经济圈&ui=en"),
        ("results-years", "/search?q=发展"),
        ("document", "/doc/2020-anhui-work-report?q=长三角一体化#p30"),
        ("docs", "/docs"),
        ("docs-sichuan", "/docs?province=四川"),
    ]:
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"] + 1, f"{name} scrolls sideways at {size} width ({width}px)"
        shoot(page, f"{name}-{size}")


def test_pinyin_suggestions_with_the_keyboard(server, tab, corpus, all_paragraphs):
    page = tab(SIZES["laptop"])
    page.goto(server + "/")
    box = page.locator("input[name=q]")
    box.type("scjjq", delay=40)
    options = page.locator("#suggest-hero [role=option]")
    # the list is redrawn at each keystroke: wait for the whole input's, not a letter's (s → 设, 实 …)
    expect(options.locator(".s-text", has_text="双城经济圈").first).to_be_visible()
    texts = options.locator(".s-text").all_inner_texts()
    assert "双城经济圈" in texts
    shoot(page, "suggest-laptop")
    for _ in range(texts.index("双城经济圈") + 1):
        box.press("ArrowDown")
    expect(options.nth(texts.index("双城经济圈"))).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("header input[name=q]").input_value() == "双城经济圈"
    expect(page.locator(".counts")).to_contain_text(counts(corpus, all_paragraphs, "双城经济圈"))
    # Esc closes the list without searching
    top = page.locator("header input[name=q]")
    top.fill("")
    top.type("shuangch", delay=40)
    expect(page.locator("#suggest-top [role=option]").first).to_be_visible()
    top.press("Escape")
    expect(page.locator("#suggest-top")).to_be_hidden()


def test_a_pinyin_query_says_what_it_searched(server, tab):
    page = tab(SIZES["phone"])
    page.goto(server + "/search?q=shuangchengjingjiquan")
    expect(page.locator(".pinyin-note .showing")).to_contain_text("显示 双城经济圈 的结果")
    shoot(page, "pinyin-phone")
    page.locator(".pinyin-note a", has_text="仍然搜索").click()
    page.wait_for_url("**literal=1*")
    expect(page.locator(".noresults")).to_be_visible()


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_trend_page_reads_at_laptop_and_phone_width(server, tab, size):
    page = tab(SIZES[size])
    page.goto(server + "/search?q=成渝")
    page.locator("a.trend-link").click()
    page.wait_for_url("**/trend?q=*")
    expect(page.locator("h1")).to_contain_text("成渝")
    chart = page.locator("#years svg.linechart")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] >= min(700, SIZES[size]["width"] * 0.8)  # the chart uses the width
    assert chart.locator("path.line").count() >= 1
    assert page.locator("#year-table tbody tr").count() > 5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"] + 1, f"the trend page scrolls sideways at {size} width ({width}px)"
    shoot(page, f"trend-{size}")
    page.locator("#provinces").scroll_into_view_if_needed()
    expect(page.locator(".tilemap svg")).to_be_visible()
    shoot(page, f"trend-map-{size}")
    # each counted cell is a link: its row's search with its column's year
    cell = page.locator("#heat-table td a").first
    expect(cell).to_have_attribute("href", re.compile(r"^/search\?.*province=.*&year=\d{4}$"))
    column_year = cell.evaluate("a => a.closest('table').tHead.rows[0].cells[a.parentElement.cellIndex].textContent")
    assert cell.get_attribute("href").endswith("&year=" + column_year.strip())
    page.locator(".tilemap a", has_text="重庆").first.click()
    page.wait_for_url("**province=*")
    assert [r.strip() for r in page.locator("#province-table tbody th").all_inner_texts()] == ["重庆"]


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_concordance_form_sorts_at_two_levels_and_sets_the_width(server, tab, size):
    page = tab(SIZES[size])
    page.goto(server + "/kwic?q=发展&province=四川&ui=en")
    form = page.locator("form.kwic-options")
    form.locator("select[name=sort]").select_option("year")
    form.locator("select[name=sort2]").select_option("1R")
    form.locator("input[name=width]").fill("6")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**sort2=1R*")
    query = page.url.split("?", 1)[1]
    assert {"sort=year", "sort2=1R", "width=6", "ui=en"} <= set(query.split("&")) and "province=" in query
    expect(page.locator(".chip")).to_have_count(1)  # the filter kept, as a chip
    lefts = page.locator("td.kwic-left").all_inner_texts()
    rights = page.locator("td.kwic-right").all_inner_texts()
    assert lefts and max(map(len, lefts)) <= 6 and max(map(len, rights)) <= 6
    years = [int(t.split()[0]) for t in page.locator("td.kwic-source").all_inner_texts()]
    newest = [r[:1] for r, y in zip(rights, years, strict=True) if y == years[0]]
    assert years == sorted(years, reverse=True) and newest == sorted(newest)  # year, then 1R within it
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"] + 1, f"the concordance scrolls sideways at {size} width ({width}px)"
    shoot(page, f"kwic-sorted-{size}")


CHART_TEXT_PX = """() => [...document.querySelectorAll('svg text')].filter(t => t.getClientRects().length).map(t => {
    const svg = t.ownerSVGElement, box = svg.viewBox.baseVal;
    return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / box.width;
})"""


@pytest.mark.parametrize(
    ("size", "path"),
    [
        ("phone", "/search?q=双城经济圈"),  # the province bars shrank to ~9 px at 440 units
        ("phone", "/search?q=发展"),  # 70 years of bars: their year labels were ~6 px
        ("laptop", "/targets?indicator=gdp"),  # the small charts' ticks were ~10 px
        ("phone", "/targets?indicator=gdp"),
        ("phone", "/trend?q=营商环境&ui=en"),  # the map's English names, once squeezed to fit
    ],
)
def test_chart_text_seen_is_at_least_11_px(server, tab, size, path):
    page = tab(SIZES[size])
    page.goto(server + path)
    sizes = page.evaluate(CHART_TEXT_PX)
    assert sizes and min(sizes) >= 11, sorted(sizes)[:3]


TILE_TEXT_OUTSIDE = """() => [...document.querySelectorAll('.tilemap svg a')].flatMap(a => {
    const tile = a.querySelector('rect').getBoundingClientRect();
    return [...a.querySelectorAll('text')].filter(t => { const b = t.getBoundingClientRect();
        return b.left < tile.left - 1 || b.right > tile.right + 1 || b.top < tile.top - 1 || b.bottom > tile.bottom + 1; })
      .map(t => t.textContent); })"""


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_map_tiles_hold_their_english_names(server, tab, size):
    """Long names (Heilongjiang, Inner Mongolia) break into two lines inside their tile;
    squeezed into one they were unreadable on a phone. (1 px of slack: the tiles are 3 px apart.)"""
    page = tab(SIZES[size])
    page.goto(server + "/trend?q=营商环境&ui=en")
    texts = page.locator(".tilemap svg text").all_text_contents()
    assert "Heilong" in texts and "Mongolia" in texts
    assert page.evaluate(TILE_TEXT_OUTSIDE) == []


def test_phone_trend_chart_keeps_its_last_year_inside_the_chart(server, tab):
    page = tab(SIZES["phone"])
    page.goto(server + "/trend?q=新质生产力")  # 2021–2025: every year labelled, the last at the edge
    chart = page.locator(".linechart").first
    svg, box = chart.bounding_box(), chart.locator("text.tick").last.bounding_box()  # the x-axis' last year
    assert box["x"] + box["width"] <= svg["x"] + svg["width"], "the last year's label is cut at the chart's edge"


def test_targets_grid_opens_at_the_latest_year_with_the_place_in_view(server, tab):
    page = tab(SIZES["laptop"])
    page.goto(server + "/targets?indicator=gdp")
    assert_latest_year_and_place_in_view(page, ".target-grid")  # the place did not scroll away with 1954


def assert_latest_year_and_place_in_view(page, table: str) -> None:
    """A year × place table opened at its last column, its place column pinned in its scroll box."""
    box = page.locator(table).locator("xpath=..").bounding_box()  # its scroll box
    latest = page.locator(f"{table} thead th").last.bounding_box()
    place = page.locator(f"{table} tbody th").first.bounding_box()
    assert box["x"] <= latest["x"] and latest["x"] + latest["width"] <= box["x"] + box["width"] + 1
    assert box["x"] <= place["x"] < box["x"] + 10


@pytest.mark.parametrize("path", ["/new?year=2024", "/doc/2024-sichuan-work-report/new"])
def test_phone_new_expressions_show_every_column_as_a_card(server, tab, path):
    page = tab(SIZES["phone"])
    page.goto(server + path)
    width = SIZES["phone"]["width"]
    row = page.locator("table.terms tbody tr").first
    for cell in row.locator("td.links a, td.paras a").all():
        box = cell.bounding_box()
        assert box and box["x"] + box["width"] <= width, "a key column off-screen at 390 px"
    assert page.locator(".scroll-hint:visible").count() == 0  # cards: no "scroll sideways" needed


def test_phone_codebook_and_facet_breakdown_fit_the_width(server, tab):
    page = tab(SIZES["phone"])
    width = SIZES["phone"]["width"]
    page.goto(server + "/panel/codebook?ui=en")
    meaning = page.locator(".codebook-table tbody td").last.bounding_box()  # the Meaning column
    assert meaning["x"] + meaning["width"] <= width, "the codebook's meanings are off-screen"
    page.goto(server + "/search?q=双城经济圈&ui=en")
    parts = page.locator(".facet--province .facet-parts").first  # "Provincial 6 · City 12"
    label = page.locator(".facet--province .facet-label").first
    assert parts.evaluate("el => el.getClientRects().length") == 1  # one line of its own
    assert parts.bounding_box()["y"] >= label.bounding_box()["y"] + 10  # under the name, not beside it


PHONE_LAYOUT = """(selector) => {
    const table = document.querySelector(selector);
    const shown = [...table.tBodies[0].rows].filter(r => r.getClientRects().length);
    const sizes = [...table.querySelectorAll('tbody td, tbody th')].filter(c => c.getClientRects().length)
        .map(c => parseFloat(getComputedStyle(c).fontSize));
    return {
        scroll: document.documentElement.scrollWidth,
        rows: table.tBodies[0].rows.length,
        shown: shown.length,
        cards: shown.every(r => getComputedStyle(r).display === 'block'),
        widest: Math.max(...shown.map(r => r.getBoundingClientRect().right)),
        smallest: Math.min(...sizes),
    };
}"""


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("/collocates?q=营商环境", ".collocates table.terms"),  # scrolled sideways before
        ("/collocates?q=营商环境&a=province:广东&b=province:四川&ui=en", ".collocates table.terms"),
        ("/compare?a=province:广东&b=province:四川", ".compare-side table.terms"),  # 63,000 px on default before
    ],
)
def test_phone_collocations_and_comparison_are_folded_cards(server, tab, path, table):
    """On a phone each row is a card inside the width, text ≥ 11 px, the first 20 rows
    shown and a button that shows the rest (fold.js)."""
    page = tab(SIZES["phone"])
    page.goto(server + path)
    width = SIZES["phone"]["width"]
    seen = page.evaluate(PHONE_LAYOUT, table)
    assert seen["scroll"] <= width + 1 and seen["widest"] <= width + 1, seen
    assert seen["cards"] and seen["smallest"] >= 11, seen
    assert seen["rows"] > 20 and seen["shown"] == 20, seen
    page.locator(".fold-more").first.click()
    assert page.evaluate(PHONE_LAYOUT, table)["shown"] == seen["rows"]


def test_the_english_comparison_shows_every_column_at_1280_px(server, tab):
    """Its long English heads ("Count in Selection A") pushed the links out of the box."""
    page = tab({"width": 1280, "height": 860})
    page.goto(server + "/compare?a=province:广东&b=province:四川&ui=en")
    box = page.locator(".compare-side .scroll").first.bounding_box()
    last = page.locator(".compare-side table.terms thead th").last.bounding_box()
    assert last["x"] + last["width"] <= box["x"] + box["width"] + 1, "a column is out of view"


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("/trend?q=双城经济圈|乡村振兴&ui=en", "#province-table"),  # under the map, it was held to the map's 440 px
        ("/trend?q=双城经济圈|乡村振兴&ui=en", "#year-table"),  # the heads did not wrap: the last column scrolled off
        ("/doc/2024-sichuan-work-report/new?ui=en", "table.terms"),  # numeric heads nowrap: Paragraphs off
    ],
)
def test_two_terms_and_a_reports_new_expressions_show_every_column_at_1280_px(server, tab, path, table):
    page = tab({"width": 1280, "height": 860})
    page.goto(server + path)
    for summary in page.locator("details:has(table) > summary").all():
        summary.click()  # a folded table, opened
    box = page.locator(table).first.locator("xpath=..").bounding_box()  # its scroll box
    last = page.locator(table).first.locator("thead th").last.bounding_box()
    assert last["x"] + last["width"] <= box["x"] + box["width"] + 1, "a column is out of view"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_phone_documents_table_keeps_its_place_head_over_the_years_scrolled_under_it(server, tab):
    """The table opens at the recent years: the place column's head stays, as its names
    do, and the early years' heads no longer show above the names."""
    page = tab(SIZES["phone"])
    page.goto(server + "/docs")
    wrap = page.locator(".placetable-wrap")
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls, opened at its end
    head = page.locator(".placetable thead th").first.bounding_box()
    assert abs(head["x"] - wrap.bounding_box()["x"]) <= 2
    seen = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('th').textContent.trim()",
        [head["x"] + head["width"] / 2, head["y"] + head["height"] / 2],
    )
    assert seen == "地区", f"a year's head ({seen}) shows over the place column"


def test_phone_match_bar_holds_one_line_in_english(server, tab):
    """Its sentence, two buttons and the position ("2 / 5") wrapped to two lines in English
    at 390 px, over the paragraph read: on a phone the buttons show their arrows, their
    words (Previous, Next) only read out."""
    page = tab(SIZES["phone"])
    page.goto(server + "/doc/2020-chongqing-work-report?q=双城经济圈&ui=en#p34")
    page.locator("#matchbar button[data-step='1']").click()
    bar = page.locator("#matchbar")
    expect(bar.locator(".matchpos")).not_to_be_empty()
    assert bar.bounding_box()["height"] < 50, "the match bar wraps"
    expect(bar.get_by_role("button", name="Next")).to_be_visible()


def test_phone_facets_strip_says_it_scrolls_and_shows_the_next_facet(server, tab):
    """At 390 px the facets are a strip that scrolls sideways: it says so, and the third
    facet peeks in (Level, Year, Type and Language were wholly off-screen, unannounced)."""
    page = tab(SIZES["phone"])
    page.goto(server + "/search?q=发展&ui=en")
    strip = page.locator("aside.facets")
    assert strip.evaluate("e => e.scrollWidth > e.clientWidth")
    expect(page.locator(".facets-hint")).to_be_visible()
    expect(page.locator(".facets-hint")).to_contain_text("scrolls sideways")
    third = page.locator("aside.facets .facet").nth(2).bounding_box()
    assert third["x"] < SIZES["phone"]["width"] - 20, "the next facet gives no sign of itself"


def test_the_heat_map_cells_are_links_without_script_and_by_keyboard(server, browser):
    """With JavaScript off, a counted cell of the heat map is a link that takes the focus
    and opens, on Enter, its province's search in its year (at 1280 and 390 px)."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for width, height in ((1280, 860), (SIZES["phone"]["width"], SIZES["phone"]["height"])):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(server + "/trend?q=成渝")
            links = page.locator("#heat-table td a")
            assert links.count() > 0
            link = links.last  # the most recent years: the table opens there
            link.focus()
            expect(link).to_be_focused()
            shoot(page, f"trend-heat-no-script-{width}")
            href = link.get_attribute("href")
            page.keyboard.press("Enter")
            page.wait_for_url("**/search?*year=*")
            assert parse_qs(urlsplit(page.url).query) == parse_qs(urlsplit(href).query)
            expect(page.locator(".counts")).to_be_visible()
            expect(page.locator("mark").first).to_have_text("成渝")
    finally:
        context.close()


def test_phone_heat_map_opens_at_the_recent_years_with_the_place_in_view(server, tab):
    page = tab(SIZES["phone"])
    page.goto(server + "/trend?q=营商环境&ui=en")
    assert_latest_year_and_place_in_view(page, "#heat-table")  # pinned: not scrolled away with the early years
