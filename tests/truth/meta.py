"""What each text is — place, level, year, kind, language — decided from its path,
title and header as a reader of the corpus README would, with the source's known
faults that README lists (corpus/README.md, "Known faults of the source") written out
here by hand. Nothing is read from the index."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.truth.files import Text

NATION = "全国"
MUNICIPALITIES = {"北京", "上海", "天津", "重庆"}
# The cities the tests' sample holds (and the places their misfiled reports belong to): their province.
CITY_PROVINCE = {
    "成都": "四川",
    "绵阳": "四川",
    "六安": "安徽",
    "宿迁": "江苏",
    "宿州": "安徽",
    "池州": "安徽",
    "淮安": "江苏",
}
# README: "three city folders hold another city's report".
ANOTHER_CITYS = {"宿迁/2015": "宿州", "沧州/2016": "池州", "淮南/2016": "淮安"}
# README: "four hold an earlier year's" — the year each one's date line gives.
EARLIER_YEARS = {"牡丹江/2016": 2015, "潮州/2015": 2014, "清远/2015": 2014, "邢台/2014": 2013}
# README: "Sichuan 2003–2019 files are named one year early … 四川省/2019.md is a near-copy of 2020.md".
SICHUAN_EARLY = range(2003, 2019)
SICHUAN_NEAR_COPY = "四川/2019"
# The English seeds, read by hand (README: a Sichuan 2020 work plan, a party committee meeting of
# 2023-03-16, a government meeting page updated 2024-12-25, a news report on Chongqing's 2017 report).
SEEDS = {
    "seeds/000_6074751ce80ff89e.txt": ("四川", 2020, "work-report"),
    "seeds/001_b905f69b6a25458e.txt": ("四川", 2023, "other"),
    "seeds/003_957402f9511e7e7e.txt": ("四川", 2024, "other"),
    # typed a work report by corpus/manifest.toml (a relay of the report's nine tasks, issue 21)
    "seeds/004_feec8bd573019051.txt": ("重庆", 2017, "work-report"),
}
# The NPC's sessions by term (届): the first year of terms 5 on is 1978 + 5 × (term − 5).
NPC_SESSION = re.compile(r"第([一二三四五六七八九十]+)届全国人民代表大会第([一二三四五])次会议")
SECOND_NPC = (1959, 1960, 1962, 1963)
ZH_DIGITS = "一二三四五六七八九"


@dataclass(frozen=True)
class Meta:
    province: str
    city: str | None
    level: str  # national, provincial, city
    year: int
    doc_type: str  # work-report, plan, resolution, other
    lang: str


def short(name: str) -> str:
    """四川省 → 四川, 广西壮族自治区 → 广西, 成都市 → 成都."""
    return re.sub(r"(壮族|回族|维吾尔)?自治区$|[省市]$", "", name)


def zh_number(numeral: str) -> int:
    tens, ten, ones = numeral.rpartition("十")
    value = ZH_DIGITS.index(ones) + 1 if ones else 0
    return value + (10 * (ZH_DIGITS.index(tens) + 1 if tens else 1) if ten else 0)


def session_year(title: str) -> int:
    term, session = (zh_number(g) for g in NPC_SESSION.search(title).groups())
    return SECOND_NPC[session - 1] if term == 2 else 1978 + 5 * (term - 5) + session - 1


def archive_meta(member: str) -> Meta | None:
    """A lawtext-gov report; None for one not indexed (its README, Sichuan's near-copy)."""
    parts = member.split("/")
    if parts[0] == "五年规划":
        return Meta(NATION, None, "national", int(parts[1][:4]), "plan", "zh")
    if not (found := archive_place(member)):
        return None
    level, place, year = found
    if level == "provincial":
        return Meta(place, None, "provincial", year, "work-report", "zh")
    return Meta(CITY_PROVINCE[place], place, "city", year, "work-report", "zh")


def archive_place(member: str) -> tuple[str, str, int] | None:
    """A lawtext-gov work report's level, place (a province's or city's short name, the
    source's misfiled folders put right) and year; None for anything else (a plan, the
    README, Sichuan's near-copy). Any city of the corpus: no table of the sample's."""
    parts = member.split("/")
    if len(parts) != 3 or not parts[2].endswith(".md"):
        return None
    place, year = short(parts[1]), int(parts[2][:4])
    key = f"{place}/{year}"
    if key == SICHUAN_NEAR_COPY:
        return None
    if parts[0] == "政府工作报告-省自治区" or place in MUNICIPALITIES:
        return "provincial", place, year + (place == "四川" and year in SICHUAN_EARLY)
    return "city", ANOTHER_CITYS.get(key, place), EARLIER_YEARS.get(key, year)


def meta(text: Text) -> Meta | None:
    path, _, part = text.source.partition("#")
    if "!" in path:
        return archive_meta(path.split("!", 1)[1])
    if path.endswith(".jsonl"):
        if "决议" in text.title:
            return Meta(NATION, None, "national", session_year(text.title), "resolution", "zh")
        return Meta(NATION, None, "national", int(text.fields["year"]), "work-report", "zh")
    if part:  # a part of the 2020 collection: 安徽省政府工作报告
        return Meta(short(text.title.removesuffix("政府工作报告")), None, "provincial", 2020, "work-report", "zh")
    province, year, doc_type = SEEDS[path]
    return Meta(province, None, "provincial", year, doc_type, "en")
