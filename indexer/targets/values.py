"""An indicator's value in one clause: "地区生产总值增长5%左右", "增长7%—7.5%",
"城镇调查失业率控制在5.5%以内", "城镇新增就业85万人以上", "经济增长不低于6%".

The clause is read from the indicator's name to the first number after it: between
them only words (增长, 控制在, 力争 …), no other number; the number (or a low–high
range, with any dash) carries a unit the indicator is written in and the modifier
that hedges it (左右, 以上 … after the number; 不低于, 力争 … before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from indexer.targets.indicators import INDICATORS, Indicator

NUMBER = r"\d+(?:\.\d+)?"
DASHES = "—–\\-~至到－―"  # em and en dash, hyphen, tilde (～ folded), 至, 到
UNIT = r"%|个百分点|万人次|万人|人|亿斤|万吨|亿公斤|万斤"
_VALUE = re.compile(
    rf"(?P<value>{NUMBER})\s*(?P<unit1>{UNIT})?"
    rf"(?:\s*[{DASHES}]{{1,2}}\s*(?P<high>{NUMBER})\s*(?P<unit2>{UNIT})?)?"
    r"\s*(?P<post>左右|以上|以内|以下|上下)?"
)
AMOUNT = re.compile(rf"{NUMBER}\s*(?:万亿元|万亿|亿元|万元|亿|万人|亿斤|万吨)")
_WORDS = r"[^\d，,。；;：:]"
# The words between the name and the number: no other number and no comma, but for one
# or two amounts and then the growth ("生产总值54355亿元、增长4.5%", "突破11万亿元、达到11.6万亿元、
# 增长8.6%", "达到2417亿元，增长8.2%"), and but for "，全年增长" after the name.
_GAP = re.compile(
    rf"(?:(?P<lead>{_WORDS}{{0,14}}?)(?P<amount>(?:{AMOUNT.pattern}[^\d。；;]{{0,16}}?){{1,2}})"
    rf"|(?P<words>{_WORDS}{{0,14}}?(?:[,，](?:全年|同比|比上年)?(?=增长))?{_WORDS}{{0,4}}?))(?=\d)"
)
_LEVEL_GAP = re.compile(rf"(?P<lead>)(?P<amount>)??(?P<words>{_WORDS}{{0,14}}?)(?=\d)")  # no amount before a level
PRE_MODIFIERS = ("不低于", "不超过", "不高于", "超过", "力争")
_GROWTH_WORDS = re.compile(r"增|涨|上升|提高|下降|回落")
_FALLING = re.compile(r"下降|回落|减少")
_AMBIGUOUS = re.compile(r"分别|均|累计|总量|规模|突破|翻|比重|占|(?<!不)高于|(?<!不)低于|快于")
# another place's figure: "呼和浩特市和包头市地区生产总值", "兰州新区经济增长" (not 全区, 我市 …)
_OTHER_SUBJECT = re.compile(r"[市县区州盟]和|[市县区州盟]、|其中|(?<![全我本治])[市县区州盟]$|新区$|园区$")
PART_OF_YEAR = re.compile(r"季度|上半年|前\d+个?月|\d+-\d+月")


_OTHER_NAMES = {i.key: re.compile("|".join(o.names.pattern for o in INDICATORS if o is not i)) for i in INDICATORS}


@dataclass(frozen=True)
class Value:
    start: int  # where the name starts in the text read
    end: int  # where the value and its modifier end
    value: float
    value_high: float | None
    modifier: str
    unit: str
    falling: bool  # "下降 X%": a fall (an outcome's value is then negative)


def read_value(text: str, indicator: Indicator) -> Value | None:
    """The indicator's first value in a folded sentence or part of one, or None when it
    states none unambiguously (another indicator's number, "分别", a multi-year figure)."""
    return next(read_values(text, indicator), None)


def read_values(text: str, indicator: Indicator) -> Iterator[Value]:
    """Every value of the indicator a folded text states, in order."""
    other_names = _OTHER_NAMES[indicator.key]
    for match in indicator.names.finditer(text):
        if _excluded(text, match.start(), match.end(), indicator):
            continue
        gap = (_GAP if indicator.growth else _LEVEL_GAP).match(text, match.end())
        number = _VALUE.match(text, gap.end()) if gap else None
        if not number or _OTHER_SUBJECT.search(_clause_before(text, match.start())):
            continue
        words = AMOUNT.split(gap.group("amount"))[-1] if gap.group("amount") else gap.group("words")
        if _AMBIGUOUS.search(words) or PART_OF_YEAR.search(words) or other_names.search(words):
            continue
        value = _value(number, words, match, indicator)
        if value is not None:
            yield value


def clause_start(text: str, position: int) -> int:
    """Where the clause holding ``position`` starts (after the comma or colon before it)."""
    return max(text.rfind(mark, 0, position) for mark in "，,：:；;") + 1


def _clause_before(text: str, position: int) -> str:
    return text[clause_start(text, position) : position]


def _excluded(clause: str, start: int, end: int, indicator: Indicator) -> bool:
    before = clause[max(0, start - 4) : start]
    after = clause[end : end + 3]
    return bool(
        (indicator.not_before and re.search(f"(?:{indicator.not_before})$", before))
        or (indicator.not_after and re.match(indicator.not_after, after))
    )


def _value(number: re.Match[str], gap: str, name: re.Match[str], indicator: Indicator) -> Value | None:
    unit = number.group("unit2") or number.group("unit1") or ""
    if unit not in indicator.units:
        return None
    if indicator.growth and not (_GROWTH_WORDS.search(gap) or "增" in name.group()):
        return None
    pre = next((word for word in PRE_MODIFIERS if word in gap), "")
    high = number.group("high")
    return Value(
        start=name.start(),
        end=number.end(),
        value=float(number.group("value")),
        value_high=float(high) if high else None,
        modifier=number.group("post") or pre,
        unit=unit,
        falling=bool(_FALLING.search(gap)),
    )
