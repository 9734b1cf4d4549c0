"""When a report is from: the dates and years a text, its title, a structured record
or its file name give. A work report's year is the year it plans for: one delivered
in November or December is the next year's (the session it opens)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date as Date
from pathlib import PurePosixPath

from indexer.facets import valid_year
from indexer.ingest.datelines import YEAR, iso_date

_ZH_DIGITS = str.maketrans("〇○零一二三四五六七八九", "001123456789")
_ZH_YEAR = r"([〇○零一二三四五六七八九]{4})"
_FULL_DATE = re.compile(rf"{YEAR}\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日")
# A line that says where and when the report was given: "——2020年1月12日在安徽省第十三届人民代表大会
# 第三次会议上", "在四川省第十二届人民代表大会第四次会议上（2016年1月25日）", or the date alone.
_SESSION_WORDS = re.compile(r"人民代表大会|人大.{0,8}会议|会议上")
_DATE_ONLY = re.compile(rf"^[（(—－\-\s]*{_FULL_DATE.pattern}[)）\s]*$")
SESSION_LINES = 15  # where the session line stands, after the title and the speaker
SESSION_LINE_CHARS = 80  # longer lines are the report itself
NEXT_YEAR_FROM_MONTH = 11  # a report given in November or December opens the next year's session
# "（2023年3月13日第十四届全国人民代表大会第一次会议通过）"
_ADOPTED = re.compile(rf"[（(]\s*{YEAR}年(\d{{1,2}})月(\d{{1,2}})日.{{0,40}}?通过\s*[)）]")
_NPC_SESSION = re.compile(r"第([一二三四五六七八九十]+)届全国人民代表大会第([一二三四五六七八九十]+)次会议")
# The year of each session of the National People's Congress, by term (届).
_NPC_YEARS = {
    1: (1954, 1955, 1956, 1957, 1958),
    2: (1959, 1960, 1962, 1963),
    3: (1964,),
    4: (1975,),
    **{term: tuple(range(start, start + 5)) for term, start in zip(range(5, 15), range(1978, 2024, 5), strict=True)},
}
_FILE_YEAR = re.compile(r"^((?:19|20)\d{2})(?!\d)")
# "一、2015年工作回顾", "一、1999年国内工作回顾": the report reviews that year and plans the next;
# "一、“十五”工作回顾", "一、“十一五”时期国民经济和社会发展的回顾": it reviews a plan's five years and
# plans the first year of the next.
_REVIEW = re.compile(rf"{YEAR}\s*年(?:(?!以来)[^，,。；、\d]){{0,8}}回顾")
_PERIOD_REVIEW = re.compile(r"[“\"]([一二三四五六七八九十]+)五[”\"](?:时期|期间)?[^，。；“”年]{0,12}?回顾")
REVIEW_LINES = 400
# "二、2026年主要预期目标和重点工作", "扎实做好2014年工作", "对2018年政府工作的建议": a
# heading naming the year planned; "二、今年主要任务": one planning the year after the review.
_PLAN_WORDS = re.compile(r"安排|目标|重点|任务|要求|建议|部署|预算|做好")
_REVIEW_WORDS = re.compile(r"回顾|情况|决算|总结|以来|了")  # 了: 全面完成了2004年的工作任务
_HEADING_YEAR = re.compile(rf"{YEAR}\s*年")
# "今年是“十五五”开局之年", "今年是“十四五”规划收官之年": the plan period places the year.
_THIS_YEAR_IN_PERIOD = re.compile(
    r"今年是.{0,30}?[“\"]([一二三四五六七八九十]+)五[”\"](?:规划|计划)?(?:的)?(开局|收官)之年"
)
REVIEW_LINE_CHARS = 40
# "2020年是全面建成小康社会和“十三五”规划收官之年", "2011年，是“十二五”开局之年": a sentence that
# opens with a year and says what year it is.
_YEAR_CALLED = re.compile(rf"(?:^|[。！；])\s*{YEAR}\s*年\s*[，,]?\s*是[^。]{{0,80}}?(?:之年|一年)")
_THIS_YEAR_WORK = re.compile(r"今年|做好")
# "第十四个五年规划", "“九五”计划": plans are numbered from 一五 (1953); 三五 began in 1966.
_PLAN_NUMBER = re.compile(
    r"第([一二三四五六七八九十]+)个五年(?:计划|规划)|[“\"]?([一二三四五六七八九十]+)五[”\"]?(?:计划|规划)"
)


def session_date(lines: list[str]) -> tuple[str | None, str]:
    """The date the report was given, from its session line near the top, and that line."""
    for line in lines[:SESSION_LINES]:
        if len(line) > SESSION_LINE_CHARS or not (match := _FULL_DATE.search(line)):
            continue
        if _SESSION_WORDS.search(line) or _DATE_ONLY.match(line):
            return iso_date(*match.groups()), line
    return None, ""


def date_in(text: str) -> str | None:
    """A full date a title names (the day the report was given)."""
    match = _FULL_DATE.search(text)
    return iso_date(*match.groups()) if match else None


def plan_year(iso: str) -> int:
    year, month = int(iso[:4]), int(iso[5:7])
    return year + 1 if month >= NEXT_YEAR_FROM_MONTH else year


def adopted_date(text: str) -> str | None:
    match = _ADOPTED.search(text)
    return iso_date(*match.groups()) if match else None


def year_in(text: str) -> int | None:
    """The first year a title names (2020年, 2020, 二〇二〇年)."""
    match = re.search(rf"(?<!\d){YEAR}\s*年|(?<![\d.]){YEAR}(?![\d.])", text)
    if match:
        return int(match.group(1) or match.group(2))
    match = re.search(rf"{_ZH_YEAR}年", text)
    return int(match.group(1).translate(_ZH_DIGITS)) if match else None


def year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None


def npc_year(text: str) -> int | None:
    """The year of a National People's Congress session named in the text."""
    match = _NPC_SESSION.search(text)
    if not match:
        return None
    term, session = (_zh_number(g) for g in match.groups())
    years = _NPC_YEARS.get(term, ())
    return years[session - 1] if 0 < session <= len(years) else None


def _zh_number(numeral: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" not in numeral:
        return digits.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + digits.get(ones, 0)


def most_mentioned_year(text: str) -> int | None:
    this_year = Date.today().year
    years = [int(y) for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", text) if 1949 <= int(y) <= this_year + 1]
    if not years:
        return None
    counts = Counter(years)
    top = max(counts.values())
    return max(y for y, n in counts.items() if n == top)


def reviewed_year(lines: list[str]) -> int | None:
    """The year after the one a heading says the report reviews (2015年工作回顾 → 2016;
    “十五”工作回顾 → 2006)."""
    for line in _plain_lines(lines):
        if len(line) > REVIEW_LINE_CHARS:
            continue
        if match := _REVIEW.search(line):
            return int(match.group(1)) + 1
        if (match := _PERIOD_REVIEW.search(line)) and (start := _plan_number_start(match.group(1))):
            return start + 5
    return None


def planned_year(lines: list[str]) -> int | None:
    """The year a report without its head plans for: the later of the years a plan heading
    names (2026年主要预期目标) and a sentence calls the year of something beside 今年
    ("2020年是…收官之年"; the review's year is the earlier), else "今年是“十五五”开局之年"
    (the plan's first year; 收官: its last), else the year after the review when a
    heading plans 今年, else the year after the latest one the review names. The years a
    body mentions most are the ones it reviews, so they are not counted here."""
    lines = _plain_lines(lines)
    named = [year for year in (_heading_year(lines), _year_called(lines)) if year]
    return max(named, default=None) or _year_in_period(lines) or _this_year_heading(lines) or _after_review(lines)


def _plan_headings(lines: list[str]) -> list[tuple[int, str]]:
    """The short lines that plan rather than review, with their place."""
    return [
        (k, line)
        for k, line in enumerate(lines)
        if len(line) <= REVIEW_LINE_CHARS and _PLAN_WORDS.search(line) and not _REVIEW_WORDS.search(line)
    ]


def _heading_year(lines: list[str]) -> int | None:
    """The latest year a plan heading names (一、1996年的政府工作和1997年的奋斗目标 → 1997)."""
    for _, line in _plan_headings(lines):
        if years := _HEADING_YEAR.findall(line):
            return max(int(y) for y in years)
    return None


def _year_called(lines: list[str]) -> int | None:
    """A sentence such as "2011年，是“十二五”开局之年，做好今年的工作…": the year planned, when
    its line or the next speaks of 今年 or of work to do well (做好), as a review's
    "2019年是…关键之年" does not."""
    for k, line in enumerate(lines):
        if (match := _YEAR_CALLED.search(line)) and _THIS_YEAR_WORK.search(" ".join(lines[k : k + 2])):
            return int(match.group(1))
    return None


def _this_year_heading(lines: list[str]) -> int | None:
    """ "二、今年主要任务": the year after the latest one the review before it names."""
    for k, line in _plan_headings(lines):
        if "今年" in line and (reviewed := _latest_year_mentioned(lines[:k])):
            return reviewed + 1
    return None


def _after_review(lines: list[str]) -> int | None:
    """The year after the latest one named before the first plan heading (a review of
    five years, then 今后五年的主要任务: the year the new term begins)."""
    headings = _plan_headings(lines)
    reviewed = _latest_year_mentioned(lines[: headings[0][0]]) if headings else None
    return reviewed + 1 if reviewed else None


def _year_in_period(lines: list[str]) -> int | None:
    for line in lines:
        if (match := _THIS_YEAR_IN_PERIOD.search(line)) and (start := _plan_number_start(match.group(1))):
            return start if match.group(2) == "开局" else start + 4
    return None


def _plain_lines(lines: list[str]) -> list[str]:
    """The head's lines with full-width digits folded and "1 9 9 8" closed up."""
    return [re.sub(r"(?<=\d) (?=\d)", "", unicodedata.normalize("NFKC", line)) for line in lines[:REVIEW_LINES]]


def _latest_year_mentioned(lines: list[str]) -> int | None:
    """The latest year a review names at least twice (the year just past)."""
    counts = Counter(int(y) for line in lines for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", line))
    years = [y for y, n in counts.items() if n >= 2 and 1949 <= y <= Date.today().year]
    return max(years, default=None)


def plan_start(title: str) -> int | None:
    """The first year of a five-year plan its title numbers (第十四个五年规划 → 2021)."""
    match = _PLAN_NUMBER.search(title)
    return _plan_number_start(match.group(1) or match.group(2)) if match else None


def _plan_number_start(numeral: str) -> int | None:
    number = _zh_number(numeral)
    if number <= 0:
        return None
    return {1: 1953, 2: 1958}.get(number, 1966 + 5 * (number - 3))


def file_year(path: str) -> int | None:
    """The year a file is named after (2020.md, 2021-十四五规划纲要.md), inside an archive too."""
    match = _FILE_YEAR.match(PurePosixPath(path.rsplit("!", 1)[-1]).stem)
    return valid_year(match.group(1)) if match else None
