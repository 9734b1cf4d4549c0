"""Where a unit of a report can begin and end (``indexer.analysis.report_units``): the
rules that tell a term from words jieba read across a boundary of the text (个扶贫,
天实现, 全国第一位), by jieba's part-of-speech tags of the words at its edges.

Three verdicts: CLEAN, a unit; NO_UNIT, never one; DOUBTFUL, a unit only where the
corpus knows it as one (in enough reports: ``indexer.index.expressions``), because
real slogans begin so too (保交楼, 租购并举 beside 居全国第一位, 有习近平).
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.analysis.normalize import CJK_RANGES
from indexer.analysis.segment import dictionary_words, known_words, word_frequency, word_tags

MIN_CHARS = 2
_CHINESE = re.compile(f"[{CJK_RANGES}]")
# jieba's tags: function words (adverb-like particles, preposition, conjunction, particles, pronoun) and verbs
FUNCTION = frozenset({"p", "c", "u", "r", "f", "uj", "ul", "ud", "ug", "uv", "uz", "x"})
NOT_LAST = FUNCTION | {"d"}  # what a suggestion does not end in (whole_words): 营商环境的
ADVERB = frozenset({"d", "ad"})  # first only before one noun: 首发经济, not 大力发展
VERBS = frozenset({"v", "vd", "vn"})
WRAPPING = FUNCTION | VERBS | ADVERB  # what can stand around a unit without making a new one
# How a unit's first and last words may be (``edges``): never a one-character measure or
# function word first (个/扶贫, 以/学); a one-character verb, adverb … first only where the
# corpus knows the unit (保/交/楼, not 居/全国); a numeral may begin one (两/新, 五/清单), a
# one-character adjective too (新/质/生产力).
NOT_AT_START = FUNCTION | {"q", "y", "e", "o", "k"}  # k: a suffix (制度型/开放: 型开放 is none)
AUXILIARIES = frozenset("要能会应需可得有是")  # 要/持续, 有/战胜: they lead into a clause, never a term
LEANING = frozenset({"v", "d", "zg", "f"})
NOT_AT_END = NOT_AT_START | LEANING | {"a", "m"}
CLEAN, DOUBTFUL, NO_UNIT = 0, 1, 2
COMPLEMENTS = frozenset("好完到住掉实牢透")  # 落实/好, 抓/实: what a verb achieves, not a new unit's start
# what a verb reaches or where it goes, after it: 汇聚/起, 降/至, 建/成
RESULTS = COMPLEMENTS | frozenset("起出上下成至于")
NUMERALS = frozenset("〇零一二三四五六七八九十两百千万亿")
MAGNITUDES = frozenset("百千万亿")
SMALL_NUMERALS = NUMERALS - MAGNITUDES - frozenset("〇零")
WANTING = frozenset({"a", "b", "v"})  # last, a word that wants a noun (区域/公共) or a clause's verb (里程/达到)
COUNTING = frozenset({"m", "q"})  # numerals and measure words: a word of them is no unit (万次, 三个)
OBJECTS = frozenset({"n", "nr", "ns", "nt", "nz", "j"})  # after a verb they make a clause (创建/全省)
MANNER = frozenset({"a", "ad", "d", "vd", "p", "c"})  # how a verb is done (持续/推进, 坚定/奉行)
COMMON_VERB = 1000  # jieba's frequency of a verb that heads a sentence's phrase (支持, 围绕), not a term
# Words jieba tags as nouns that official prose uses as manner adverbs before a verb (时刻/保持,
# 全力/保障, 大力/招引, 依法/治理): with a verb after them they are a clause, like 持续/推进.
MANNER_NOUNS = frozenset({"时刻", "全力", "大力", "着力", "倾力", "合力", "协力", "全面", "重点", "依法", "有序"})
# One-character suffixes that make a word of the word before them (聚集/性, 新/型, 生产/率): a
# unit never begins with one (性/疫情 of 聚集性疫情, 性/住房消费 of 改善性住房消费).
SUFFIXES = frozenset("性型式率度者")
COPULA = "是"  # a unit with 是 as a word of its own is a clause (一是/保持, 二是/促进)


def attaches(before: str, first: str) -> bool:
    """Whether the first word of a piece belongs to the word before it: the word before
    is one character and no function word or verb's result (新/阶段, 新/质/生产力: 质生产力 is
    none; after 打/好 a term begins), or the
    first is a verb's complement of result (落实/好/党中央: 好党中央 is none)."""
    if len(before) == 1:  # a verb's result closes it (打/好/污染防治攻坚战: 好 belongs to 打)
        return bool(_CHINESE.search(before)) and tag(before) not in FUNCTION and before not in RESULTS
    return first in COMPLEMENTS


def takes_object(word: str, following: str) -> bool:
    """A verb with a noun of two characters or more after it: a clause (成功/创建/全省,
    有/习近平) or, after a verb of one character, a slogan (保/市场主体); 预制/菜 and 提/质
    are terms."""
    return tag(word) == "v" and len(following) >= MIN_CHARS and tag(following) in OBJECTS


def edges(words: list[str]) -> int:
    """Whether a unit made of these words begins and ends where a term can (CLEAN).

    NO_UNIT: it begins with a one-character measure or function word (个/扶贫, 天/实现,
    以/学), a suffix of the word before (性/疫情), an auxiliary (要/持续) or a count
    (亿元/实施), a manner word and verb in one (大力发展/金融), has the copula 是 in it
    (一是/保持), or ends with an adverb or function word (环境/更, 降/至), a verb's result
    (汇聚/起), a numeral (全国/第一位, 全省/第三) or a one-character adjective that wants
    its noun (现代化/新): jieba read across a boundary.
    DOUBTFUL: it begins with another one-character word that leans on what follows, a
    verb or adverb (居/全国, 有/习近平, but also 保/交/楼, 租/购并/举), or ends with one
    that leans on what came before (年内产值/达), with a verb (任务/总体/完成, but also
    乡村/全面/振兴) or an attribute (区域/公共, 防范/化解/重大): a unit only where the
    corpus knows it as one. A first or last word jieba guessed (个川/渝) is judged by the
    dictionary words it is made of (个/川)."""
    first, last = _known_start(words[0]), _known_end(words[-1])
    if (len(first) == 1 and tag(first) in NOT_AT_START) or (len(words) > 1 and _ends_a_count(first, last)):
        return NO_UNIT
    if first in SUFFIXES or _has_copula(words):
        return NO_UNIT  # 性/疫情, 一是/保持
    if len(words) > 1 and (first in AUXILIARIES or (len(last) == 1 and tag(last) in ADVERB | FUNCTION)):
        return NO_UNIT  # 要/持续, 环境/更, 降/至
    if len(words) > 1 and last in RESULTS and tag(_known_end(words[-2])) in VERBS:
        return NO_UNIT  # 汇聚/起, 建/成: a verb and its result
    if len(words) > 1 and (_is_verb_phrase(first, last) or _leads_a_clause(first)):
        return NO_UNIT  # 持续/推进, 坚定/奉行, 支持/创新, 大力发展/金融
    if len(words) > 1 and len(last) == 1 and tag(last) == "a" and not (len(words) == 2 and first in NUMERALS):
        return NO_UNIT  # an abbreviation's numeral may take one (两/新, 两/重)
    if (len(first) == 1 and tag(first) in LEANING) or (len(last) == 1 and tag(last) in NOT_AT_END):
        return DOUBTFUL
    return DOUBTFUL if len(words) > 1 and tag(last) in WANTING else CLEAN


def _ends_a_count(first: str, last: str) -> bool:
    """A numeral last (全国/第一位), a count first (亿元/实施), or a numeral of two
    characters with one after it (二十/届; an abbreviation's numeral is one character: 两/新)."""
    return (
        tag(last) == "m"
        or (_is_count(first) and not _names_a_span(first))
        or (len(first) > 1 and tag(first) == "m" and len(last) == 1)
    )


def _is_verb_phrase(first: str, last: str) -> bool:
    """A verb of two characters last after a manner word (持续/推进, 坚定/奉行, 稳步/推进,
    and the nouns used so: 时刻/保持) or
    after a common verb (支持/创新, 围绕/解决, 清理/取消): what a sentence says, not a term
    (节能/减排 and 创新/驱动 are terms: a verb-object compound first, a verbal noun last)."""
    if len(first) < MIN_CHARS or len(last) < MIN_CHARS or tag(last) != "v":
        return False
    if first in MANNER_NOUNS:
        return True  # 时刻/保持, 全力/保障
    return tag(first) in MANNER or (tag(first) == "v" and word_frequency(first) >= COMMON_VERB)


def _leads_a_clause(word: str) -> bool:
    """A word of four characters that is a manner word and a verb (大力发展, 积极推进: jieba
    has them as one word): what follows is its object, not part of a term."""
    manner, verb = word[:MIN_CHARS], word[MIN_CHARS:]
    return len(word) == 2 * MIN_CHARS and (manner in MANNER_NOUNS or tag(manner) in MANNER) and tag(verb) in VERBS


def _has_copula(words: list[str]) -> bool:
    """Whether 是 is a word of its own in the unit, or of a word jieba guessed (一是)."""
    return any(w == COPULA or (w not in known_words() and COPULA in dictionary_words(w)) for w in words)


def _names_a_span(count: str) -> bool:
    """A count of three characters or more with a small numeral and no magnitude (一刻钟,
    一公里): a span of time or way that names what follows (一刻钟便民生活圈), not an amount
    that ends the previous clause (亿元/实施, 万亩/高标准农田)."""
    return len(count) >= 3 and count[0] in SMALL_NUMERALS and not MAGNITUDES & set(count)


def _known_start(word: str) -> str:
    return word if word in known_words() else dictionary_words(word)[0]


def _known_end(word: str) -> str:
    return word if word in known_words() else dictionary_words(word)[-1]


def _is_count(word: str) -> bool:
    """A numeral ending in a measure word or unit (万次, 三个, 亿元), not in a digit (十四五),
    and no ordinal (第五次党代会 names an event)."""
    return len(word) > 1 and tag(word) in COUNTING and word[-1] not in NUMERALS and not word.startswith("第")


@lru_cache(maxsize=1 << 18)  # asked for every word of every report: the same words again and again
def word_verdict(word: str) -> int:
    """``edges`` of a jieba word: a dictionary word is CLEAN unless it is a count (万次,
    三个: a numeral ending in a measure word) or a verb and its result (降至); a word jieba guessed is judged by the
    dictionary words it is made of (个/扶贫 is none, 保/交/楼 doubtful, 雁阵 clean)."""
    if word in known_words():
        return NO_UNIT if _is_count(word) or _verb_and_result(word) else CLEAN
    return edges(dictionary_words(word))


def _verb_and_result(word: str) -> bool:
    """A verb of two characters that is a one-character verb and its result or a
    preposition (降至, 建成, 达到, 位于): a plain verb of any text, never a term."""
    return len(word) == 2 and tag(word) in VERBS and word[1] in RESULTS and tag(word[0]) in VERBS


@lru_cache(maxsize=1 << 18)  # asked millions of times: a hit costs no Python call
def tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word ("n" for the others: policy terms)."""
    return word_tags().get(word, "n")


def is_lead(word: str) -> bool:
    """A word that leads into a term without being part of it: a verb, adverb or function
    word by jieba's tag, a noun used as a manner adverb (全面/贯彻), or one ending in a verb
    (大力发展, 因地制宜, 加快发展: jieba tags them as nouns)."""
    return tag(word) in WRAPPING | {"i"} or word in MANNER_NOUNS or (len(word) > 2 and tag(word[-2:]) in VERBS)
