"""A work report's stated targets for its year, and the outcomes it reports for the year before.

Targets are read only where the report sets them: after an *anchor* ("今年经济社会发展的
主要预期目标是：", "主要目标是", "主要指标为") that is not a five-year plan's ("今后五年 …
主要目标", "“十四五”时期 …"), in the rest of that paragraph and the two after it (the list
runs on over paragraphs in some reports). A clause with a multi-year figure (年均, 累计,
到2025年 …) is never taken. The clause after a target that hedges it ("力争达到6%以上",
"在实际工作中争取更好结果") is kept as its hedge.

Outcomes are read from the review part, before the first anchor: the first clause that
states the indicator's growth or level for the place itself (not "呼和浩特市和包头市 …",
not 年均, not a target recalled: "年初确定的 … 目标").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from indexer.targets.indicators import INDICATORS, Indicator
from indexer.targets.sentences import Sentence, sentences
from indexer.targets.values import PART_OF_YEAR, Value, clause_start, read_values

ANCHOR = re.compile(
    r"(?:(?:预期|调控|发展|总体|主要)目标|主要指标|预期指标|主要经济指标)"
    r"(?:[^。；;，,]{0,6}?(?:是|为|:|：|如下)|[，,][^。；;]{0,24}?安排[:：])"  # "…目标，按…原则安排："
)
# Where a report without an anchor sets its year's GDP target ("综合考虑各方面因素，地区生产总值增长6%左右")
_SETTING = re.compile(r"综合考虑|综合分析|综合平衡|今年|力争")
_NOT_SETTING = re.compile(r"预计|去年|过去|完成|实现了")
_PLAN_PERIOD = re.compile(r"今后|五年|5年|时期|“十|十[一二三四五]五|规划|纲要|到20\d\d年|20\d\d年前")
_THIS_YEAR = re.compile(r"今年|本年|年度|明年|当年")
MULTI_YEAR = re.compile(r"年均|累计|五年|5年|十[一二三四五]五|到20\d\d年|比20\d\d年|翻番|翻一番|期末|\d{4}-\d{4}")
_RECALLED = re.compile(r"目标|预期|计划|确定|要求|任务")
_HEDGE = re.compile(r"力争|争取|努力|更好|更高|实际工作中|力求")
_ANY_NAME = re.compile("|".join(f"(?:{i.names.pattern})" for i in INDICATORS))
ZONE_PARAGRAPHS = 3  # the anchor's paragraph and the two after it
_DIGIT = re.compile(r"\d")
_ZONE = re.compile(r"新区|开发区|园区|经开区|高新区|示范区|自贸区|片区|县域")
_CLAUSE_END = re.compile(r"[，,；;。！？]")


@dataclass
class Target:
    indicator: str
    value: float
    value_high: float | None
    modifier: str
    unit: str
    text: str  # the sentence, as written
    paragraph: int
    hedge: str = ""  # the clause after the target that hedges it


@dataclass
class Outcome:
    indicator: str
    value: float  # negative for a fall
    unit: str
    text: str
    paragraph: int


@dataclass
class ReportTargets:
    targets: list[Target] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"targets": [asdict(t) for t in self.targets], "outcomes": [asdict(o) for o in self.outcomes]}

    @classmethod
    def from_json(cls, data: dict) -> ReportTargets:
        return cls([Target(**t) for t in data["targets"]], [Outcome(**o) for o in data["outcomes"]])


def extract(paragraphs: Iterable[tuple[int, str]], year: int | None) -> ReportTargets:
    """The targets and outcomes of one work report, from its numbered paragraphs."""
    text = sentences(paragraphs)
    anchors = [k for k, s in enumerate(text) if ANCHOR.search(s.folded)]
    annual = [k for k in anchors if not _is_plan_period(text[k], year)]
    review = text[: anchors[0]] if anchors else text[: len(text) // 2]
    targets = _targets(text, annual)
    if not any(t.indicator == "gdp" for t in targets):
        targets = _targets(text, _settings(text, year)[:1]) or targets
    return ReportTargets(targets, _outcomes(review))


def _settings(text: list[Sentence], year: int | None) -> list[int]:
    """Sentences past the review that set this year's GDP growth without an anchor."""
    this_year = f"{year}年"
    return [
        k
        for k in range(len(text) // 5, len(text))
        if (_SETTING.search(text[k].folded) or this_year in text[k].folded)
        and not _NOT_SETTING.search(text[k].folded)
        and any(item.key == "gdp" for item, _ in _values(text[k].folded, {}))
    ]


def _is_plan_period(sentence: Sentence, year: int | None) -> bool:
    """Does the anchor set a five-year plan's targets? Its sentence names a plan period
    before the anchor, and the anchor's own clause does not say "this year"."""
    match = ANCHOR.search(sentence.folded)
    before = sentence.folded[: match.start()]
    own_clause = before[clause_start(before, len(before)) :]
    this_year = _THIS_YEAR.search(own_clause) or (year is not None and f"{year}年" in own_clause)
    return bool(_PLAN_PERIOD.search(before)) and not this_year


def _zone(text: list[Sentence], anchor: int) -> Iterator[tuple[Sentence, str]]:
    """The parts of the sentences an anchor introduces (the anchor's own sentence from
    the anchor on), with the sentence each is from."""
    first = text[anchor]
    last_paragraph = first.paragraph + ZONE_PARAGRAPHS - 1
    start = ANCHOR.search(first.folded)
    yield from (
        (first, part)
        for part in first.folded[clause_start(first.folded, start.start() if start else 0) :]
        .replace("；", ";")
        .split(";")
    )
    for sentence in text[anchor + 1 :]:
        if sentence.paragraph > last_paragraph:
            break
        yield from ((sentence, part) for part in sentence.parts())


def _values(part: str, found: dict[str, object], review: bool = False) -> Iterator[tuple[Indicator, Value]]:
    """The values in a part of a sentence of the indicators not yet found; never one in a
    multi-year clause (nor, in the review, in a clause that recalls a target or gives a
    quarter's figure, nor one after a zone of the place is named: "…经开区…实现地区生产总值")."""
    if not _DIGIT.search(part) or not _ANY_NAME.search(part):
        return
    for item in INDICATORS:
        if item.key in found:
            continue
        for value in read_values(part, item):
            clause = part[clause_start(part, value.start) : value.end]
            if not MULTI_YEAR.search(clause) and not (
                review
                and (
                    _RECALLED.search(clause)
                    or PART_OF_YEAR.search(clause)
                    or _ZONE.search(part[_previous_clause(part, value.start) : value.start])
                )
            ):
                yield item, value
                break


def _previous_clause(part: str, position: int) -> int:
    """Where the clause before the one holding ``position`` starts."""
    start = clause_start(part, position)
    return clause_start(part, start - 1) if start > 0 else 0


def _targets(text: list[Sentence], anchors: list[int]) -> list[Target]:
    found: dict[str, Target] = {}
    for anchor in anchors:
        for sentence, part in _zone(text, anchor):
            for item, v in _values(part, found):
                found[item.key] = Target(
                    item.key, v.value, v.value_high, v.modifier, v.unit, sentence.text, sentence.paragraph,
                    _hedge(part, v.end),
                )  # fmt: skip
    return [found[i.key] for i in INDICATORS if i.key in found]


def _hedge(part: str, end: int) -> str:
    """The clause after a target, when it hedges the target rather than states another one."""
    rest = part[end:].lstrip("，,")
    clause = rest[: m.start()] if (m := _CLAUSE_END.search(rest)) else rest
    if not _HEDGE.search(clause) or any(i.key != "gdp" and i.names.search(clause) for i in INDICATORS):
        return ""
    return clause


def _outcomes(review: list[Sentence]) -> list[Outcome]:
    found: dict[str, Outcome] = {}
    for sentence in review:
        for part in sentence.parts():
            for item, v in _values(part, found, review=True):
                number = -v.value if v.falling else v.value
                found[item.key] = Outcome(item.key, number, v.unit, sentence.text, sentence.paragraph)
    return [found[i.key] for i in INDICATORS if i.key in found]
