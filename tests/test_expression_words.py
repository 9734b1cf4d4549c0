"""The expressions step reads jieba's words of every run of a report (Chinese characters,
letters, digits and "+") off the words the index's analysis saved
(``indexer.index.run_words``) instead of running jieba a second time. They must be the
words jieba itself gives each run: checked against a stock jieba with the policy-term
dictionary, run by this test on each run this test finds, for paragraphs written here
and for reports of the sample index; and a build's expressions must be those the same
step counts with no saved words to read (jieba on every run, as before)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jieba
import numpy as np
import pytest

import indexer.index.run_words as run_words
from indexer.analysis import normalize
from indexer.index import expressions, store
from indexer.index.analyse import paragraph_words
from indexer.index.build import build
from indexer.index.expression_matrix import ARRAYS, ExpressionCounts
from indexer.index.reports import ReportTexts
from indexer.index.tokens import Tokens

POLICY_TERMS = Path(__file__).resolve().parents[1] / "indexer" / "data" / "policy_terms.txt"
CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
RUN = re.compile(f"[{CJK}a-z0-9+]+")  # what the expressions step segments: a run of a term's characters
PARAGRAPHS = (
    "全年国内生产总值134.9万亿元，比上年增长5%。",  # digits inside runs of Chinese characters
    "加快5g网络和千兆光网建设，开展“人工智能+”行动，推进互联网+政务服务。",  # letters, digits and +
    "推动长三角一体化发展，因地制宜发展新质生产力。",  # Chinese only
    "GDP grew by 5.2 percent, 新动能 grew faster.",  # English around a Chinese run
)
SAMPLED = 10  # every tenth report of the sample index
FEW = 4  # national reports (two long, two short) in a small build
MOST = 0.75  # of the characters of the runs: read off the saved words, not segmented again


@cache
def stock_jieba() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(POLICY_TERMS))
    return tokenizer


def jieba_runs(normalized: str) -> list[list[str]]:
    """jieba's words of each run of the text, segmented here."""
    return [[w for w in stock_jieba().cut(run, HMM=True) if w] for run in RUN.findall(normalized)]


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_the_runs_words_are_jiebas_own(paragraph):
    normalized = normalize(paragraph).text
    saved = [w for w, _, _ in paragraph_words(paragraph)]
    assert run_words.paragraph_runs(normalized, saved) == jieba_runs(normalized)
    assert run_words.paragraph_runs(normalized, None) == jieba_runs(normalized)


def test_words_that_do_not_spell_the_paragraph_are_not_used():
    normalized = normalize(PARAGRAPHS[2]).text
    stale = [w for w, _, _ in paragraph_words(PARAGRAPHS[2].replace("长三角", "珠三角"))]
    assert run_words.paragraph_runs(normalized, stale) == jieba_runs(normalized)
    assert run_words.paragraph_runs(normalized, stale[:-1]) == jieba_runs(normalized)


def test_the_sample_reports_runs_are_jiebas_and_mostly_read_off_the_saved_words(corpus_index_dir, monkeypatch):
    generation = store.current_generation(corpus_index_dir)
    tokens = Tokens.load(generation)
    assert tokens is not None
    segmented_again: list[str] = []
    segment = run_words.jieba_words
    monkeypatch.setattr(run_words, "jieba_words", lambda run: segmented_again.append(run) or segment(run))
    doc_ids = sorted(d["doc_id"] for s in store.read_state(generation)["sources"].values() for d in s["documents"])
    characters = 0
    for _, paragraphs, docnums in ReportTexts.open(generation).paragraphs(doc_ids[::SAMPLED]):
        normalized = [normalize(t).text for t in paragraphs]
        assert run_words.report_runs(normalized, docnums, tokens) == [r for t in normalized for r in jieba_runs(t)]
        characters += sum(len(run) for t in normalized for run in RUN.findall(t))
    assert characters and sum(map(len, segmented_again)) < (1 - MOST) * characters


@pytest.fixture(scope="module")
def few_reports(test_corpus, tmp_path_factory) -> Path:
    """A generation of a few of the national reports."""
    folder = tmp_path_factory.mktemp("few-reports")
    lines = (test_corpus / "state-council" / "government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "reports").mkdir()
    (folder / "reports" / "few.jsonl").write_text("\n".join(lines[:FEW]) + "\n", encoding="utf-8")
    build([folder / "reports"], folder / "index", progress=False)
    return store.current_generation(folder / "index")


def test_a_builds_expressions_are_those_of_jieba_on_every_run(few_reports, monkeypatch):
    saved = ExpressionCounts.load(few_reports)
    assert len(saved.terms) and saved.own.any()
    monkeypatch.setattr(run_words.Tokens, "load", classmethod(lambda cls, generation: None))
    again = expressions.count_expressions(few_reports)
    for name in ARRAYS:
        assert np.array_equal(getattr(saved, name), getattr(again, name)), name
