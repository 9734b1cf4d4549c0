"""Query latency in process: a fixed set of queries (with filters, facets and
snippets, as the page asks), the most common policy words, distinct queries no
cache has seen, and the first query of a fresh process."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from string import ascii_lowercase

from indexer.bench.measure import p50, p95, timings_ms
from indexer.pinyin.lexicon import Lexicon
from indexer.pinyin.syllables import usual_readings
from indexer.search import SearchIndex, SearchRequest, Snapshot, search, suggest
from indexer.search.trend import build_trend

# (text, filters): the same text and filters go to every engine that can take them.
FIXED = [
    ("双城经济圈", {}),
    ("营商环境", {}),
    ("供给侧结构性改革", {}),
    ("乡村振兴", {}),
    ("长三角一体化", {}),
    ("放管服", {}),
    ("高质量发展", {}),
    ("脱贫攻坚", {"province": ["全国"]}),
    ("一带一路", {"year": ["2015-2020"]}),
    ("渝", {}),
    ("济圈", {}),
    ("数字经济 OR 新基建", {}),
    ('"twin-city economic circle"', {}),
    ("poverty alleviation", {}),
    ("reform", {}),
]
COMMON = ["发展", "改革", "建设", "经济", "高质量发展"]
TREND_TERMS = ["发展", "新质生产力", "双城经济圈", "乡村振兴", "营商环境"]  # the most common, then typical
SUGGEST_INPUTS = [
    "shuangch",
    "scj",
    "双城",
    "gjcjg",
    "changsan",
    "yingshang",
    "xiangc",
    "双chengj",
    "zhongguoshi",
    "bj",
]
TYPED_TERMS = 60  # the suggestion load: the keystrokes of typing this many corpus words
DISTINCT = 150
REPEATS = 5


def distinct_queries(snap: Snapshot, n: int = DISTINCT, seed: int = 7) -> list[str]:
    """``n`` different dictionary words of the corpus (2–4 characters), drawn at random
    with a fixed seed: queries no cache has seen."""
    words = snap.lexicon.dictionary_words(2, 4, min_count=2)
    return random.Random(seed).sample(words, min(n, len(words)))


def typing(snap: Snapshot, n: int = TYPED_TERMS, seed: int = 9) -> list[str]:
    """What the search box asks for while ``n`` dictionary words of the corpus (2–6
    characters, drawn with a fixed seed) are typed: each prefix of the word's pinyin as
    the letters come (s, sh, shu … shuangchengjingjiquan), then of its initials (s,
    sc … scjjq). Short inputs repeat across words, as in real use; the longer ones are
    each new."""
    words = random.Random(seed).sample(snap.lexicon.dictionary_words(2, 6, min_count=5), n)
    inputs = []
    for word in words:
        syllables = usual_readings(word)
        for typed in ("".join(syllables), "".join(s[0] for s in syllables)):
            inputs += [typed[:k] for k in range(1, len(typed) + 1)]
    return inputs


def engine_rows(root: Path) -> dict:
    index = SearchIndex(root)

    def run(q: str, filters: dict | None = None):
        return search(index.snapshot(), SearchRequest(q, filters or {}))

    def forget() -> None:
        index.snapshot().forget_cached_queries()

    fixed = dict(FIXED)
    run(FIXED[0][0])  # load jieba and open the generation
    uncached = [t for _ in range(REPEATS) for t in timings_ms(lambda q: run(q, fixed[q]), fixed, forget)]
    cached = [t for _ in range(REPEATS) for t in timings_ms(lambda q: run(q, fixed[q]), fixed)]
    common = [p50(timings_ms(run, [q] * 3, forget)) for q in COMMON]
    distinct = timings_ms(run, distinct_queries(index.snapshot()))
    trends = [p50(timings_ms(lambda q: build_trend(index.snapshot(), [q], {}), [q] * 3, forget)) for q in TREND_TERMS]
    suggest_times = [
        t for _ in range(REPEATS) for t in timings_ms(lambda q: suggest(index.snapshot(), q), SUGGEST_INPUTS)
    ]
    letters = timings_ms(lambda q: Lexicon.load(index.snapshot().generation).read(q, prefix=True), ascii_lowercase)
    return {
        "fixed_uncached": (p50(uncached), p95(uncached)),
        "fixed_cached": (p50(cached), p95(cached)),
        "common": common,
        "distinct": (p50(distinct), p95(distinct)),
        "suggest": (p50(suggest_times), p95(suggest_times)),
        "suggest_letter_first": (p50(letters), max(letters)),
        "trend": trends,
        "first_query_ms": first_query_ms(root),
    }


_FIRST_QUERY = """
import json, pathlib, sys, time, warnings
warnings.filterwarnings("ignore")
from indexer.analysis import normalize
from indexer.analysis.segment import jieba_words
from indexer.search import SearchIndex, SearchRequest, search
started = time.perf_counter()
jieba_words("预热")
normalize("预热")
loaded = time.perf_counter()
search(SearchIndex(pathlib.Path(sys.argv[1])).snapshot(), SearchRequest("发展"))
print(json.dumps([(loaded - started) * 1000, (time.perf_counter() - loaded) * 1000]))
"""


def first_query_ms(root: Path) -> tuple[float, float]:
    """In a fresh process, after the imports: the time to load jieba's dictionary (and
    normalisation's table), then to open the generation and answer 发展. ``serve`` loads
    them before it listens, so the first user after a start or a swap waits for the
    second figure only."""
    out = subprocess.run([sys.executable, "-c", _FIRST_QUERY, str(root)], capture_output=True, text=True, check=True)
    jieba_ms, query_ms = json.loads(out.stdout)
    return jieba_ms, query_ms
