"""Matching reports as an Atom 1.0 feed (RFC 4287): one entry per report, newest first,
with its best matching paragraph as the summary (plain text: XML-escaped, never markup).

An entry's id is a tag URI (RFC 4151) made from the report's doc id, so it is the same
after a rebuild or an update; its ``updated`` is the report's date, not the build's, so a
feed reader shows a report once, when it is first indexed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from indexer.search.newest import MatchingReport, report_date
from searchui.render.cite import issuer

ATOM = "http://www.w3.org/2005/Atom"
TAG_DATE = "2026"  # the tag URIs' date: fixed, so that ids never change
ET.register_namespace("", ATOM)


@dataclass
class FeedHead:
    title: str
    self_url: str  # this feed
    page_url: str  # the search (or trend) page it follows
    authority: str  # the tag URIs' authority: the site's host name
    specific: str  # what the feed follows, for its own id: search?q=…
    built: str  # when the index was built (RFC 3339): the feed's updated when it has no entry


def tag_uri(authority: str, specific: str) -> str:
    return f"tag:{authority},{TAG_DATE}:{specific}"


def entry_time(doc: dict) -> str:
    """The report's date at midnight UTC (its year's 1 January when it has no date)."""
    return f"{report_date(doc)}T00:00:00Z"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = text
    return element


def feed(head: FeedHead, reports: list[MatchingReport], link: Callable[[MatchingReport], str]) -> bytes:
    """``link(report)`` is the entry's page: the report at its matching paragraph."""
    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "title", head.title)
    _add(root, "id", tag_uri(head.authority, head.specific))
    _add(root, "updated", max((entry_time(r.doc) for r in reports), default=head.built))
    _add(root, "link", rel="self", type="application/atom+xml", href=head.self_url)
    _add(root, "link", rel="alternate", type="text/html", href=head.page_url)
    _add(_add(root, "author"), "name", "policy-search")
    _add(root, "generator", "policy-search")
    for report in reports:
        _entry(root, head, report, link(report))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _entry(root: ET.Element, head: FeedHead, report: MatchingReport, href: str) -> None:
    doc = report.doc
    entry = _add(root, "entry")
    _add(entry, "id", tag_uri(head.authority, f"doc/{doc['doc_id']}"))
    _add(entry, "title", doc["title"])
    _add(entry, "updated", entry_time(doc))
    _add(entry, "published", entry_time(doc))
    body = issuer(doc)
    _add(_add(entry, "author"), "name", body[0] if body else (doc.get("province") or "policy-search"))
    _add(entry, "link", rel="alternate", type="text/html", href=href)
    for name in ("province", "city", "year"):
        if doc.get(name):
            _add(entry, "category", term=str(doc[name]), label=name)
    _add(entry, "summary", f"¶{report.best.paragraph}: {report.text}", type="text")
