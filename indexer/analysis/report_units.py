"""A report's units: the strings it uses as one unit, from which its expressions (the
words and fixed phrases a reader would list as its vocabulary, what the "new expressions"
and keyness views count) are chosen.

They are found four ways:

- jieba's words of 2–10 Chinese characters (and 5g-like words of letters and digits);
- runs of 2–4 adjacent jieba words that the corpus lexicon knows as one term, one-character
  words included (新/质/生产力 → 新质生产力, 长三角/一体化 → 长三角一体化), none of them a
  function word, the first no verb; a word followed by ``+`` keeps it (人工智能+);
- quoted phrases (“两新”, “人工智能+”);
- the items of an enumeration, split at 、 and at 和/及/与/等 (积极打造生物制造、商业航天、
  低空经济等新增长引擎 → 生物制造, 商业航天, 低空经济), a leading verb or adverb dropped.

Which units are expressions is chosen from them with what the whole corpus says
(``indexer.analysis.expression_choice``).

The text is expected normalised (``indexer.analysis.normalize``), as the index holds it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from indexer.analysis.normalize import CJK_RANGES
from indexer.analysis.segment import jieba_words
from indexer.analysis.unit_context import unit_context
from indexer.analysis.unit_edges import (
    ADVERB,
    CLEAN,
    DOUBTFUL,
    FUNCTION,
    NO_UNIT,
    NOT_LAST,
    VERBS,
    attaches,
    edges,
    is_lead,
    tag,
    takes_object,
    word_verdict,
)

MIN_CHARS = 2
MAX_CHARS = 10
MAX_WORDS = 4  # a multi-word term joins up to four jieba words (新/质/生产力)
CONJUNCTIONS = frozenset({"和", "及", "以及", "与", "或"})
ENUMERATION_BREAKS = CONJUNCTIONS | {"等", "等等"}
_TERM = f"{CJK_RANGES}a-z0-9+"
_RUN = re.compile(f"[{_TERM}]+")
_CHINESE = re.compile(f"[{CJK_RANGES}]")
_LETTERS_AND_DIGITS = re.compile(r"^(?=.*[a-z])(?=.*[0-9])[a-z0-9]{2,10}$")
# After normalisation “ ” are still curly (NFKC keeps them); 「」『』 and straight quotes too.
_QUOTED = re.compile(f'[“"「『]([{_TERM}]{{{MIN_CHARS},{MAX_CHARS}}})[”"」』]')
_CLAUSE = re.compile(r"[，。；：！？,;:!?()（）《》\n]")


@dataclass
class Units:
    """What a report uses as one unit, with how often, which of them it quotes, and
    which are doubtful (``edges``: an expression only where the corpus knows it)."""

    counts: Counter[str] = field(default_factory=Counter)
    quoted: set[str] = field(default_factory=set)
    doubtful: set[str] = field(default_factory=set)
    attached: dict[str, str] = field(default_factory=dict)  # always beside this word here (``unit_context``)


def is_unit(text: str) -> bool:
    """2–10 characters with a Chinese one, or letters with digits (5g); ``+`` only at the end."""
    if not MIN_CHARS <= len(text) <= MAX_CHARS or "+" in text[:-1]:
        return False
    return bool(_CHINESE.search(text)) or bool(_LETTERS_AND_DIGITS.match(text))


def word_runs(text: str) -> list[list[str]]:
    """jieba's words of each run of Chinese characters, letters, digits and ``+``, in order."""
    return [jieba_words(text[start:end]) for start, end in word_run_spans(text)]


def word_run_spans(text: str) -> list[tuple[int, int]]:
    """Where each run of ``word_runs`` starts and ends."""
    return [run.span() for run in _RUN.finditer(text)]


def joined_pieces(words: list[str]) -> Iterable[str]:
    """Every run of 2..MAX_WORDS adjacent words, at most MAX_CHARS characters in all,
    joined, with no function word in it (经济等, 中了解, 高质量发展和高水平) and no clause
    (``_may_follow``: 打造乡村振兴). A verb at the end is
    fine (乡村全面振兴). Whether the corpus knows a piece as a term is asked later."""
    return (piece for piece, _ in judged_pieces(words))


def judged_pieces(words: list[str]) -> Iterator[tuple[str, bool]]:
    """The joined pieces (``joined_pieces``), each with whether it is doubtful (``edges``)."""
    for i, first in enumerate(words):
        if not _is_word(first) or tag(first) in FUNCTION or (i and attaches(words[i - 1], first)):
            continue
        piece, clause = first, False
        for k, following in enumerate(words[i + 1 : i + MAX_WORDS], start=2):
            if not _is_word(following) or tag(following) in FUNCTION:
                break
            piece += following
            if len(piece) > MAX_CHARS or not _may_follow(words[i : i + k], k):
                break
            if takes_object(words[i + k - 2], following):
                if len(words[i + k - 2]) > 1:
                    break  # 推动/高质量发展, 成功/创建/全省: a clause
                clause = True  # 保/市场主体 is a slogan, 有/习近平 none: the corpus tells
            verdict = edges(words[i : i + k])
            if verdict != NO_UNIT:
                yield piece, clause or verdict == DOUBTFUL


def _may_follow(words: list[str], k: int) -> bool:
    """Whether a piece of ``words`` may end with its k-th word: after a verb of two
    characters only one one-character word or one verb (预制/菜, 节能/减排, not 打造/乡村振兴);
    a verbal noun with a verb after it names a thing and goes on (污染/防治/攻坚战, not
    优化/法治化营商环境); after an adverb only one noun (首发/经济, not 大力/发展)."""
    first, following = words[0], words[k - 1]
    if tag(first) in VERBS and len(first) > 1:
        if k == 2:
            return len(following) == 1 or tag(following) == "v" or (tag(first) == "vn" and tag(following) in VERBS)
        return tag(first) == "vn" and tag(words[1]) in VERBS
    if tag(first) in ADVERB | {"vd"}:  # 持续/深入: an adverb by its use
        return k == 2 and tag(following).startswith("n")
    return True


def plus_terms(words: list[str]) -> Iterator[tuple[str, bool]]:
    """A word of two Chinese characters or more followed by a ``+``, each with whether it
    is doubtful: a ``+`` that ends the run makes a term (“人工智能+”行动, “文旅+”); one that
    joins two things is a term only where the corpus knows it (互联网+政务服务 beside
    “互联网+”, not 金通工程+天府交邮通; 1+4 never)."""
    for k in range(1, len(words)):
        if words[k] == "+" and len(words[k - 1]) >= MIN_CHARS and _CHINESE.search(words[k - 1]):
            yield words[k - 1] + "+", k < len(words) - 1


def _is_word(word: str) -> bool:
    return bool(_CHINESE.search(word)) and "+" not in word


def whole_words(term: str) -> bool:
    """Whether a run of characters begins and ends on a word boundary, by the rule the
    pieces above follow: jieba's first and last words of it are no one-character word
    and no function word (营商业 of 国营商业, 营商环境的 and 经济圈建设的重 are not)."""
    words = jieba_words(term)
    first, last = words[0], words[-1]
    return len(first) >= MIN_CHARS and len(last) >= MIN_CHARS and tag(last) not in NOT_LAST


def quoted(text: str) -> set[str]:
    """The quoted phrases of 2–10 characters (“十五五”, 「放管服」, “人工智能+”)."""
    return {q for q in _QUOTED.findall(text) if is_unit(q)}


def enumerated(text: str) -> Counter[str]:
    """The items of every enumeration (A、B、C等 …), each split at 和/及/与/等; the first
    item without the verbs and adverbs that lead into the list."""
    return Counter(item for item, verdict in judged_items(text) if verdict != NO_UNIT)


def judged_items(text: str) -> Iterator[tuple[str, int]]:
    """The items of the enumerations (``enumerated``), each with its ``edges``."""
    for clause in _CLAUSE.split(text):
        parts = clause.replace("“", "").replace("”", "").split("、")
        if len(parts) < 2:
            continue
        for k, part in enumerate(parts):
            segments = _segments(jieba_words(part))
            if not segments:
                continue
            if k == 0:
                segments = [_without_lead(segments[-1])]
            elif k == len(parts) - 1:
                segments = _segments(_list_end(jieba_words(part)))
            yield from (("".join(s), edges(s)) for s in segments if is_unit("".join(s)))


def _segments(words: list[str]) -> list[list[str]]:
    """The words between the conjunctions, particles and other function words."""
    out: list[list[str]] = [[]]
    for word in words:
        if word in ENUMERATION_BREAKS or tag(word) in FUNCTION:
            out.append([])
        else:
            out[-1].append(word)
    return [s for s in out if s]


def _list_end(words: list[str]) -> list[str]:
    """The words of a list's last part up to where the list ends: 等, or a function word
    other than a conjunction (共享经济等新业态 → 共享经济; 和 and 及 go on)."""
    for k, word in enumerate(words):
        if word not in CONJUNCTIONS and (word in ENUMERATION_BREAKS or tag(word) in FUNCTION):
            return words[:k]
    return words


def _without_lead(words: list[str]) -> list[str]:
    k = 0
    while k < len(words) - 1 and is_lead(words[k]):
        k += 1
    return words[k:]


def report_units(
    text: str, known_terms: Callable[[list[str]], list[bool]], runs: list[list[str]] | None = None
) -> Units:
    """The report's units (see the module's docstring). ``known_terms`` says which of a
    list of joined words the corpus lexicon knows as terms (asked once per report);
    ``runs``: ``word_runs(text)`` where they are known (``indexer.index.run_words``)."""
    counts: Counter[str] = Counter()
    pieces: Counter[str] = Counter()
    verdicts: dict[str, int] = {}
    for words in word_runs(text) if runs is None else runs:
        for word in words:
            if is_unit(word) and "+" not in word:
                verdicts[word] = min(verdicts.get(word, NO_UNIT), word_verdict(word))
                counts[word] += verdicts[word] != NO_UNIT
        for term, doubtful in plus_terms(words):
            counts[term] += 1
            verdicts[term] = min(verdicts.get(term, NO_UNIT), DOUBTFUL if doubtful else CLEAN)
        for piece, doubtful in judged_pieces(words):
            pieces[piece] += 1
            verdicts[piece] = min(verdicts.get(piece, NO_UNIT), DOUBTFUL if doubtful else CLEAN)
    asked = list(pieces)
    counts.update({piece: pieces[piece] for piece, known in zip(asked, known_terms(asked), strict=True) if known})
    items: Counter[str] = Counter()
    for item, verdict in judged_items(text):
        items[item] += verdict != NO_UNIT
        verdicts[item] = min(verdicts.get(item, NO_UNIT), verdict)
    said = quoted(text)
    found = +(counts | items) | Counter(dict.fromkeys(said, 1))
    context = unit_context(text, found)
    for clause in context.clauses - said:
        del found[clause]
    doubtful = {u for u in found if verdicts.get(u) == DOUBTFUL and u not in said}
    return Units(found, said, doubtful, context.attached)
