"""The bench's peers answer the question ours does, or say they cannot: FTS5's counts
(trigram table from three characters, bigram table for two) against a plain scan
written here, on hand-made paragraphs and on the test corpus's paragraphs."""

from __future__ import annotations

import sqlite3

import pytest

from indexer.bench import fts5, peers

PARAGRAPHS = [
    "推动高质量发展，深化改革。",
    "发展，展示成果",  # 发展示 is not in it: the comma breaks the pair
    "经济发展经济",
    "Reform and development 改革开放",
    "建设",
]


def scan(texts: list[str], term: str) -> int:
    return sum(term.lower() in t.lower() for t in texts)


@pytest.fixture
def db(tmp_path):
    fts5.build(PARAGRAPHS, tmp_path / "f.db")
    connection = sqlite3.connect(tmp_path / "f.db")
    yield connection
    connection.close()


@pytest.mark.parametrize(
    "term", ["发展", "改革", "经济", "建设", "展示", "发展示", "高质量发展", "济发", "reform", "开放"]
)
def test_fts5_counts_every_term_of_two_characters_or_more_as_a_scan_does(db, term):
    assert fts5.count(db, term) == scan(PARAGRAPHS, term)


def test_a_term_of_one_character_is_one_fts5_cannot_answer(db):
    assert fts5.count(db, "发") is None
    result = peers.checked(lambda q: fts5.count(db, q), lambda q: scan(PARAGRAPHS, q), ["发", "发展"])
    assert result.unanswered == ["发"] and list(result.times) == ["发展"] and result.asked == 2


def test_a_wrong_count_is_not_timed():
    result = peers.checked(lambda q: 0, lambda q: 3, ["发展", "改革"])
    assert result.times == {} and result.unanswered == ["发展", "改革"]


def test_the_peers_answer_the_common_words_on_the_test_corpus(corpus, all_paragraphs, tmp_path):
    texts = [p["text"] for p in all_paragraphs[::3]]  # a third: the answers, not the size, are tested
    fts5.build(texts, tmp_path / "f.db")
    words = ["发展", "改革", "建设", "经济", "高质量发展", "成渝", "双城经济圈"]
    result = peers.fts5_checked(tmp_path / "f.db", texts, words)
    assert result.unanswered == [] and len(result.times) == len(words)
    assert all(peers.paragraphs_with(texts, w) > 0 for w in words)


@pytest.mark.skipif(peers.ripgrep() is None, reason="ripgrep is installed by the bench extra")
def test_ripgrep_counts_lines_as_a_scan_of_the_files_does(tmp_path):
    (tmp_path / "a.txt").write_text("发展\n发展 发展\n改革\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("经济发展\n", encoding="utf-8")
    result = peers.rg_checked(tmp_path, ["发展", "改革", "开放"])
    assert set(result.times) == {"发展", "改革", "开放"}
    assert peers.rg_count(peers.ripgrep(), tmp_path, "发展") == 3


def test_the_table_says_when_a_peer_cannot_answer_and_how_many_it_did():
    from indexer.bench.report import answered, per_word

    none = peers.Checked(asked=3, unanswered=["发", "展", "改"])
    assert answered(none) == "cannot answer (0 of 3)"
    some = peers.Checked(times={"发展": 2.0, "改革": 4.0}, unanswered=["发"], asked=3)
    assert answered(some).endswith("(2 of 3)")
    assert per_word(some, ["发展", "发"]) == "2.0 ms | cannot answer"
    assert answered(None) == per_word(None, ["发展"]) == "not installed"
