"""A paragraph's citation: GB/T 7714-2015 style (an online resource, ``[EB/OL]``), a
plain English style, and the permalink alone. Each names the issuing body, the
report's title, its date, the section path, the paragraph number and the permalink.

GB/T 7714 has no place for a paragraph inside a web page; the section path and the
paragraph number go after the title, where a chapter's title goes in a citation of a
part of a book (``析出文献``)."""

from __future__ import annotations

import datetime as dt

from indexer import cities, places
from indexer.facets import DOC_TYPES

SECTION_SEPARATOR = " › "
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# The end of a division's full name → its kind in English, longest first.
DIVISIONS = (
    ("特别行政区", "Special Administrative Region"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("地区", "Prefecture"),
    ("盟", "League"),
    ("省", "Province"),
    ("市", "Municipality"),
)
CONGRESS_TYPES = ("plan", "resolution")  # adopted by a people's congress; a work report is the government's


def issuer(doc: dict) -> tuple[str, str] | None:
    """The body that issued the document, in Chinese and English; None when unknown
    (news and other texts)."""
    congress = doc.get("doc_type") in CONGRESS_TYPES
    if doc.get("doc_type") != "work-report" and not congress:
        return None
    if doc.get("level") == "national" or doc.get("province") == places.NATIONAL:
        return ("全国人民代表大会", "National People's Congress") if congress else ("国务院", "State Council of China")
    place = cities.by_short(doc.get("city")) if doc.get("city") else places.by_short(doc.get("province"))
    if place is None:
        return None
    kind = next((en for suffix, en in DIVISIONS if place.full.endswith(suffix)), "")
    name_en = f"{place.en} {kind}".strip()
    if congress:
        return place.full + "人民代表大会", f"People's Congress of {name_en}"
    if kind in ("Prefecture", "League"):  # governed by an administrative office, not a people's government
        return place.full + "行政公署", f"Administrative Office of {name_en}"
    if kind == "Special Administrative Region":
        return place.full + "政府", f"Government of the {name_en}"
    return place.full + "人民政府", f"People's Government of {name_en}"


def issued_date(doc: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(doc.get("date") or "")
    except ValueError:
        return None


def english_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def gbt7714(doc: dict, number: int | None, section: list[str], permalink: str, accessed: dt.date) -> str:
    """``责任者. 题名: 章节, 第 n 段[EB/OL]. (发布日期)[引用日期]. 网址.`` (a whole report,
    ``number`` None: ``责任者. 题名[EB/OL]. …``)."""
    body = issuer(doc)
    where = [SECTION_SEPARATOR.join(section)] if section else []
    where += [f"第{number}段"] if number else []
    title = f"{doc['title']}: {', '.join(where)}[EB/OL]" if where else f"{doc['title']}[EB/OL]"
    issued = issued_date(doc)
    published = f"({issued.isoformat()})" if issued else str(doc.get("year") or "")
    parts = [body[0] if body else None, title, f"{published}[{accessed.isoformat()}]", permalink]
    return ". ".join(p for p in parts if p) + "."


def english(doc: dict, number: int, section: list[str], permalink: str, accessed: dt.date) -> str:
    """``Issuer. Title [Type]. Date. Section: …, paragraph n. URL (accessed date).``"""
    body = issuer(doc)
    kind = DOC_TYPES.get(doc.get("doc_type") or "", ("", "Document"))[1]
    issued = issued_date(doc)
    place = f"Section: {SECTION_SEPARATOR.join(section)}, paragraph {number}" if section else f"Paragraph {number}"
    parts = [
        body[1] if body else None,
        f"{doc['title']} [{kind}]",
        english_date(issued) if issued else (str(doc["year"]) if doc.get("year") else None),
        place,
        f"{permalink} (accessed {english_date(accessed)})",
    ]
    return ". ".join(p for p in parts if p) + "."


def citation(doc: dict, number: int, section: list[str], permalink: str, accessed: dt.date) -> dict:
    """The paragraph's citations as the API gives them."""
    return {
        "gbt7714": gbt7714(doc, number, section, permalink, accessed),
        "english": english(doc, number, section, permalink, accessed),
        "permalink": permalink,
    }
