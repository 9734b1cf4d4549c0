"""Document metadata: title, place (province, city, level), year, date, type and
language, from the text itself and from the file's name.

Signals, strongest first: a structured record (a JSONL ``title``/``year``), a
collection header, the title line and the session line (``——2020年1月12日在安徽省
第十三届人民代表大会第三次会议上``: where, and the date the year is planned from —
``when``), the folder and file name (``政府工作报告-省自治区/四川省/2015.md`` —
``where``), the date line cleaning took out, the NPC session the text names, and
last the names and years the text mentions most. Where the text and the file name
disagree the text wins, and a warning says so. The text is only read, never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.analysis import count_cjk, has_cjk, to_simplified
from indexer.facets import valid_year
from indexer.ingest import when
from indexer.ingest.doctype import detect_doc_type
from indexer.ingest.where import Place, folder_place, mentioned_place, named_place

_GENERIC_TITLES = {"政府工作报告", "government work report", "work report"}
TITLE_MAX_CHARS = 120
_TITLE_SEARCH_LINES = 8
_DOCUMENT_KIND = re.compile(r"(工作报告|报告|决议|决定|意见|通知|规划|纲要|公报|方案|办法|条例)$")
DISAGREES = "disagreement: "  # the prefix of warnings where the text and the file name differ


@dataclass
class Detected:
    title: str
    date: str | None
    values: dict[str, object]  # facet values: province, city, level, year, doc_type, lang
    warnings: list[str] = field(default_factory=list)
    year_note: dict | None = None  # the title or file name names another year than the text's (see ``_year``)


def detect(lines: list[str], header: str | None = None, hints: dict | None = None) -> Detected:
    """The metadata of a report's cleaned lines. ``header`` is its collection header;
    ``hints``: a record's ``title``/``year``, the ``dateline`` cleaning took out, and
    the ``path`` of its file (whose folder may name the place, its name the year)."""
    hints = hints or {}
    text = to_simplified("\n".join(lines))
    lang = detect_lang(text)
    given_title = hints.get("title") or header or _title_line(lines)
    title = str(given_title or _opening_words(lines))
    simplified_title = to_simplified(title)
    named = simplified_title if given_title else ""  # opening words stand in for a title, but name no year or type
    given, session = when.session_date(text.split("\n", when.SESSION_LINES)[: when.SESSION_LINES])
    given = given or when.date_in(simplified_title)  # 天水市政府工作报告（2024年12月25日 刘力江）
    warnings: list[str] = []
    place = _place(simplified_title, session, text, lang, str(hints.get("path") or ""), warnings)
    doc_type = detect_doc_type(named, text)
    year, year_note = _year(named, text, given, doc_type, hints, warnings)
    if place is not None and not named_place(simplified_title):
        title = _with_place(title, place, lang)
    values: dict[str, object] = {**(place.values() if place else {"province": None, "city": None, "level": None})}
    values.update(year=year, doc_type=doc_type, lang=lang)
    date = given or when.adopted_date(text) or hints.get("dateline")
    return Detected(title, date, values, warnings, year_note)


def _place(title: str, session: str, text: str, lang: str, path: str, warnings: list[str]) -> Place | None:
    """The title's or session line's place, else the folder's, else the one the text
    names most; where the text and the folder disagree, the text wins and it is said."""
    named = named_place(title) or named_place(session)
    filed = folder_place(path) if path else None
    if named and filed and named != filed and filed.city != named.city and named.level != "national":
        warnings.append(f"{DISAGREES}the folder says {filed.describe()}, the text {named.describe()}")
    place = named or filed or mentioned_place(text, lang)
    if place is None:
        warnings.append("no province detected")
    return place


def _year(
    title: str, text: str, given: str | None, doc_type: str, hints: dict, warnings: list[str]
) -> tuple[int | None, dict | None]:
    """A record's year; for a plan, the first year of its period; for a report, the year
    it plans for (from the date it was given, else from the year its review heading
    names, else the year a heading plans); else its title's, its file name's, the NPC session it names, the years it
    mentions. With it, a note when the title or file name names another year that the
    text corrects (the title, as the source has it, is kept: the note says why it differs)."""
    named = when.year_in(title)
    filed = when.file_year(str(hints.get("path") or ""))
    head = text.split("\n", when.REVIEW_LINES)
    if doc_type == "plan":
        planned = when.plan_start(title) or filed
    else:
        planned = when.plan_year(given) if given else when.reviewed_year(head)
    year = valid_year(hints.get("year")) or planned or named or filed
    year = year or (when.planned_year(head) if doc_type != "plan" else None)
    year = year or when.year_of(hints.get("dateline")) or when.npc_year(title + text[:300])
    if year is None and (year := when.most_mentioned_year(text)) is not None:
        warnings.append(f"year {year} inferred from the years the text mentions")
    if year is None:
        warnings.append("no year detected")
    evidence = f"the report was given on {given}" if given else f"it reviews {planned - 1}" if planned else ""
    note = None
    for source, claimed in (("file name", filed), ("title", named)):
        dated = source == "title" and given and claimed == when.year_of(given)  # the title names the date itself
        if claimed and year and claimed != year and planned == year and doc_type != "plan" and not dated:
            warnings.append(f"{DISAGREES}the {source} says {claimed}; {evidence}: {year}")
            note = {
                "source_year": claimed,
                "given": given,
                "reviews": None if given else planned - 1 if planned else None,
            }
            note["text"] = f"the source names it {claimed}; {evidence}"  # the title's, when both differ
    return year, note


def _with_place(title: str, place: Place, lang: str) -> str:
    """A title that names no place, with the place: 政府工作报告 → 四川省政府工作报告,
    2020年政府工作报告 → 2020年成都市政府工作报告."""
    if lang != "zh":
        return f"{place.en} {title}" if title.strip().lower() in _GENERIC_TITLES else title
    year = re.match(r"^\s*(?:19|20)\d{2}\s*年", title)
    return f"{year.group()}{place.full}{title[year.end() :]}" if year else f"{place.full}{title}"


def detect_lang(text: str) -> str:
    cjk = count_cjk(text)
    latin_words = len(re.findall(r"[A-Za-z]{2,}", text))
    return "zh" if cjk >= latin_words else "en"


def _title_line(lines: list[str]) -> str | None:
    """A title-like line near the top (one naming a kind of document first), else the
    first line when it reads as a title."""
    if not lines:
        return None
    for line in lines[:_TITLE_SEARCH_LINES]:
        if _DOCUMENT_KIND.search(line) and len(line) <= TITLE_MAX_CHARS // 2 and not line.endswith(("。", "；")):
            return line
    first = lines[0]
    return first if len(first) <= _title_limit(first) and not first.endswith(("。", "；")) else None


def _opening_words(lines: list[str]) -> str:
    """The first sentence of a text without a title, shortened: what it is listed as."""
    if not lines:
        return ""
    limit = _title_limit(lines[0])
    sentence = re.split(r"(?<=[。！？])|(?<=[.!?])\s", lines[0], maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _title_limit(line: str) -> int:
    return TITLE_MAX_CHARS // 2 if has_cjk(line) else TITLE_MAX_CHARS
