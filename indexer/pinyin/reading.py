"""Reading the Latin words of a query as pinyin: ``shuangchengjingjiquan``,
``shuang cheng jing ji quan``, ``scjjq`` or ``双城jingjiquan`` become 双城经济圈 — the
Chinese text then searched — while English (``poverty``, ``Chengdu-Chongqing``,
anything with a capital letter, anything quoted) is searched as typed. When a word
is both (``an``, ``ban``, ``men``), the reading with more hits wins and the other is
offered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.analysis import has_cjk
from indexer.pinyin.lexicon import Lexicon
from indexer.pinyin.syllables import looks_like_pinyin
from indexer.query.tree import All, Any, Node, Not, ParsedQuery, Text

ALTERNATIVES = 4
MAX_SPAN_WORDS = 9


@dataclass
class Reading:
    typed: str  # the words as typed, e.g. "shuang cheng jing ji quan"
    read_as: str  # what is searched: the Chinese term, or the typed words kept as English
    as_pinyin: bool
    alternatives: list[str] = field(default_factory=list)  # other terms; or, if kept as English, the pinyin ones

    def as_dict(self) -> dict:
        return {
            "typed": self.typed,
            "read_as": self.read_as,
            "as_pinyin": self.as_pinyin,
            "alternatives": self.alternatives,
        }


def read_pinyin(parsed: ParsedQuery, lexicon: Lexicon, english_hits: Callable[[str], int]) -> list[Reading]:
    """Rewrite the query tree in place; return what was read (and what could have been)."""
    readings: list[Reading] = []
    if parsed.root is not None:
        parsed.root = _rewrite(parsed.root, lexicon, english_hits, readings)
    return readings


def _rewrite(node: Node, lexicon: Lexicon, english_hits, readings: list[Reading]) -> Node:
    if isinstance(node, Text):
        return _rewrite_words([node], lexicon, english_hits, readings)[0] if not node.quoted else node
    if isinstance(node, Not):
        return node  # an exclusion is taken literally
    if isinstance(node, Any):
        return Any([_rewrite(child, lexicon, english_hits, readings) for child in node.children])
    children: list[Node] = []
    run: list[Text] = []
    for child in [*node.children, None]:
        if isinstance(child, Text) and not child.quoted and looks_like_pinyin(child.text):
            run.append(child)
            continue
        children += _rewrite_words(run, lexicon, english_hits, readings)
        run = []
        if child is not None:
            children.append(_rewrite(child, lexicon, english_hits, readings))
    return children[0] if len(children) == 1 else All(children)


def _rewrite_words(words: list[Text], lexicon: Lexicon, english_hits, readings: list[Reading]) -> list[Node]:
    """Longest spans first: a run of words that reads as one corpus term becomes it."""
    out: list[Node] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_SPAN_WORDS), i, -1):
            reading = _read_span([w.text for w in words[i:j]], lexicon, english_hits)
            if reading is not None:
                readings.append(reading)
                out.extend([Text(reading.read_as)] if reading.as_pinyin else words[i:j])
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _read_span(words: list[str], lexicon: Lexicon, english_hits) -> Reading | None:
    typed = " ".join(words)
    if not looks_like_pinyin(typed):
        return None
    found = lexicon.read(typed, limit=ALTERNATIVES + 1)
    if not found:
        return None
    best = found[0]
    others = [s.text for s in found[1:]]
    if has_cjk(typed):  # 双城jingjiquan: no English reading to weigh
        return Reading(typed, best.text, True, others)
    english = min(english_hits(re.sub(r"['’]", "", w.lower())) for w in words)
    if english > best.count:
        return Reading(typed, typed, False, [s.text for s in found])
    return Reading(typed, best.text, True, others)
