"""How well typed pinyin finds the term meant: hand-checked corpus terms with their
pinyin, the forms users type them in, and the share found (for tests and bench)."""

from __future__ import annotations

from pathlib import Path

from indexer import cities, places
from indexer.pinyin.lexicon import Lexicon
from indexer.pinyin.syllables import usual_readings

PINYIN_TERMS = Path(__file__).resolve().parents[1] / "data" / "pinyin_terms.tsv"


def pinyin_terms() -> dict[str, str]:
    """Corpus terms with their pinyin written by hand: the accuracy yardstick."""
    lines = PINYIN_TERMS.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def typed_forms(terms: dict[str, str]) -> dict[str, dict[str, str]]:
    """How users type each term: full pinyin run together, initials, half hanzi."""

    def initials(pinyin: str) -> str:
        return "".join(s[0] for s in pinyin.split())

    def mixed(term: str, pinyin: str) -> str:
        half = max(1, len(term) // 2)
        return term[:half] + "".join(pinyin.split()[half:])

    return {
        "full pinyin": {t: p.replace(" ", "") for t, p in terms.items()},
        "initials, 3+ characters": {t: initials(p) for t, p in terms.items() if len(t) >= 3},
        "initials, 2 characters": {t: initials(p) for t, p in terms.items() if len(t) == 2},
        "hanzi + pinyin": {t: mixed(t, p) for t, p in terms.items()},
    }


def place_forms(lexicon: Lexicon) -> dict[str, dict[str, str]]:
    """Every province's and city's short name the corpus has (成都, 攀枝花), typed as
    pypinyin reads it, in full and as initials: a place must come among the first
    suggestions for both (issue #13)."""
    names = {p.short for p in places.PROVINCES} | {c.short for c in cities.cities()}
    readings = {n: usual_readings(n) for n in sorted(names) if len(n) >= 2 and lexicon.count(n)}
    return {
        "place names, full pinyin": {n: "".join(r) for n, r in readings.items()},
        "place names, initials": {n: "".join(s[0] for s in r) for n, r in readings.items()},
    }


def rate(lexicon: Lexicon, inputs: dict[str, str], top: int) -> tuple[float, list[tuple[str, str]]]:
    """Share of terms among the first ``top`` readings of their typed form, and the misses."""
    misses = [(t, typed) for t, typed in inputs.items() if t not in [s.text for s in lexicon.read(typed, limit=top)]]
    return 1 - len(misses) / max(len(inputs), 1), misses
