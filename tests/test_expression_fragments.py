"""A report's new expressions are no pieces of longer names: checked against the source
files (``tests.truth``), where a piece shows itself by always standing after the same
characters, in every report that has it (成渝/地区双城经济圈建设)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from indexer.search.novelty import new_terms
from tests.truth import matched

REPORTS = (
    "2020-sichuan-work-report",
    "2020-sichuan-chengdu-work-report",
    "2022-anhui-lu-an-work-report",
    "2018-sichuan-work-report",
    "2022-sichuan-chengdu-work-report",
)
TOP = 20
MIN_SEEN = 3  # occurrences, in at least two reports, before a fixed left context says "a piece"
CHINESE = re.compile(r"[\u3400-\u9fff]")
PARTICLES = set("的之和与及、")  # after these a term begins: 党的/二十大


@pytest.fixture(scope="module")
def files(corpus, source_reports) -> dict:
    return matched(corpus.documents, source_reports)


def fixed_left_context(files: dict, term: str) -> str | None:
    """The two characters before every occurrence of ``term`` in the files, when they are
    always the same Chinese characters (no particle) over enough occurrences and reports."""
    contexts: set[str] = set()
    seen = reports = 0
    for source in files.values():
        starts = [m.start() for m in re.finditer(re.escape(term), source.joined)]
        contexts |= {source.joined[max(s - 2, 0) : s] for s in starts}
        seen += len(starts)
        reports += bool(starts)
    if len(contexts) != 1 or seen < MIN_SEEN or reports < 2:
        return None
    context = contexts.pop()
    return context if len(context) == 2 and CHINESE.match(context[-1]) and context[-1] not in PARTICLES else None


@pytest.mark.parametrize("doc_id", REPORTS)
def test_no_new_expression_always_follows_the_same_characters(corpus, files, doc_id):
    listed = [t.term for t in new_terms(corpus, doc_id, None).new[:TOP]]
    assert len(listed) == TOP
    pieces = {t: c for t in listed if (c := fixed_left_context(files, t))}
    assert not pieces, pieces


def test_an_expression_after_a_verb_or_adjective_stays_and_after_a_numeral_or_adverb_goes():
    """壮大耐心资本 is 耐心资本 with a verb before it; 三线一单 and 急难愁盼 are one expression
    each, whatever their ends do elsewhere (jieba's dictionary: 壮大 a, 三线 m, 急难 d)."""
    from indexer.search.novelty_pieces import Candidate, without_fragments

    counts = {"壮大耐心资本": 1, "耐心资本": 1, "三线一单": 2, "一单": 2, "急难愁盼": 3, "愁盼": 3}
    found = [Candidate(k, term, n, 1.0, 1.0, False) for k, (term, n) in enumerate(counts.items())]
    spread = np.array([3, 4, 3, 4, 3, 4], dtype=np.int32)  # each end known in more reports than its longer one
    occurrences = np.array([3, 4, 3, 4, 3, 4])  # and mostly inside it: 3 × 2 > 4
    kept = [c.term for c in without_fragments(found, spread, occurrences)]
    # by hand: only an end after a verb or adjective is tested as a word would be (known more widely: stays)
    assert kept == ["壮大耐心资本", "耐心资本", "三线一单", "急难愁盼"]
