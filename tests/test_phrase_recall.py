"""Phrase search is exact: for every phrase, the matching paragraphs are exactly the
paragraphs whose (normalised) text contains it — recall and precision 1.0 against a
brute-force scan of every indexed paragraph (grep)."""

from __future__ import annotations

import json
import re
import tarfile
from functools import cache

import pytest

from tests.conftest import BUNDLED_CORPUS, search_all
from tests.truth.normal import fold

CHINESE_PHRASES = [
    "双城经济圈",
    "成渝地区双城经济圈建设",
    "营商环境",
    "供给侧结构性改革",
    "长三角一体化",
    "放管服",
    "乡村振兴",
    "脱贫攻坚",
    "高质量发展",
    "粤港澳大湾区",
    "一带一路",
    "新型基础设施",
    "形式主义官僚主义",  # joined across a PDF page break in the Anhui report
    "济圈",  # crosses a word boundary
    "展的重",
    "经济",
    "渝",  # single characters
    "皖",
    "疫",
    "国务院",
    "宪法草案",  # the 1954 report has it in traditional characters, 憲法草案
    "中华人民共和国宪法",
    "人民代表大会第三次会议",
    "十四五",
    "“放管服”改革",  # with punctuation inside the quotes
]
ENGLISH_PHRASES = [
    "twin-city economic circle",
    "poverty alleviation",
    "Chengdu-Chongqing",
    "Central Economic Work Conference",
    "supply-side structural reforms",
    "high-quality development",
    "the Party Central Committee",
    "people's livelihood",
]
MIXED = ["2020年", "PM2.5", "5G网络", "G60科创走廊", "人工智能+", "互联网+"]  # a symbol of a term counts


CJK = "\u3007\u3400-\u9fff\uf900-\ufaff"


def grep(paragraphs: list[dict], phrase: str) -> set[tuple[str, int]]:
    """Brute force: the paragraphs containing the phrase, both folded by the tests' own
    normaliser (NFKC, the corpus's traditional characters, lower case). Chinese
    characters must be adjacent; words match whole; a "+" is a piece of its own. Punctuation or spaces typed
    between two pieces of a phrase match any punctuation or spaces in the text —
    at least one between two Chinese pieces (“放管服”改革 is not 放管服改革)."""
    needle = fold(phrase)
    pieces = re.findall(f"[{CJK}]+|[^\\W_{CJK}]+|\\+", needle)
    pattern = ""
    for k, piece in enumerate(pieces):
        cjk = bool(re.match(f"[{CJK}]", piece))
        if k:
            pattern += r"[\W_]+" if cjk and re.match(f"[{CJK}]", pieces[k - 1]) else r"[\W_]*"
        pattern += re.escape(piece) if cjk else f"(?<![^\\W_{CJK}]){re.escape(piece)}(?![^\\W_{CJK}])"
    regex = re.compile(pattern)
    return {(p["doc_id"], p["paragraph"]) for p in paragraphs if regex.search(folded(p["text"]))}


@cache
def folded(text: str) -> str:
    """A paragraph folded once for all the phrases."""
    return fold(text)


@pytest.mark.parametrize("phrase", CHINESE_PHRASES + ENGLISH_PHRASES + MIXED)
def test_quoted_phrase_matches_exactly_the_paragraphs_that_contain_it(corpus, all_paragraphs, phrase):
    expected = grep(all_paragraphs, phrase)
    result, found = search_all(corpus, f'"{phrase}"')
    assert result.summary.total == len(expected)
    assert found == expected


@pytest.mark.parametrize("phrase", CHINESE_PHRASES[:12])
def test_an_unquoted_chinese_run_is_matched_as_a_substring_too(corpus, all_paragraphs, phrase):
    _, found = search_all(corpus, phrase)
    assert found == grep(all_paragraphs, phrase)


def test_every_phrase_of_the_list_occurs(all_paragraphs):
    # A recall test over a phrase that matches nothing would prove nothing.
    assert [p for p in CHINESE_PHRASES + ENGLISH_PHRASES + MIXED if not grep(all_paragraphs, p)] == []


def test_a_symbol_term_is_not_found_without_its_symbol(corpus, all_paragraphs):
    """人工智能+ is fewer paragraphs than 人工智能: the search does not drop the "+"."""
    for term in ("人工智能+", "互联网+"):
        with_symbol, without = grep(all_paragraphs, term), grep(all_paragraphs, term[:-1])
        assert 0 < len(with_symbol) < len(without)
        assert search_all(corpus, f'"{term}"')[1] == with_symbol


def test_raw_grep_lines_are_all_found(corpus):
    """Against the raw seed file (no normalisation at all): every line of the
    collection that contains 双城经济圈 is found in the report it belongs to."""
    raw = (BUNDLED_CORPUS / "seeds" / "002_fcb4acf3a3c06b95.txt").read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if "双城经济圈" in line]
    _, found = search_all(corpus, "双城经济圈")
    found_texts = _texts(corpus, found)
    for line in lines:
        assert any(line.strip()[:40] in text for text in found_texts), line[:40]


def _texts(corpus, keys):
    reader = corpus.searcher.reader()
    return [f["text"] for _, f in reader.iter_docs() if (f["doc_id"], f["paragraph"]) in keys]


def test_scattered_words_do_not_match_a_chinese_run(corpus, all_paragraphs):
    # 双城 … 经济圈 far apart must not count as 双城经济圈
    scattered = {
        (p["doc_id"], p["paragraph"])
        for p in all_paragraphs
        if "双城" in p["text"] and "经济圈" in p["text"] and "双城经济圈" not in p["text"]
    }
    _, found = search_all(corpus, "双城经济圈")
    assert not (found & scattered)


def test_two_runs_separated_by_a_space_are_and(corpus, all_paragraphs):
    expected = grep(all_paragraphs, "双城") & grep(all_paragraphs, "经济圈")
    _, found = search_all(corpus, "双城 经济圈")
    assert found == expected


def test_exact_phrase_survives_whooshs_own_collectors(corpus):
    """Whoosh's collectors call matcher.replace(); the phrase matcher must not break."""
    from indexer.query.compile import build_query
    from indexer.query.syntax import parse

    query = build_query(parse("双城经济圈"))
    expected = search_all(corpus, "双城经济圈")[0].summary.total
    with corpus.index.searcher() as searcher:
        top = searcher.search(query, limit=5)
        assert top.scored_length() == 5 and len(top) == expected > 5
        assert searcher.search(query, limit=None).scored_length() == expected


# ---------------------------------------------------------------- truth from the source files

_HEADER = re.compile(r"^【第([一二三四五六七八九十]+)篇】")
_TOC_ENTRY = re.compile(r"\.{3,}\s*\d+\s*$")


_MARKDOWN_EXTRAS = re.compile(r"\A---\n.*?\n-{3,}\n|<!--.*?-->|<details>.*?</details>", re.DOTALL)


def source_units(folder) -> dict[tuple[str, str], list[str]]:
    """(source, part) → raw lines of each report, read from the files themselves:
    the collection cut at its 【第N篇】 headers, one unit per JSONL record, a Markdown
    member of an archive without its front matter, comments and folded contents, the
    rest whole."""
    units: dict[tuple[str, str], list[str]] = {}
    for path in sorted(folder.rglob("*")):
        source = f"corpus/{path.relative_to(folder).as_posix()}"
        if path.name.endswith(".tar.xz"):
            with tarfile.open(path) as archive:
                for info in archive:
                    if info.isfile() and info.name.endswith(".md"):
                        text = archive.extractfile(info).read().decode("utf-8")
                        units[(f"{source}!{info.name}", "")] = _MARKDOWN_EXTRAS.sub("", text).split("\n")
        elif path.suffix == ".jsonl":
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                units[(source, f"#{number}")] = json.loads(line)["content"].split("\n")
        elif path.suffix == ".txt":
            part = ""
            for line in path.read_text(encoding="utf-8").splitlines():
                if (header := _HEADER.match(line)) and not _TOC_ENTRY.search(line):
                    part = f"第{header.group(1)}篇"
                    continue
                units.setdefault((source, part), []).append(line)
    return units


PLAIN_CHINESE = [p for p in CHINESE_PHRASES if re.fullmatch(f"[{CJK}]+", p)]


@pytest.fixture(scope="module")
def folded_units(corpus_build, test_corpus) -> dict[tuple[str, str], tuple[list[str], str]]:
    """Each report's source lines folded one by one, and folded with every line break
    removed; what the build skips with a reason (a report bundled twice, the source's
    README) left out (test_ingest checks which). Read once for every phrase."""
    skipped = {source for source, _ in corpus_build[1].skipped}
    return {
        key: ([fold(line) for line in lines], fold("".join(lines)))
        for key, lines in source_units(test_corpus).items()
        if f"{key[0]} {key[1]}".strip() not in skipped
    }


@pytest.mark.parametrize("phrase", PLAIN_CHINESE)
def test_reports_found_match_the_source_files(corpus, folded_units, phrase):
    """Every report whose source text has the phrase on one line is found; none is
    found whose source text lacks it even with every line break removed (the engine
    joins lines that a page break split, and a collection's table of contents, read
    before the first report, is no report)."""
    on_a_line = {key for key, (lines, _) in folded_units.items() if any(phrase in line for line in lines)}
    anywhere = {key for key, (_, joined) in folded_units.items() if phrase in joined}
    _, found = search_all(corpus, f'"{phrase}"')
    reports = {(corpus.documents[doc]["source"], corpus.documents[doc]["source_part"]) for doc, _ in found}
    assert on_a_line, "a phrase the sources lack tests nothing"
    assert on_a_line <= reports <= anywhere


def test_simplified_and_traditional_find_the_traditional_text(corpus):
    """The 1954 report is in traditional characters: 宪法草案 and 憲法草案 both find its 憲法草案."""
    simplified, found = search_all(corpus, "宪法草案")
    _, found_traditional = search_all(corpus, "憲法草案")
    assert found == found_traditional
    texts = {(h.doc["doc_id"], h.snippet.text) for h in simplified.hits}
    assert any(doc == "1954-national-work-report" and "憲法草案" in text for doc, text in texts)
