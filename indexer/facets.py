"""The facets: every property a search can be narrowed by and counted over (province,
year, language …), each declared once, here.

A declaration says how a value written in a URL, a CLI option or a typed
``name:value`` filter is read into the canonical value (and what the user is told
when it cannot be), how a value is labelled in Chinese and English, how the values
are ordered in the facet list, whether several chosen values are OR-ed, and whether
it is a number chosen by ranges. Metadata detection fills the values of a document;
the index schema, the query parser, facet counting, the CLI options, the JSON and
the web pages all read this table. Adding a facet is one entry here, the code that
detects its value, and its labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from indexer import cities, places
from indexer.errors import QueryError

UNKNOWN = ("未知", "Unknown")
MIN_YEAR, MAX_YEAR = 1900, 2100  # a year outside these is not a year (Whoosh stores a missing one as 2**31-1)


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter, typed filter, index column and JSON key
    titles: tuple[str, str]  # the facet's heading: Chinese, English
    read: Callable[[str], object]  # a written value → the canonical one; QueryError with a hint
    labels: Callable[[object, str], str]  # a canonical value → its label in the UI language
    numeric: bool = False  # stored as a number and chosen by ranges (lo, hi)
    multiple: bool = True  # several chosen values are OR-ed; False: a new choice replaces the old
    order: str | tuple = "count"  # the facet list's order: "count" (most first), "newest", or the values in order
    english_field: bool = False  # documents and hits also carry ``<name>_en``
    aliases: tuple[str, ...] = ()  # other names of a typed filter than its name and Chinese title: type, 级别
    breakdown: str | None = None  # another facet by whose values each value's reports are also counted
    example: str = ""  # a value to show in a hint
    none_labels: tuple[str, str] = UNKNOWN  # what the documents without a value are called

    def title(self, ui: str) -> str:
        return self.titles[ui == "en"]

    def parse(self, written: str) -> object:
        """The canonical value of a filter as written; QueryError when it is not one."""
        text = written.strip()
        if not text:
            raise QueryError("filter_needs_value", name=self.name, example=self.example)
        return self.read(text)

    def selects(self, chosen: object, value: object) -> bool:
        """Does a chosen filter value (a value, or a range for a numeric facet) select ``value``?"""
        if self.numeric:
            lo, hi = chosen  # type: ignore[misc]
            return value is not None and lo <= value <= hi
        return chosen == value

    def write(self, chosen: object) -> str:
        """A value, or a chosen range, as it would be typed in a query."""
        if isinstance(chosen, tuple):
            lo, hi = chosen
            return str(lo) if lo == hi else f"{lo}-{hi}"
        return str(chosen)

    def from_column(self, raw: object) -> object:
        """A value read from the index column; None where the document has none."""
        if self.numeric:
            return valid_year(raw)
        return raw or None

    def label(self, value: object, ui: str) -> str:
        return self.labels(value, ui) if value is not None else self.none_labels[ui == "en"]


# ---------------------------------------------------------------- places


def _places(resolve, by_short, code: str):
    """A reader of any name of a province (or city) and its labeller: short Chinese name
    or English; ``code`` the message for a name it does not know."""

    def read(text: str) -> str:
        place = resolve(text)
        if place is None:
            raise QueryError(code, value=text)
        return place.short

    def label(value: object, ui: str) -> str:
        place = by_short(str(value))
        if place is None:
            return str(value)
        return place.en if ui == "en" else place.short

    return read, label


# ---------------------------------------------------------------- year

_YEAR_VALUE = re.compile(r"^(\d{4})(?:(?:-|\.\.|–|~|至|到)(\d{4}))?$")


def valid_year(value: object) -> int | None:
    """A year from a record, manifest, column or text, or None when it is not a plausible one."""
    try:
        year = int(str(value).strip()[:4])
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _read_years(text: str) -> tuple[int, int]:
    match = _YEAR_VALUE.match(text)
    if not match:
        raise QueryError("not_a_year", name="year", value=text)
    lo = int(match.group(1))
    hi = int(match.group(2) or lo)
    return (min(lo, hi), max(lo, hi))


# ---------------------------------------------------------------- values from a short list

Choices = dict[str, tuple[str, str]]  # value → (Chinese label, English label)
LANGUAGES: Choices = {"zh": ("中文", "Chinese"), "en": ("英文", "English")}
LEVELS: Choices = {"national": ("全国", "National"), "provincial": ("省级", "Provincial"), "city": ("地市级", "City")}
DOC_TYPES: Choices = {
    "work-report": ("政府工作报告", "Government work report"),
    "plan": ("五年规划", "Five-year plan"),
    "resolution": ("决议", "Resolution"),
    "other": ("新闻及其他", "News and other"),
}
_ALSO = {"cn": "zh", "chinese": "zh", "地市": "city", "市级": "city", "省": "provincial", "国家": "national"}


def _choice(choices: Choices, code: str) -> tuple[Callable[[str], str], Callable[[object, str], str]]:
    """A reader that takes a value or either of its labels (``code`` the message for
    anything else), and the labeller."""

    def read(text: str) -> str:
        wanted = _ALSO.get(text.lower(), text.lower())
        for value, names in choices.items():
            if wanted in (value, *(n.lower() for n in names)):
                return value
        raise QueryError(code, value=text, choices=", ".join(choices))

    def label(value: object, ui: str) -> str:
        names = choices.get(str(value))
        return names[ui == "en"] if names else str(value)

    return read, label


# ---------------------------------------------------------------- the registry

FACETS: tuple[Facet, ...] = (
    Facet(
        "province",
        ("省份", "Province"),
        *_places(places.resolve, places.by_short, "unknown_province"),
        english_field=True,
        breakdown="level",
        example="四川",
    ),
    Facet(
        "city",
        ("城市", "City"),
        *_places(cities.resolve, cities.by_short, "unknown_city"),
        english_field=True,
        example="成都",
        none_labels=("非城市报告", "Not a city's report"),
    ),
    Facet(
        "level",
        ("层级", "Level"),
        *_choice(LEVELS, "unknown_level"),
        order=tuple(LEVELS),
        aliases=("级别",),
        example="city",
    ),
    Facet(
        "year",
        ("年份", "Year"),
        _read_years,
        lambda v, ui: str(v),
        numeric=True,
        order="newest",
        aliases=("年度",),
        example="2020",
    ),
    Facet(
        "doc_type",
        ("类型", "Type"),
        *_choice(DOC_TYPES, "unknown_doc_type"),
        order=tuple(DOC_TYPES),
        aliases=("type", "文件类型"),
        example="work-report",
    ),
    Facet(
        "lang",
        ("语言", "Language"),
        *_choice(LANGUAGES, "unknown_lang"),
        multiple=False,
        example="zh",
    ),
)
_BY_NAME = {name.lower(): facet for facet in FACETS for name in (facet.name, facet.titles[0], *facet.aliases)}


def facet(name: str) -> Facet | None:
    """The facet a typed or URL name stands for (case-insensitive), or None."""
    return _BY_NAME.get(name.lower())


def names() -> tuple[str, ...]:
    """Every name a filter may be typed with: facet names, their Chinese titles (省份,
    年份 …) and their aliases."""
    return tuple(_BY_NAME)
