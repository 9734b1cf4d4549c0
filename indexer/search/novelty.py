"""New and vanished expressions (新提法): what a report says that the same place's
earlier reports never said (it is their first use: ``indexer.search.first_use``), and
what the previous report said that this one drops. A year's new vocabulary is in
``indexer.search.novelty_year``.

Built on the generation's expression counts (``indexer.index.expressions``), which
count every occurrence as the phrase search finds it: a "new" expression occurs in
none of the compared reports, not only as a different jieba word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import ahocorasick
import numpy as np

from indexer.analysis import known_words, normalize
from indexer.analysis.expressions import quoted
from indexer.analysis.unit_context import NOT_ATTACHING
from indexer.analysis.unit_edges import VERBS, tag
from indexer.errors import QueryError, read_number
from indexer.index.expressions import ExpressionCounts
from indexer.search import budget
from indexer.search.first_use import first_uses, news, same_place, use_order
from indexer.search.keyness import log_likelihood, log_ratio
from indexer.search.snapshot import Snapshot
from indexer.search.spread import Spread, spreads

DEFAULT_COMPARE = 3
MAX_COMPARE = 50
ALL = "all"
WORK_REPORT = "work-report"
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


class UnknownReport(LookupError):
    """No report has this doc_id."""


@dataclass
class NewTerm:
    term: str
    count: int  # in this report
    keyness: float  # log-likelihood against every report of earlier years (any place)
    log_ratio: float  # its effect size: log₂ of its rate here over its rate there
    first_anywhere: bool  # no report of an earlier year has it
    paragraphs: list[int] = field(default_factory=list)  # where it occurs in this report
    before: Spread = field(default_factory=lambda: Spread(0, 0, 0.0))  # over every report of earlier years
    taken_up: Spread = field(default_factory=lambda: Spread(0, 0, 0.0))  # by the year's and later reports


@dataclass
class DroppedTerm:
    term: str
    count_before: int  # in the previous report
    keyness: float  # of the previous report against every report of the years before it
    log_ratio: float
    paragraphs_before: list[int] = field(default_factory=list)  # where it occurred in the previous report


@dataclass
class NewTerms:
    doc: dict
    compare: int | None  # how many earlier reports were asked for (None: all)
    compared_with: list[dict]  # the earlier reports, newest first
    new: list[NewTerm]
    dropped: list[DroppedTerm]


def read_compare(text: str | None) -> int | None:
    """The ``compare`` parameter: a number of earlier reports (1–50), or ``all`` (None)."""
    if text is not None and text.strip().lower() == ALL:
        return None
    return read_number("compare", text, DEFAULT_COMPARE, MAX_COMPARE, code="number_range_or_all")


def earlier_reports(snap: Snapshot, doc: dict, compare: int | None) -> list[dict]:
    """The same place's reports of the same type and language before this one in use
    order (``indexer.search.first_use``), newest first."""
    earlier = [d for d in snap.documents.values() if same_place(doc, d) and use_order(d) < use_order(doc)]
    earlier.sort(key=use_order, reverse=True)
    return earlier if compare is None else earlier[:compare]


def new_terms(snap: Snapshot, doc_id: str, compare: int | None = DEFAULT_COMPARE) -> NewTerms:
    """The report's new expressions against its place's ``compare`` earlier reports
    (None: all of them), and those the previous report used that it drops. OutOfTime
    when the request's budget runs out between its steps."""
    doc = snap.documents.get(doc_id)
    if doc is None:
        raise UnknownReport(doc_id)
    if (doc.get("lang") or "zh") != "zh":
        raise QueryError("english_report")
    matrix = snap.expressions
    earlier = earlier_reports(snap, doc, compare)
    row = matrix.row(doc_id)
    rows = matrix.rows(d["doc_id"] for d in earlier)
    if row is None or not rows:
        return NewTerms(doc, compare, earlier, [], [])
    previous = earlier[0]
    reference = reference_before(snap, matrix, doc.get("year"))
    new = ranked(matrix, row, first_used_here(matrix, [*reversed(rows), row]), reference)
    new = without_pieces(matrix, row, new, report_text(snap, doc_id))
    budget.check("new_terms_out_of_time")
    before = spreads(snap, reference.rows, [c.id for c in new])
    budget.check("new_terms_out_of_time")
    taken_up = spreads(snap, later_reports(snap, doc), [c.id for c in new], own_only=True)
    gone = _own(matrix, rows[0])
    gone = gone[matrix.totals([row])[gone] == 0]
    dropped = ranked(matrix, rows[0], gone, reference_before(snap, matrix, previous.get("year")))
    budget.check("new_terms_out_of_time")
    _add_paragraphs(snap, doc_id, new)
    _add_paragraphs(snap, previous["doc_id"], dropped)
    return NewTerms(
        doc,
        compare,
        earlier,
        [
            NewTerm(c.term, c.count, c.keyness, c.ratio, c.first_anywhere, c.paragraphs, s, u)
            for c, s, u in zip(new, before, taken_up, strict=True)
        ],
        [DroppedTerm(c.term, c.count, c.keyness, c.ratio, c.paragraphs) for c in dropped],
    )


def later_reports(snap: Snapshot, doc: dict) -> list[int]:
    """The rows of every other report (any place) of the report's year or later: those
    that can take up its new expressions. Ranking by that uptake was measured and left
    out: it lifts what many places repeat (地方债务, 全国先进) over a place's own coinages
    (智赋百景, 小县大城); it is shown beside the keyness instead."""
    year = doc.get("year") or 0
    return snap.expressions.rows(
        d["doc_id"] for d in snap.documents.values() if (d.get("year") or 0) >= year and d["doc_id"] != doc["doc_id"]
    )


@dataclass
class Reference:
    """What every place said before a year: the expressions' counts and the size, against
    which a new expression's keyness is measured."""

    counts: np.ndarray
    characters: int
    rows: list[int]  # the reports' rows in the expression counts


def reference_before(snap: Snapshot, matrix: ExpressionCounts, year: int | None) -> Reference:
    """What every report of the years before ``year`` said: a sum over most of the corpus,
    kept by the snapshot for the next report of that year (``Snapshot.references``)."""

    def compute() -> tuple[np.ndarray, ...]:
        earlier = matrix.rows(d["doc_id"] for d in snap.documents.values() if (d.get("year") or 0) < (year or 0))
        counts = matrix.totals(earlier)
        counts.flags.writeable = False  # shared by the requests of the year
        return counts, np.array(int(matrix.characters[earlier].sum()) if earlier else 0), np.array(earlier, np.int64)

    counts, characters, rows = snap.references.get(year or 0, compute)
    return Reference(counts, int(characters), rows.tolist())


@dataclass
class _Candidate:
    id: int  # the term's column in the expression counts
    term: str
    count: int
    keyness: float
    ratio: float
    first_anywhere: bool
    paragraphs: list[int] = field(default_factory=list)


def first_used_here(matrix: ExpressionCounts, rows: list[int]) -> np.ndarray:
    """The own expressions of the last of ``rows`` (a place's reports in use order) that
    it is the first to use (``first_uses``)."""
    used = first_uses((matrix.indices[matrix.entries(r)] for r in rows), len(matrix.terms))
    own = news(matrix.terms, _own(matrix, rows[-1]))
    return own[used[own] == len(rows) - 1]


def _own(matrix: ExpressionCounts, row: int) -> np.ndarray:
    here = matrix.entries(row)
    return matrix.indices[here][matrix.own[here]]


def ranked(matrix: ExpressionCounts, row: int, ids: np.ndarray, reference: Reference) -> list[_Candidate]:
    """Some expressions of a row, most key first, without those that only ever occur
    inside a longer one of them.

    Absent from the compared reports is what makes an expression new; its keyness
    (against everything said anywhere before) is what ranks it: 是指 is new to a
    place now and then, 新质生产力 is new to everyone."""
    here = matrix.entries(row)
    counts = matrix.counts[here][np.searchsorted(matrix.indices[here], ids)]
    before = reference.counts[ids]
    size = matrix.characters[row]
    keyness = log_likelihood(counts, before, size, max(reference.characters, 1))
    ratio = log_ratio(counts, before, size, max(reference.characters, 1))
    columns = (ids, matrix.terms[ids], counts, keyness, ratio, before == 0)
    found = [_Candidate(*values) for values in zip(*(c.tolist() for c in columns), strict=True)]
    found.sort(key=lambda c: (-c.keyness, -c.count, c.term))
    return _without_fragments(found, matrix.spread, matrix.occurrences)


def without_pieces(matrix: ExpressionCounts, row: int, found: list[_Candidate], text: str) -> list[_Candidate]:
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
    return set(matrix.terms[_own(matrix, row)].tolist())


def pieces_here(text: str, terms: set[str], own: set[str]) -> set[str]:
    """The ``terms`` used twice or more in ``text``, each time after the same two Chinese
    characters or each time before the same two, that are no boundary: no function word,
    verb, adverb, numeral or measure word, nor the edge of another of the report's ``own``
    expressions of MIN_HEAD characters or more (湟水/河出, 长株潭国家/自主…, 一批/抗旱应急/水源;
    not 发展/低空经济, nor 产城融合/城乡统筹): there they are pieces of a longer string, as the
    build's own test finds by the words around a unit (``indexer.analysis.unit_context``),
    here by the characters. A word of the dictionaries never is (国内国际/双循环)."""
    starts: dict[str, list[int]] = {}
    for end, term in _automaton(terms).iter(text):
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


def _automaton(terms: set[str]) -> ahocorasick.Automaton:
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
    (双循环 names the policy of 国内国际双循环), as in the build (``indexer.analysis.expressions``),
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


def _without_fragments(found: list[_Candidate], spread: np.ndarray, occurrences: np.ndarray) -> list[_Candidate]:
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
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return lambda term: {piece for _, piece in automaton.iter(term)} - {term}


def _add_paragraphs(snap: Snapshot, doc_id: str, found: list[_Candidate]) -> None:
    """Where each expression occurs in the report (paragraph numbers)."""
    where = paragraphs_with(snap, doc_id, {c.term for c in found})
    for candidate in found:
        candidate.paragraphs = where.get(candidate.term, [])


def report_text(snap: Snapshot, doc_id: str) -> str:
    """A report's paragraphs, normalised as the expressions were counted, one a line."""
    return "\n".join(normalize(fields.get("text") or "").text for fields in snap.paragraphs(doc_id))


def paragraphs_with(snap: Snapshot, doc_id: str, terms: set[str]) -> dict[str, list[int]]:
    """The paragraphs of a report each term occurs in, in order: one Aho–Corasick pass
    over the report's paragraphs."""
    if not terms:
        return {}
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    where: dict[str, list[int]] = {}
    for fields in snap.paragraphs(doc_id):
        for term in {t for _, t in automaton.iter(normalize(fields.get("text") or "").text)}:
            where.setdefault(term, []).append(fields["paragraph"])
    return {term: sorted(numbers) for term, numbers in where.items()}
