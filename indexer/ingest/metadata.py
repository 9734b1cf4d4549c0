"""Document metadata detected from the text itself: title, province, year, date, language.

Signals, strongest first: hints from a structured record (a JSONL ``title``/``year``),
a collection header, the title line, the session line (``——2020年1月12日在安徽省第十三届
人民代表大会第三次会议上``), the date line cleaning took out (``dateline`` hint), the
National People's Congress session named in the text, and last the names and years
the text mentions most. The text itself is only read, never changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date

from indexer.analysis import has_cjk, is_cjk, to_simplified
from indexer.facets import valid_year
from indexer.ingest.datelines import YEAR as _YEAR
from indexer.ingest.datelines import iso_date
from indexer.ingest.doctype import detect_doc_type
from indexer.places import NATIONAL, Province, by_short, en_name_pattern, from_mention, zh_name_pattern

_ZH_DIGITS = str.maketrans("〇○零一二三四五六七八九", "001123456789")
_ZH_YEAR = r"([〇○零一二三四五六七八九]{4})"
# "——2020年1月12日在安徽省第十三届人民代表大会第三次会议上"
_SESSION_LINE = re.compile(rf"^[—－-]{{1,2}}\s*{_YEAR}\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日\s*在(.+?)上")
# "（2023年3月13日第十四届全国人民代表大会第一次会议通过）"
_ADOPTED = re.compile(rf"[（(]\s*{_YEAR}年(\d{{1,2}})月(\d{{1,2}})日.{{0,40}}?通过\s*[)）]")
_NPC_SESSION = re.compile(r"第([一二三四五六七八九十]+)届全国人民代表大会第([一二三四五六七八九十]+)次会议")
# The year of each session of the National People's Congress, by term (届).
_NPC_YEARS = {
    1: (1954, 1955, 1956, 1957, 1958),
    2: (1959, 1960, 1962, 1963),
    3: (1964,),
    4: (1975,),
    **{term: tuple(range(start, start + 5)) for term, start in zip(range(5, 15), range(1978, 2024, 5), strict=True)},
}
_NATIONAL_SIGNS = re.compile(r"国务院|全国人民代表大会|中华人民共和国|state council|national people's congress", re.I)
_NATIONAL_OPENING = re.compile(
    r"代表国务院|国务院总理|受国务院的?委托|国务院.{0,6}决定|on behalf of the state council", re.I
)
_GENERIC_TITLES = {"政府工作报告", "government work report", "work report"}
TITLE_MAX_CHARS = 120
_TITLE_SEARCH_LINES = 8
_DOCUMENT_KIND = re.compile(r"(工作报告|报告|决议|决定|意见|通知|规划|纲要|公报|方案|办法|条例)$")


@dataclass
class Detected:
    title: str
    date: str | None
    values: dict[str, object]  # facet values: province, year, doc_type, lang
    warnings: list[str] = field(default_factory=list)


def detect(lines: list[str], header: str | None = None, hints: dict | None = None) -> Detected:
    """The metadata of a report's cleaned lines; ``header`` is its collection header."""
    hints = hints or {}
    text = to_simplified("\n".join(lines))
    lang = detect_lang(text)
    title = str(hints.get("title") or header or _title_from(lines))
    simplified_title = to_simplified(title)
    session = next((m for line in text.split("\n", 12)[:12] if (m := _SESSION_LINE.match(line))), None)
    session_date = iso_date(*session.groups()[:3]) if session else None
    found_date = session_date or _adopted_date(text) or hints.get("dateline")
    province = detect_province(simplified_title, session.group(4) if session else "", text, lang)
    # The session line dates the report itself; a title may also name the plan's
    # target year (…2035年远景目标) or the year under review.
    year = (
        valid_year(hints.get("year"))
        or _year_of(session_date)
        or _year_in(simplified_title)
        or _year_of(found_date)
        or _npc_year(simplified_title + text[:300])
    )
    warnings = []
    if year is None:
        year = _most_mentioned_year(text)
        if year is not None:
            warnings.append(f"year {year} inferred from the years the text mentions")
    if title.strip().lower() in _GENERIC_TITLES and province is not None:
        title = f"{province.full}{title}" if lang == "zh" else f"{province.en} {title}"
    if province is None:
        warnings.append("no province detected")
    if year is None:
        warnings.append("no year detected")
    values = {
        "province": province.short if province else None,
        "year": year,
        "doc_type": detect_doc_type(title, text),
        "lang": lang,
    }
    return Detected(title, found_date, values, warnings)


def detect_lang(text: str) -> str:
    cjk = sum(1 for c in text if is_cjk(c))
    latin_words = len(re.findall(r"[A-Za-z]{2,}", text))
    return "zh" if cjk >= latin_words else "en"


def detect_province(title: str, session: str, text: str, lang: str) -> Province | None:
    for signal in (title, session):
        if found := _named_province(signal):
            return found
    for signal in (title, session):
        if _NATIONAL_SIGNS.search(signal):
            return by_short(NATIONAL)
    if _NATIONAL_OPENING.search(text[:600]):
        return by_short(NATIONAL)
    return _most_mentioned_province(text, lang)


def _named_province(text: str) -> Province | None:
    for pattern in (zh_name_pattern(), en_name_pattern()):
        if match := pattern.search(text):
            return from_mention(match.group())
    return None


def _most_mentioned_province(text: str, lang: str) -> Province | None:
    pattern = zh_name_pattern() if lang == "zh" else en_name_pattern()
    counts = Counter(from_mention(m.group()).short for m in pattern.finditer(text))
    ranked = counts.most_common(2)
    if not ranked:
        return None
    (best, n), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
    if n >= 2 and n >= 2 * runner_up:
        return by_short(best)
    return None


def _title_from(lines: list[str]) -> str:
    """A title-like line near the top (one naming a kind of document first), else the
    first line when it reads as a title, else the opening words of the text."""
    if not lines:
        return ""
    for line in lines[:_TITLE_SEARCH_LINES]:
        if _DOCUMENT_KIND.search(line) and len(line) <= TITLE_MAX_CHARS // 2 and not line.endswith(("。", "；")):
            return line
    first = lines[0]
    limit = TITLE_MAX_CHARS // 2 if has_cjk(first) else TITLE_MAX_CHARS
    if len(first) <= limit and not first.endswith(("。", "；")):
        return first
    sentence = re.split(r"(?<=[。！？])|(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _adopted_date(text: str) -> str | None:
    match = _ADOPTED.search(text)
    return iso_date(*match.groups()) if match else None


def _year_in(text: str) -> int | None:
    match = re.search(rf"(?<!\d){_YEAR}\s*年|(?<![\d.]){_YEAR}(?![\d.])", text)
    if match:
        return int(match.group(1) or match.group(2))
    match = re.search(rf"{_ZH_YEAR}年", text)
    return int(match.group(1).translate(_ZH_DIGITS)) if match else None


def _year_of(iso_date: str | None) -> int | None:
    return int(iso_date[:4]) if iso_date else None


def _npc_year(text: str) -> int | None:
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


def _most_mentioned_year(text: str) -> int | None:
    this_year = Date.today().year
    years = [int(y) for y in re.findall(rf"(?<!\d){_YEAR}(?!\d)", text) if 1949 <= int(y) <= this_year + 1]
    if not years:
        return None
    counts = Counter(years)
    top = max(counts.values())
    return max(y for y, n in counts.items() if n == top)
