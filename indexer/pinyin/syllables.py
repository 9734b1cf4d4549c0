"""Pinyin as users type it: tone marks or numbers or none, ü as v / u / ü, syllables
run together or separated by spaces or apostrophes, initials only (``scjjq``), and
Chinese characters mixed in (``双城jingjiquan``).

``parse_input`` turns such text into *unit sequences*, one unit per Chinese character
of the term meant: a character typed as itself, a full syllable, an initial letter,
or (for suggestions as you type) the beginning of a syllable. Ambiguous splits
(``xian``: xi-an or xian) are all kept, best first, and bounded so that no input
explodes. ``readings`` gives every reading of a character (pypinyin's
heteronyms), so 长三角 matches ``changsanjiao`` as well as ``zhangsanjiao``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

import numpy as np
from pypinyin import lazy_pinyin
from pypinyin.constants import PINYIN_DICT

from indexer.analysis import CJK_RANGES, to_simplified

MAX_SPLITS = 12  # unit sequences kept per input, best first
MAX_LATIN = 60  # letters; longer input is not pinyin anyone typed
INITIALS = ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsywaeo")  # a e o: the first letter of an, ou, er
_VOWELS = set("aeiouv")
_PIECES = re.compile(rf"[{CJK_RANGES}]+|[a-z]+|['’\s]+")


def _plain(reading: str) -> str:
    """shuāng → shuang, lǜ → lv (the diaeresis makes u a v; tone marks go)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", reading):
        if char == "\u0308" and out and out[-1] in "uU":
            out[-1] = "v"
        elif not unicodedata.combining(char):
            out.append(char)
    return "".join(out)


@cache
def readings(char: str) -> tuple[str, ...]:
    """Every toneless reading of a character, ü written v (行 → xing, hang, heng)."""
    raw = PINYIN_DICT.get(ord(char), "")
    return tuple(dict.fromkeys(_plain(r) for r in raw.split(",") if r))


@cache
def initials(char: str) -> tuple[str, ...]:
    """The first letters of a character's readings (长 → z, c); "?" when it has none."""
    return tuple(dict.fromkeys(r[0] for r in readings(char))) or ("?",)


@cache
def syllables() -> frozenset[str]:
    """Every toneless syllable that has a vowel (m, n, ng, hm are left out: they would
    let any run of consonants read as pinyin)."""
    found = {_plain(r) for raw in PINYIN_DICT.values() for r in raw.split(",") if r}
    return frozenset(s for s in found if _VOWELS & set(s) and s.isalpha())


@cache
def _syllables_by_start() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for s in syllables():
        table.setdefault(s[0], []).append(s)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@cache
def _syllable_prefixes() -> frozenset[str]:
    return frozenset(s[:i] for s in syllables() for i in range(1, len(s) + 1))


@dataclass(frozen=True)
class Unit:
    kind: str  # "han" (the character itself), "syl", "ini" (initial), "pre" (start of a syllable)
    text: str

    def matches(self, char: str) -> bool:
        if self.kind == "han":
            return char == self.text
        options = readings(char)
        if self.kind == "syl":
            return self.text in options
        return any(r.startswith(self.text) for r in options)

    def initials(self) -> tuple[str, ...]:
        """First letters this unit allows (for looking terms up by initials)."""
        return initials(self.text) if self.kind == "han" else (self.text[0],)


Units = tuple[Unit, ...]


def one_unit_readings() -> list[Unit]:
    """Every reading of a single unit typed as you go: each syllable, each start of one
    and each initial (the terms they fit are kept with the lexicon)."""
    units = [Unit("syl", s) for s in syllables()] + [Unit("pre", p) for p in _syllable_prefixes()]
    return units + [Unit("ini", i) for i in INITIALS]


def normalize_input(text: str) -> str:
    """Lower case, tone marks and tone numbers removed, ü → v, full-width folded."""
    text = _plain(to_simplified(text).lower().replace("u:", "v"))
    return re.sub(r"(?<=[a-z])[1-5]", "", text)


def looks_like_pinyin(word: str) -> bool:
    """Could this typed word be pinyin at all (letters, tones, apostrophes, hanzi)?
    Capitals and other characters say it is meant as written."""
    if any(c.isupper() for c in word):
        return False
    plain = normalize_input(word)
    return bool(re.fullmatch(rf"[a-z'’\s{CJK_RANGES}]+", plain)) and bool(re.search("[a-z]", plain))


def split_cost(units: Units) -> tuple[int, int]:
    """How far a reading strays from one full syllable per character: two-letter
    initials first (users type s for shuang), then initials."""
    return (sum(u.kind == "ini" and len(u.text) == 2 for u in units), sum(u.kind == "ini" for u in units))


def parse_input(text: str, prefix: bool = False) -> list[Units]:
    """Unit sequences for typed text, best first (fewest initials, fewest units).

    With ``prefix`` the last Latin piece may end inside a syllable (typing ``shuangch``).
    An empty list means no reading is possible.
    """
    plain = normalize_input(text)
    if sum(c.isalpha() and c.isascii() for c in plain) > MAX_LATIN:
        return []
    pieces = [m.group() for m in _PIECES.finditer(plain)]
    if "".join(p for p in pieces if p.strip(" '’")) != re.sub(r"['’\s]+", "", plain):
        return []  # digits or punctuation: not pinyin
    sequences: list[tuple[Units, int]] = [((), 0)]
    latin = [i for i, p in enumerate(pieces) if p.isascii() and p.isalpha()]
    for i, piece in enumerate(pieces):
        if not piece.strip(" '’"):
            continue
        if not piece.isascii():
            options = [(tuple(Unit("han", c) for c in piece), 0)]
        else:
            options = _split(piece, prefix and i == latin[-1])
            if not options:
                return []
        combined = [(a + b, na + nb) for (a, na), (b, nb) in product(sequences, options)]
        sequences = sorted(combined, key=_reading_order)[:MAX_SPLITS]
    return [units for units, _ in sequences if units]


def _split(latin: str, prefix: bool) -> list[tuple[Units, int]]:
    """Ways to read a run of letters as syllables and initials, with their count of
    initials; bounded by MAX_SPLITS at every position (dynamic programming)."""
    n = len(latin)
    best: list[list[tuple[Units, int]]] = [[] for _ in range(n + 1)]
    best[n] = [((), 0)]
    for i in range(n - 1, -1, -1):
        options: list[tuple[Units, int]] = []
        for s in _syllables_by_start().get(latin[i], ()):
            if latin.startswith(s, i):
                options += [((Unit("syl", s), *rest), k) for rest, k in best[i + len(s)]]
        for initial in INITIALS:
            if latin.startswith(initial, i):
                options += [((Unit("ini", initial), *rest), k + 1) for rest, k in best[i + len(initial)]]
        if prefix and latin[i:] in _syllable_prefixes():  # "ji" may be the start of jing
            options.append(((Unit("pre", latin[i:]),), 0))
        best[i] = sorted(set(options), key=_reading_order)[:MAX_SPLITS]
    return best[0]


def _reading_order(reading: tuple[Units, int]) -> tuple:
    """Fewest initials, fewest units, then a fixed order, never the set's (which
    changes with each process's string hashing, and with it which reading a term is
    weighed by): the start of a syllable before the whole one, as it matches all
    the same characters and more (na: 南 nan as well as 南 na)."""
    units, initial_count = reading
    return initial_count, len(units), tuple((u.kind != "pre", u.kind, u.text) for u in units)


@lru_cache(maxsize=2**16)  # the terms suggestions weigh: bounded, as a server runs for long
def usual_readings(term: str) -> tuple[str, ...]:
    """pypinyin's reading of a term in context, one syllable per character (银行 → yin hang)."""
    return tuple(_plain(r) for r in lazy_pinyin(term, errors=lambda chars: list(chars)))


_NONE = np.empty(0, dtype=np.uint32)


def code_points(unit: Unit) -> np.ndarray:
    """The characters a typed syllable, initial or syllable start matches, as sorted
    code points."""
    syllables, starts = code_points_by_reading()
    return (syllables if unit.kind == "syl" else starts).get(unit.text, _NONE)


@cache
def code_points_by_reading() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Every character pypinyin knows, by each of its readings and by each start of
    one (长: zhang, chang; z, zh, zha … c, ch …): one pass over the dictionary when
    first asked, where a pass per unit cost 20–60 ms on the first input that used it."""
    by_syllable: dict[str, list[int]] = {}
    by_start: dict[str, list[int]] = {}
    for code in sorted(PINYIN_DICT):
        options = readings(chr(code))
        for reading in options:
            by_syllable.setdefault(reading, []).append(code)
        for start in {r[:i] for r in options for i in range(1, len(r) + 1)}:
            by_start.setdefault(start, []).append(code)
    return _as_arrays(by_syllable), _as_arrays(by_start)


def _as_arrays(table: dict[str, list[int]]) -> dict[str, np.ndarray]:
    return {key: np.array(codes, dtype=np.uint32) for key, codes in table.items()}
