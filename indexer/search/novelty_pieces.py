"""What is no term of its own among a report's new expressions (``indexer.search.novelty``):
fragments of a longer new expression, pieces of a longer term of the vocabulary or of
a longer string of the report, jieba's accidents and verb phrases. Only the report's
list is judged so: the year view counts the places that first used each expression,
and there a piece still marks a first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import ahocorasick
import numpy as np

from indexer.analysis import known_words
from indexer.analysis.report_units import quoted
from indexer.analysis.unit_context import NOT_ATTACHING
from indexer.analysis.unit_edges import VERBS, tag
from indexer.index.expression_matrix import ExpressionCounts

MAX_CHARS = 10  # the longest term
_CJK = re.compile(r"[\u3400-\u9fff]+")
ALONE_SHARE = 2  # a piece stands alone when at most half its occurrences are inside the longer one
WRAPPING_WORDS = VERBS | {"a"}  # a word before an expression that makes no new one of it (壮大耐心资本)
INSIDE_SHARE = 0.9  # a term inside one longer term at this share of its corpus occurrences is a piece of it
PHRASE_SHARE = 0.2  # a term + a verb at less than this share of the term's occurrences is a phrase
VERB_CHARS = 2  # … a verb of two characters (建设, 实施; not 促进法 of 民营经济促进法, a verb to jieba)
MIN_HEAD = 3  # … a term of this many characters or more (冰雪/旅游 and 耕地/修复 are not judged so)
NEIGHBOUR = 2  # characters read on each side of a term in the report (``pieces_here``)
PARTICLES = frozenset("的之和与及")  # after or before these a term begins or ends: 党的/二十大
MIN_COUNT = 2  # occurrences in the report before its neighbours say "a piece"
ACCIDENT_REPORTS = 10  # a string in this many reports that no other report has as a unit: jieba's accident here


@dataclass
class Candidate:
    """An expression of a report as it is ranked and judged."""

    id: int  # the term's column in the expression counts
    term: str
    count: int
    keyness: float
    ratio: float
    first_anywhere: bool
    paragraphs: list[int] = field(default_factory=list)


def without_pieces(matrix: ExpressionCounts, row: int, found: list[Candidate], text: str) -> list[Candidate]:
    """A report's new expressions without pieces of longer terms, jieba's accidents, verb
    phrases and pieces of a longer string of the report's ``text`` (below), unless the
    report quotes them (“两种资源” is its term).
    Only the report's list: the year view counts the places that first used each
    expression, and there a piece still marks a first use (统一大市场, in 全国统一大市场 in
    most reports, is a first use in 24 provinces)."""
    terms = {c.term for c in found}
    ids = np.fromiter((c.id for c in found), dtype=np.int64, count=len(found))
    gone = pieces_of_longer_terms(matrix, row, terms) | accidents(matrix, ids) | verb_phrases(matrix, terms)
    gone |= pieces_here(text, terms, _own_terms(matrix, row))
    gone -= quoted(text)
    return [c for c in found if c.term not in gone]


def _own_terms(matrix: ExpressionCounts, row: int) -> set[str]:
    here = matrix.entries(row)
    return set(matrix.terms[matrix.indices[here][matrix.own[here]]].tolist())


def pieces_here(text: str, terms: set[str], own: set[str]) -> set[str]:
    """The ``terms`` used twice or more in ``text``, each time after the same two Chinese
    characters or each time before the same two, that are no boundary: no function word,
    verb, adverb, numeral or measure word, nor the edge of another of the report's ``own``
    expressions of MIN_HEAD characters or more (湟水/河出, 长株潭国家/自主…, 一批/抗旱应急/水源;
    not 发展/低空经济, nor 产城融合/城乡统筹): there they are pieces of a longer string, as the
    build's own test finds by the words around a unit (``indexer.analysis.unit_context``),
    here by the characters. A word of the dictionaries never is (国内国际/双循环)."""
    starts: dict[str, list[int]] = {}
    for end, term in term_automaton(terms).iter(text):
        starts.setdefault(term, []).append(end - len(term) + 1)
    found: set[str] = set()
    for term, where in starts.items():
        if len(where) < MIN_COUNT or term in known_words():
            continue
        before = [text[max(s - MAX_CHARS, 0) : s] for s in where]
        after = [text[s + len(term) : s + len(term) + MAX_CHARS] for s in where]
        if _held(before, -1, own) or _held(after, 0, own):
            found.add(term)
    return found


def _held(sides: list[str], side: int, own: set[str]) -> bool:
    """Whether the texts on one side of a term (``side``: -1 before it, 0 after) hold it
    to a longer string: the same two Chinese characters next to it every time, no
    particle, neither they as a word nor the character touching the term a boundary
    (``unit_context.NOT_ATTACHING``, an adjective of two characters), and no other
    expression of the report ending or beginning right there."""
    neighbours = {t[-NEIGHBOUR:] if side else t[:NEIGHBOUR] for t in sides}
    neighbour = neighbours.pop()
    if neighbours or len(neighbour) < NEIGHBOUR or not _CJK.fullmatch(neighbour) or PARTICLES & set(neighbour):
        return False
    word = neighbour in known_words() and (tag(neighbour) in NOT_ATTACHING or tag(neighbour) == "a")
    if word or tag(neighbour[side]) in NOT_ATTACHING:
        return False
    ends = range(MIN_HEAD, MAX_CHARS + 1)
    return not any((t[-k:] if side else t[:k]) in own for t in sides for k in ends if k <= len(t))


def term_automaton(terms: set[str]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton finding the terms (each found as itself)."""
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return automaton


def verb_phrases(matrix: ExpressionCounts, terms: set[str]) -> set[str]:
    """The ``terms`` that are a term of the vocabulary (MIN_HEAD characters or more) with a
    verb or verbal noun of two characters of the dictionaries after it, where the corpus has the longer one
    at less than PHRASE_SHARE of the term's occurrences: what is done to the term, not a
    name (自贸区/建设, 国家战略/实施, 新质生产力/发展: 17 of 146); one the corpus has as its
    usual use stays (新农村/建设: 760 of 1,058; 商事制度/改革)."""
    found: set[str] = set()
    for term in terms:
        head, tail = term[:-VERB_CHARS], term[-VERB_CHARS:]
        if len(head) < MIN_HEAD or tail not in known_words() or tag(tail) not in VERBS:
            continue
        k = int(np.searchsorted(matrix.terms, head))
        if k < len(matrix.terms) and matrix.terms[k] == head:
            longer = int(np.searchsorted(matrix.terms, term))
            if matrix.occurrences[longer] < PHRASE_SHARE * matrix.occurrences[k]:
                found.add(term)
    return found


def accidents(matrix: ExpressionCounts, ids: np.ndarray) -> set[str]:
    """The terms of ``ids`` that only one report (this one) has as an expression of its own
    though ACCIDENT_REPORTS reports or more hold the string: the others read it as part
    of something else (多支 of 一干多支, 村达 of …的村达93.7%, 企业融通 of 大中小企业融通发展),
    so the boundaries that made it a unit here are jieba's accident, not a term."""
    lone = ids[(matrix.spread[ids] <= 1) & (reports_holding(matrix)[ids] >= ACCIDENT_REPORTS)]
    return set(matrix.terms[lone].tolist())


_HOLDING: list[tuple[np.ndarray, np.ndarray]] = []  # the last counts' indices, and per term its reports


def reports_holding(matrix: ExpressionCounts) -> np.ndarray:
    """Per term, in how many reports the string occurs; counted once per generation (the
    snapshot keeps its memory-mapped arrays), as ``first_use.ordinary_words`` is."""
    if not _HOLDING or _HOLDING[0][0] is not matrix.indices:
        _HOLDING[:] = [(matrix.indices, np.bincount(matrix.indices, minlength=len(matrix.terms)))]
    return _HOLDING[0][1]


def pieces_of_longer_terms(matrix: ExpressionCounts, row: int, terms: set[str]) -> set[str]:
    """The ``terms`` that are pieces of one longer term of the vocabulary: every occurrence
    in the report is inside it, and so are INSIDE_SHARE of its occurrences in the whole
    corpus (未供 in 批而未供). The longer term need not be new, nor an expression of this
    report: the piece is no unit of its own. A word of the dictionaries never is a piece
    (双循环 names the policy of 国内国际双循环), as in the build (``indexer.analysis.report_units``),
    and a term used here once outside the longer one stays."""
    if not terms:
        return set()
    here = matrix.entries(row)
    ids, counts = matrix.indices[here], matrix.counts[here]
    vocabulary = matrix.terms[ids].tolist()
    count = dict(zip(vocabulary, counts.tolist(), strict=True))
    occurrences = matrix.occurrences
    corpus = dict(zip(vocabulary, occurrences[ids].tolist(), strict=True))
    inside = _pieces(terms)
    found: set[str] = set()
    for longer in vocabulary:
        for piece in inside(longer) - known_words():
            if count[piece] == count[longer] and corpus[longer] >= INSIDE_SHARE * corpus[piece]:
                found.add(piece)
    return found


@dataclass
class _Longer:
    """What a fragment test needs of a longer candidate containing a piece."""

    count: int  # in this report
    spread: int | None  # in how many reports it is an expression (None: the piece never stands alone)
    occurrences: int  # in the whole corpus (0 for a word of the dictionaries in it: a word stands on its own)


def without_fragments(found: list[Candidate], spread: np.ndarray, occurrences: np.ndarray) -> list[Candidate]:
    """Drop an expression that occurs exactly as often as a longer one containing it: a
    fragment (一体化 only ever in 长三角一体化, 千万工程 in 百千万工程, 二中全会精神 in
    二十届二中全会精神). The longer one's beginning, or a word of the dictionaries in it,
    is kept when it stands on its own in the corpus (``_stands_alone``: 新质生产力 in
    新质生产力发展, 双循环 in 国内国际双循环, not 国际产能 in 国际产能合作); another end or middle
    of it never is. Each kept expression registers its substrings, so the test is a
    lookup, not a scan."""
    inside: dict[str, list[_Longer]] = {}  # a candidate → the longer ones containing it
    dropped: set[int] = set()
    pieces = _pieces({c.term for c in found})  # only a candidate is ever looked up
    ids = np.fromiter((c.id for c in found), dtype=np.int64, count=len(found))
    figures = dict(zip(ids.tolist(), zip(spread[ids].tolist(), occurrences[ids].tolist(), strict=True), strict=True))
    for candidate in sorted(found, key=lambda c: -len(c.term)):
        known, used = figures[candidate.id]  # read at once: one memory-mapped lookup each was a third of the time
        if any(
            longer.count == candidate.count and not _stands_alone(known, used, longer)
            for longer in inside.get(candidate.term, ())
        ):
            dropped.add(id(candidate))
            continue
        term = candidate.term
        for piece in pieces(term):
            word = piece in known_words() or _after_a_word(term, piece)
            keeps = term.startswith(piece) or word
            inside.setdefault(piece, []).append(_Longer(candidate.count, known if keeps else None, 0 if word else used))
    return [c for c in found if id(c) not in dropped]


def _after_a_word(term: str, piece: str) -> bool:
    """Whether ``term`` is a verb or adjective of the dictionaries before ``piece`` (壮大
    before 耐心资本): the piece then stands to it as a word does. Not a numeral or an
    adverb: 三线一单 and 急难愁盼 are one expression each."""
    head = term[: -len(piece)]
    return term.endswith(piece) and len(head) >= 2 and head in known_words() and tag(head) in WRAPPING_WORDS


def _stands_alone(spread: int, occurrences: int, longer: _Longer) -> bool:
    """Whether a piece of a longer expression is one of its own in the corpus: an
    expression of more reports than the longer one, and, unless a word of the
    dictionaries (双循环), used outside it at least as often as inside (新质生产力: 4 of its
    24 occurrences in 新质生产力发展; 国际产能: 30 of 31 in 国际产能合作)."""
    return longer.spread is not None and spread > longer.spread and longer.occurrences * ALONE_SHARE <= occurrences


def _pieces(terms: set[str]) -> Callable[[str], set[str]]:
    """A function giving the other terms inside a term: one Aho–Corasick pass over it
    (every substring's lookup was most of the year view's time)."""
    automaton = term_automaton(terms)
    return lambda term: {piece for _, piece in automaton.iter(term)} - {term}
