"""Chinese word segmentation: jieba with the policy-term dictionary, loaded once per
process."""

from __future__ import annotations

import logging
import threading
from functools import cache, lru_cache
from pathlib import Path

POLICY_TERMS = Path(__file__).resolve().parents[1] / "data" / "policy_terms.txt"
# How common jieba's general dictionary says a word must be to be ordinary Chinese (司机, 地名,
# 排名, 生效: 100 and more), not a coinage or term of the reports (抗疫 0, 缓税 0, 红黑榜 3).
ORDINARY_FREQUENCY = 100
PLAIN_VERB_CHARS = 2  # jieba's verbs of this length are plain verbs (打压, 核发); longer ones may be terms (选调生)
WORDS_KEPT = 1 << 16  # runs whose words are kept (``jieba_words``): a few MB per process
_jieba_lock = threading.Lock()


@cache
def _jieba():
    """A jieba tokenizer with the policy-term dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _jieba_lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        if POLICY_TERMS.exists():
            tokenizer.load_userdict(str(POLICY_TERMS))
    return tokenizer


@cache
def known_words() -> frozenset[str]:
    """Words of jieba's dictionary and of the policy-term dictionary."""
    return frozenset(word for word, frequency in _jieba().FREQ.items() if frequency)


def word_frequency(word: str) -> int:
    """How common jieba's dictionary says a word is (0: not a word it knows)."""
    return _jieba().FREQ.get(word, 0)


def jieba_words(run: str) -> list[str]:
    """jieba's precise-mode words for a run of CJK characters (no overlaps)."""
    return list(_words(run))


@lru_cache(maxsize=WORDS_KEPT)
def _words(run: str) -> tuple[str, ...]:
    """jieba's words of a run, kept for the runs seen last: about a fifth of the characters
    of the reports are in runs seen before, and the expressions step segments the items
    of every enumeration again (jieba's result depends on the run and dictionary alone)."""
    return tuple(w for w in _jieba().cut(run, HMM=True) if w)


@cache
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of every word of its dictionary (loading them takes a
    second: a server does it before forking its workers)."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def dictionary_words(run: str) -> list[str]:
    """The words of a run by the dictionaries alone (no guessing of unknown words): how
    a word jieba guessed (个扶贫) splits into the words it knows (个/扶贫)."""
    return [w for w in _jieba().cut(run, HMM=False) if w]


@cache
def policy_words() -> frozenset[str]:
    """The words of the policy-term dictionary."""
    if not POLICY_TERMS.exists():
        return frozenset()
    lines = POLICY_TERMS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip())


def is_ordinary_word(word: str) -> bool:
    """A common word of jieba's general dictionary (司机, 地名, 生效) or a plain verb of two
    characters there (打压, 核发, 承压: a report's new action, not a new term), no policy
    term and no numeral (两重, "two-fold" to jieba, is the slogan of 2025): what any text
    may use for the first time, so never a report's new expression."""
    common = word_frequency(word) >= ORDINARY_FREQUENCY or _is_plain_verb(word)
    return common and word not in policy_words() and word_tags().get(word) != "m"


def _is_plain_verb(word: str) -> bool:
    return len(word) == PLAIN_VERB_CHARS and word_tags().get(word) == "v"
