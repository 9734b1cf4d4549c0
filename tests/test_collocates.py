"""Collocations (``/collocates``, ``/api/collocates``, ``/collocates.csv``, the CLI): the
scores against arithmetic written out here for a tiny corpus whose words are known; the
frequencies on the sample corpus against this file's own scan of the source archive
(its own tar/YAML reading, its own jieba with the policy-term dictionary); two
selections side by side; bad input a clear 400."""

from __future__ import annotations

import csv
import io
import math
import re
import tarfile
import unicodedata
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer.index.build import build
from searchui import create_app
from searchui.cli import main
from tests.conftest import PROVINCES_ARCHIVE, ROOT, write

TINY = (
    "2021 Hunan government work report\n"  # the title line is a paragraph too: 5 words
    "alpha beta gamma delta epsilon.\n"
    "zeta gamma beta, beta alpha.\n"
    "omega omega alpha beta gamma.\n"
)
SICHUAN = {"province": "四川", "level": "provincial", "year": "2021-2025", "lang": "zh"}
NODE = "营商环境"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    write(folder / "in" / "hunan.txt", TINY)
    build([folder / "in"], folder / "index", progress=False)
    return create_app(folder / "index").test_client()


def get(client, **query) -> dict:
    response = client.get("/api/collocates", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def by_term(data: dict) -> dict[str, dict]:
    return {c["term"]: c for c in data["collocates"]}


def test_scores_are_the_textbook_formulas_worked_by_hand(tiny):
    data = get(tiny, q="gamma", window=2, min=1)
    # gamma occurs 3 times. Windows of 2 words, inside the paragraph:
    #   ¶2 alpha beta [gamma] delta epsilon   → alpha beta | delta epsilon   (4 words)
    #   ¶3 zeta [gamma] beta, beta alpha      → zeta | beta beta             (3)
    #   ¶4 omega omega alpha beta [gamma]     → alpha beta |                 (2)
    # r1 = 9 words in windows; n = 5 + 5 + 5 + 5 = 20 words in the corpus.
    assert (data["node"], data["window_words"], data["words"]) == (3, 9, 20)
    beta = by_term(data)["beta"]
    # beta: o11 = 1 + 2 + 1 = 4 in windows; c1 = 1 + 2 + 1 = 4 in the corpus.
    assert (beta["frequency"], beta["corpus_frequency"]) == (4, 4)
    e11 = 9 * 4 / 20  # = 1.8
    assert beta["expected"] == pytest.approx(1.8, abs=1e-3) == pytest.approx(e11, abs=1e-3)
    assert beta["mi"] == pytest.approx(math.log2(4 / 1.8), abs=1e-3)  # 1.152
    assert beta["t_score"] == pytest.approx((4 - 1.8) / math.sqrt(4), abs=1e-3)  # 1.1
    assert beta["log_dice"] == pytest.approx(14 + math.log2(2 * 4 / (3 + 4)), abs=1e-3)  # 14.193
    # the 2×2 table: o11 = 4, o12 = 9 − 4 = 5, o21 = 4 − 4 = 0, o22 = 20 − 9 − 4 + 4 = 11;
    # expected: 9·4/20 = 1.8, 9·16/20 = 7.2, 11·4/20 = 2.2, 11·16/20 = 8.8
    g2 = 2 * (4 * math.log(4 / 1.8) + 5 * math.log(5 / 7.2) + 0 + 11 * math.log(11 / 8.8))
    assert beta["log_likelihood"] == pytest.approx(g2, abs=0.01) == pytest.approx(7.65, abs=0.01)
    alpha = by_term(data)["alpha"]
    # alpha: in ¶2's and ¶4's left windows (¶3's right window ends before it); 3 in the corpus
    assert (alpha["frequency"], alpha["corpus_frequency"]) == (2, 3)
    assert alpha["mi"] == pytest.approx(math.log2(2 / (9 * 3 / 20)), abs=1e-3)


def test_a_character_window_holds_the_words_wholly_inside_it(tiny):
    data = get(tiny, q="gamma", window=12, unit="chars", min=1)
    # ¶2 "alpha beta gamma delta epsilon.": gamma at 11–16; 12 characters each side reach
    #   back past the start and forward to 28: alpha, beta, delta (epsilon ends at 30)
    # ¶3 "zeta gamma beta, beta alpha.": gamma at 5–10, up to 22: zeta, beta, beta (alpha ends at 27)
    # ¶4 "omega omega alpha beta gamma.": gamma at 23–28, back to 11: alpha, beta (omega starts at 6)
    assert data["window_words"] == 3 + 3 + 2
    counts = {term: c["frequency"] for term, c in by_term(data).items()}
    assert counts == {"alpha": 2, "beta": 4, "delta": 1, "zeta": 1}


def test_left_and_right_windows_are_separate(tiny):
    data = get(tiny, q="gamma", left=0, right=1, min=1)
    # one word after each gamma: delta (¶2), beta (¶3), nothing (¶4 ends with it)
    assert data["window_words"] == 2
    assert {t: c["frequency"] for t, c in by_term(data).items()} == {"delta": 1, "beta": 1}


def test_every_measure_sorts_the_table(tiny):
    for sort, key in (
        ("logdice", "log_dice"),
        ("mi", "mi"),
        ("g2", "log_likelihood"),
        ("t", "t_score"),
        ("freq", "frequency"),
    ):
        rows = get(tiny, q="gamma", window=2, min=1, sort=sort)["collocates"]
        assert [r[key] for r in rows] == sorted((r[key] for r in rows), reverse=True), sort


# ------------------------------------------------------------ the sample corpus, against the source files


def plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@pytest.fixture(scope="module")
def own_jieba():
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(ROOT / "indexer" / "data" / "policy_terms.txt"))
    return tokenizer


CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORDS = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")


def words(line: str, tokenizer) -> list[tuple[str, int, int]]:
    """The words of a line: jieba's for Chinese runs, letters/digits for the rest, with offsets."""
    found = []
    for m in WORDS.finditer(line):
        if m.lastgroup == "word":
            found.append((m.group(), m.start(), m.end()))
            continue
        at = m.start()
        for word in tokenizer.cut(m.group(), HMM=True):
            found.append((word, at, at + len(word)))
            at += len(word)
    return found


def source_paragraphs(member: str) -> list[str]:
    """A report's lines as the archive holds them, without its front matter and ** marks."""
    with tarfile.open(PROVINCES_ARCHIVE) as archive:
        text = archive.extractfile(member).read().decode("utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return [plain(line.replace("**", "")).strip() for line in body.split("\n") if line.strip()]


def scan(paragraphs: list[str], node: str, span: int, tokenizer) -> tuple[int, int, dict, dict]:
    """Occurrences, window words, window counts and corpus counts, by this file's own reading."""
    occurrences = window_total = 0
    inside: dict[str, int] = {}
    everywhere: dict[str, int] = {}
    for line in paragraphs:
        found = words(line, tokenizer)
        for w, _, _ in found:
            everywhere[w] = everywhere.get(w, 0) + 1
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(node), line)]
        covered = {k for k, (_, s, e) in enumerate(found) for a, b in spans if s < b and e > a}
        for a, b in spans:
            occurrences += 1
            mine = [k for k, (_, s, e) in enumerate(found) if s < b and e > a]
            window = list(range(max(0, mine[0] - span), mine[0])) + list(
                range(mine[-1] + 1, min(len(found), mine[-1] + 1 + span))
            )
            for k in window:
                if k not in covered:
                    window_total += 1
                    inside[found[k][0]] = inside.get(found[k][0], 0) + 1
    return occurrences, window_total, inside, everywhere


def test_frequencies_match_a_scan_of_the_source_archive(client, corpus, own_jieba):
    data = get(client, q=NODE, min=1, all=1, sort="freq", **SICHUAN)
    members = sorted(
        d["source"].split("!", 1)[1]
        for d in corpus.documents.values()
        if d["province"] == "四川"
        and d["level"] == "provincial"
        and 2021 <= (d["year"] or 0) <= 2025
        and d["lang"] == "zh"
    )
    assert len(members) == data["reports"] == 5
    paragraphs = [p for member in members for p in source_paragraphs(member)]
    occurrences, window_total, inside, everywhere = scan(paragraphs, NODE, 5, own_jieba)
    assert occurrences == data["node"] > 20
    assert window_total == data["window_words"]
    assert data["words"] == sum(everywhere.values())
    for row in data["collocates"][:25]:
        assert (row["frequency"], row["corpus_frequency"]) == (inside[row["term"]], everywhere[row["term"]]), row[
            "term"
        ]


def test_place_names_and_function_words_are_left_out_unless_all(client):
    shown = {c["term"] for c in get(client, q=NODE, min=1, **SICHUAN)["collocates"]}
    everything = {c["term"] for c in get(client, q=NODE, min=1, all=1, **SICHUAN)["collocates"]}
    left_out = everything - shown
    assert {"的", "和"} & left_out and not {"的", "和", "四川", "四川省", "我们", "进一步"} & shown
    assert shown and shown < everything


# ------------------------------------------------------------ two selections


def test_two_selections_side_by_side(client):
    a, b = "province:四川 level:provincial", "province:重庆"
    data = get(client, q=NODE, a=a, b=b, min=2)
    for side, filters in (("a", {"province": "四川", "level": "provincial"}), ("b", {"province": "重庆"})):
        alone = by_term(get(client, q=NODE, min=1, all=0, **filters))
        assert data[side]["node"] == get(client, q=NODE, min=1, **filters)["node"]
        for row in data["rows"]:
            scores = row[side]
            assert (scores["frequency"] if scores else 0) == (
                alone[row["term"]]["frequency"] if row["term"] in alone else 0
            )
    wa, wb = data["a"]["window_words"], data["b"]["window_words"]
    for row in data["rows"]:
        fa, fb = (row[s]["frequency"] if row[s] else 0 for s in ("a", "b"))
        assert max(fa, fb) >= 2
        # G² of the two sides' window counts: expected = window words × (fa + fb) / (wa + wb)
        ea, eb = wa * (fa + fb) / (wa + wb), wb * (fa + fb) / (wa + wb)
        g2 = 2 * sum(o * math.log(o / e) for o, e in ((fa, ea), (fb, eb)) if o)
        assert row["keyness"] == pytest.approx(g2, abs=0.01), row["term"]
        ratio = math.log2((max(fa, 0.5) / wa) / (max(fb, 0.5) / wb))
        assert row["prefers"] == ("" if g2 < 3.84 else "a" if ratio > 0 else "b"), row["term"]
    assert {row["prefers"] for row in data["rows"]} >= {"a", ""}


# ------------------------------------------------------------ pages, CSV, CLI, bad input


def test_the_page_and_the_csv_show_the_api_rows(client):
    data = get(client, q=NODE, **SICHUAN)
    html = client.get("/collocates", query_string={"q": NODE, **SICHUAN}).get_data(as_text=True)
    for row in data["collocates"][:10]:
        assert f">{row['term']}</th>" in html
        assert row["trend_url"] in html.replace("&amp;", "&") and row["kwic_url"].startswith("/kwic?q=")
    text = client.get("/collocates.csv", query_string={"q": NODE, **SICHUAN}).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["term"] for r in rows] == [c["term"] for c in data["collocates"]]
    assert [int(r["frequency"]) for r in rows] == [c["frequency"] for c in data["collocates"]]


def test_its_filters_are_chips_and_the_trend_and_concordance_link_to_it(client):
    """A filter narrows the collocations: it is shown as a chip that removes it; the trend
    and the concordance of a term link to its collocations with their filters."""
    html = client.get("/collocates", query_string={"q": NODE, "province": "四川", "year": "2021-2025"}).get_data(
        as_text=True
    )
    chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+)<', html)
    assert sorted(label.strip() for _, label in chips) == ["年份: 2021-2025", "省份: 四川"]
    for href, label in chips:
        url = urlsplit(unescape(href))
        args = parse_qs(url.query)
        assert url.path == "/collocates" and args["q"] == [NODE]
        assert ("province" in args) == ("省份" not in label) and ("year" in args) == ("年份" not in label)
    assert 'class="chip"' not in client.get("/collocates", query_string={"q": NODE}).get_data(as_text=True)
    for view in ("/trend", "/kwic"):
        page = client.get(view, query_string={"q": NODE, "province": "四川", "ui": "en"}).get_data(as_text=True)
        link = re.search(r'<a href="(/collocates\?[^"]+)"[^>]*>Collocates</a>', page)
        assert link, view
        assert parse_qs(urlsplit(unescape(link.group(1))).query) == {"q": [NODE], "province": ["四川"], "ui": ["en"]}


def test_cli_prints_the_csv_of_the_web(corpus_index_dir, client, capsys):
    args = [
        "collocates",
        NODE,
        "--province",
        "四川",
        "--level",
        "provincial",
        "--year",
        "2021-2025",
        "--lang",
        "zh",
        "--csv",
    ]
    assert main([*args, "--index", str(corpus_index_dir)]) == 0
    web = client.get("/collocates.csv", query_string={"q": NODE, **SICHUAN}).get_data(as_text=True)
    assert capsys.readouterr().out == web
    assert main(["collocates", NODE, "--window", "0", "--index", str(corpus_index_dir)]) == 2


@pytest.mark.parametrize(
    "query",
    [
        {"q": NODE, "window": "0"},
        {"q": NODE, "window": "100"},
        {"q": NODE, "window": "100", "unit": "chars"},
        {"q": NODE, "left": "-1"},
        {"q": NODE, "left": "0", "right": "0"},
        {"q": NODE, "window": "five"},
        {"q": NODE, "unit": "sentences"},
        {"q": NODE, "min": "0"},
        {"q": NODE, "sort": "pmi"},
        {"q": "量子引力波"},
        {"q": NODE, "year": "1800"},
        {"q": NODE, "province": "火星"},
        {"q": NODE, "a": "province:四川"},
        {"q": NODE, "a": "发展", "b": "province:重庆"},
        {"q": ""},
    ],
)
@pytest.mark.parametrize("path", ["/api/collocates", "/collocates.csv", "/collocates"])
def test_bad_input_is_a_clear_400(client, path, query):
    if path == "/collocates" and not query["q"]:
        assert client.get(path, query_string=query).status_code == 200  # the empty form
        return
    response = client.get(path, query_string=query)
    assert response.status_code == 400
    if path == "/collocates":
        assert "<h1" in response.get_data(as_text=True)
    else:
        assert response.get_json()["error"]


def test_the_words_file_is_part_of_every_generation(corpus_index_dir):
    generation = max(Path(corpus_index_dir).glob("gen-*"))
    assert (generation / "tokens-ids.npy").exists() and (generation / "tokens-report-counts.npy").exists()
