"""The 34 provincial-level divisions of China, plus the national level.

One table gives every name a document or a user may use for a division: the
canonical short Chinese name (the facet value), the full name, the English name
and its pinyin slug (used in doc ids and accepted by ``--province``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

NATIONAL = "全国"


@dataclass(frozen=True)
class Province:
    short: str  # canonical facet value, e.g. 四川
    full: str  # e.g. 四川省
    en: str  # e.g. Sichuan
    slug: str  # pinyin slug for ids, e.g. sichuan
    aliases: tuple[str, ...] = ()  # other written forms found in documents

    def names_zh(self) -> tuple[str, ...]:
        return (self.full, self.short, *self.aliases)


PROVINCES: tuple[Province, ...] = (
    Province("北京", "北京市", "Beijing", "beijing"),
    Province("天津", "天津市", "Tianjin", "tianjin"),
    Province("上海", "上海市", "Shanghai", "shanghai"),
    Province("重庆", "重庆市", "Chongqing", "chongqing"),
    Province("河北", "河北省", "Hebei", "hebei"),
    Province("山西", "山西省", "Shanxi", "shanxi"),
    Province("辽宁", "辽宁省", "Liaoning", "liaoning"),
    Province("吉林", "吉林省", "Jilin", "jilin"),
    Province("黑龙江", "黑龙江省", "Heilongjiang", "heilongjiang"),
    Province("江苏", "江苏省", "Jiangsu", "jiangsu"),
    Province("浙江", "浙江省", "Zhejiang", "zhejiang"),
    Province("安徽", "安徽省", "Anhui", "anhui"),
    Province("福建", "福建省", "Fujian", "fujian"),
    Province("江西", "江西省", "Jiangxi", "jiangxi"),
    Province("山东", "山东省", "Shandong", "shandong"),
    Province("河南", "河南省", "Henan", "henan"),
    Province("湖北", "湖北省", "Hubei", "hubei"),
    Province("湖南", "湖南省", "Hunan", "hunan"),
    Province("广东", "广东省", "Guangdong", "guangdong"),
    Province("海南", "海南省", "Hainan", "hainan"),
    Province("四川", "四川省", "Sichuan", "sichuan"),
    Province("贵州", "贵州省", "Guizhou", "guizhou"),
    Province("云南", "云南省", "Yunnan", "yunnan"),
    Province("陕西", "陕西省", "Shaanxi", "shaanxi"),
    Province("甘肃", "甘肃省", "Gansu", "gansu"),
    Province("青海", "青海省", "Qinghai", "qinghai"),
    Province("台湾", "台湾省", "Taiwan", "taiwan"),
    Province("内蒙古", "内蒙古自治区", "Inner Mongolia", "neimenggu"),
    Province("广西", "广西壮族自治区", "Guangxi", "guangxi", ("广西自治区",)),
    Province("西藏", "西藏自治区", "Tibet", "xizang", ("Xizang",)),
    Province("宁夏", "宁夏回族自治区", "Ningxia", "ningxia", ("宁夏自治区",)),
    Province("新疆", "新疆维吾尔自治区", "Xinjiang", "xinjiang", ("新疆自治区",)),
    Province("香港", "香港特别行政区", "Hong Kong", "hongkong"),
    Province("澳门", "澳门特别行政区", "Macao", "macao", ("Macau",)),
    Province(NATIONAL, "中华人民共和国", "National", "national", ("China", "中国")),
)

_BY_SHORT = {p.short: p for p in PROVINCES}


def by_short(short: str | None) -> Province | None:
    return _BY_SHORT.get(short or "")


@cache
def _lookup_table() -> dict[str, Province]:
    table: dict[str, Province] = {}
    for p in PROVINCES:
        for name in (*p.names_zh(), p.en, p.slug, p.en.replace(" ", "")):
            table[name.lower()] = p
    return table


def resolve(name: str) -> Province | None:
    """Any user-typed name (四川, 四川省, Sichuan, sichuan, 全国, national) → Province."""
    key = re.sub(r"\s+", " ", name.strip()).lower()
    return _lookup_table().get(key) or _lookup_table().get(key.replace(" ", ""))


@cache
def zh_name_pattern() -> re.Pattern[str]:
    """Regex matching any Chinese provincial name, longest first (广西壮族自治区 before 广西)."""
    names = sorted({n for p in PROVINCES if p.short != NATIONAL for n in p.names_zh()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@cache
def en_name_pattern() -> re.Pattern[str]:
    names = sorted(
        {n for p in PROVINCES if p.short != NATIONAL for n in (p.en, *p.aliases) if n.isascii()},
        key=len,
        reverse=True,
    )
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


def from_mention(mention: str) -> Province:
    """The province a name matched by one of the patterns above refers to."""
    province = resolve(mention)
    assert province is not None, mention
    return province
