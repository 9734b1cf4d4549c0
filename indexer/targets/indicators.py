"""The indicators whose targets a work report states, each with the words that name it.

An indicator is a *growth* (a percentage change: GDP, revenue, investment …) or a
*level* (a rate or an amount: the unemployment rate, new urban jobs, grain output).
``names`` is a regular expression for the indicator's names as reports write them;
``not_before`` / ``not_after`` exclude the neighbours that share those words (单位生产总值
能耗 is energy intensity, 占生产总值比重 a share, 与经济增长同步 a comparison).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    key: str  # URL and JSON name
    zh: str
    en: str
    names: re.Pattern[str]
    growth: bool  # the value is a growth rate (增长 X%); False: a level (X%, X 万人)
    units: tuple[str, ...]  # the units a value of it is written in
    not_before: str = ""  # the name preceded by this is another indicator
    not_after: str = ""  # the name followed by this is another indicator

    def label(self, ui: str) -> str:
        return self.en if ui == "en" else self.zh


_SHARE_OR_INTENSITY = r"单位|人均|占|均|万元|每|的"
_GROWTH_UNITS = ("%",)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "gdp",
        "地区生产总值增长",
        "GDP growth",
        re.compile(r"(?:地区|国内|全省|全市|全区)?生产总值|GDP|经济增长(?:速度)?|经济增速"),
        growth=True,
        units=_GROWTH_UNITS,
        not_before=_SHARE_OR_INTENSITY
        + r"|与|和|同|快于|高于|于|对|促进|推动|拉动|保持|世界|全球|海洋|旅游|文化|数字|县域|民营|新区",
        not_after=r"能耗|比重|的比|总量|构成|的|贡献|率|质量|方式|动力|动能|点|极",
    ),
    Indicator(
        "cpi",
        "居民消费价格涨幅",
        "Consumer prices (CPI)",
        re.compile(r"居民消费价格(?:总水平|指数)?|CPI|物价总水平|消费价格"),
        growth=True,
        units=_GROWTH_UNITS,
    ),
    Indicator(
        "unemployment",
        "城镇失业率",
        "Urban unemployment rate",
        re.compile(r"城镇(?:调查|登记)?失业率"),
        growth=False,
        units=("%",),
    ),
    Indicator(
        "jobs",
        "城镇新增就业",
        "New urban jobs",
        re.compile(r"城镇新增就业(?:人数|人员|岗位)?"),
        growth=False,
        units=("万人", "人"),
    ),
    Indicator(
        "revenue",
        "一般公共预算收入增长",
        "Budget revenue growth",
        re.compile(
            r"(?:地方)?(?:一般公共预算收入|公共财政预算收入|地方财政收入|地方财政一般预算收入|地方一般预算收入)"
        ),
        growth=True,
        units=_GROWTH_UNITS,
        not_before=r"占",
    ),
    Indicator(
        "investment",
        "固定资产投资增长",
        "Fixed-asset investment growth",
        re.compile(r"(?:全社会|全省|全市|全区)?固定资产投资(?:总额)?"),
        growth=True,
        units=_GROWTH_UNITS,
        not_before=r"民间|工业|产业|制造业|基础设施|中央预算内|政府",
    ),
    Indicator(
        "retail",
        "社会消费品零售总额增长",
        "Retail sales growth",
        re.compile(r"(?:全社会)?社会消费品零售总额|全社会消费品零售总额"),
        growth=True,
        units=_GROWTH_UNITS,
    ),
    Indicator(
        "income",
        "居民人均可支配收入增长",
        "Resident disposable income growth",
        re.compile(r"(?:全体)?居民人均可支配收入"),
        growth=True,
        units=_GROWTH_UNITS,
        not_before=r"城镇|农村|城乡",
    ),
    Indicator(
        "grain",
        "粮食产量",
        "Grain output",
        re.compile(r"粮食(?:总)?产量|粮食(?:生产|总产)"),
        growth=False,
        units=("亿斤", "万吨", "亿公斤", "万斤"),
    ),
)
BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}


def indicator(key: str) -> Indicator | None:
    """The indicator of a URL or CLI name (its key, or its Chinese or English label)."""
    wanted = key.strip().lower()
    for item in INDICATORS:
        if wanted in (item.key, item.zh, item.en.lower()):
            return item
    return None
