"""Where a report is from: the place its title or session line names (a city, a
province, the nation), the folder it was filed in, or — weakest — the place its
text mentions most. A city report belongs to the city's province too."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from indexer import cities, places
from indexer.cities import City
from indexer.places import NATIONAL, Province

_NATIONAL_SIGNS = re.compile(
    r"国务院|全国人民代表大会|中华人民共和国|发展国民经济|state council|national people's congress", re.I
)
_NATIONAL_OPENING = re.compile(
    r"代表国务院|国务院总理|受国务院的?委托|国务院.{0,6}决定|on behalf of the state council", re.I
)
_OPENING_CHARS = 600


@dataclass(frozen=True)
class Place:
    province: Province
    city: City | None = None

    @property
    def level(self) -> str:
        if self.city is not None:
            return "city"
        return "national" if self.province.short == NATIONAL else "provincial"

    @property
    def full(self) -> str:
        return self.city.full if self.city else self.province.full

    @property
    def en(self) -> str:
        return self.city.en if self.city else self.province.en

    def values(self) -> dict[str, object]:
        return {"province": self.province.short, "city": self.city.short if self.city else None, "level": self.level}

    def describe(self) -> str:
        return f"{self.province.short} {self.city.short}" if self.city else self.province.short


def _of_city(city: City) -> Place:
    return Place(places.by_short(city.province), city)  # type: ignore[arg-type]


def named_place(text: str) -> Place | None:
    """The place a title or session line names: a city before its province."""
    if match := cities.name_pattern().search(text):
        return _of_city(cities.resolve(match.group()))  # type: ignore[arg-type]
    for pattern in (places.zh_name_pattern(), places.en_name_pattern()):
        if match := pattern.search(text):
            return Place(places.from_mention(match.group()))
    if _NATIONAL_SIGNS.search(text):
        return Place(places.by_short(NATIONAL))  # type: ignore[arg-type]
    return None


def folder_place(path: str) -> Place | None:
    """The place a folder in the file's path is named after (四川省/2020.md, 成都市/2021.md)."""
    for folder in reversed(PurePosixPath(path.rsplit("!", 1)[-1]).parts[:-1]):
        if city := cities.resolve(folder):
            return _of_city(city)
        if (province := places.resolve(folder)) and province.short != NATIONAL:
            return Place(province)
    return None


def mentioned_place(text: str, lang: str) -> Place | None:
    """The nation, when the report opens as the State Council's; else the province the
    text names most, when it clearly leads."""
    if _NATIONAL_OPENING.search(text[:_OPENING_CHARS]):
        return Place(places.by_short(NATIONAL))  # type: ignore[arg-type]
    pattern = places.zh_name_pattern() if lang == "zh" else places.en_name_pattern()
    counts = Counter(places.from_mention(m.group()).short for m in pattern.finditer(text))
    ranked = counts.most_common(2)
    if not ranked:
        return None
    (best, n), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
    return Place(places.by_short(best)) if n >= 2 and n >= 2 * runner_up else None  # type: ignore[arg-type]
