"""What kind of document a text is: a government work report, a five-year plan, a
resolution on a report, or news and other texts — from its title, else from how a
work report opens."""

from __future__ import annotations

import re

_KINDS = (  # first match wins: a resolution on a work report or a plan is a resolution
    ("resolution", re.compile(r"决议|resolution", re.I)),
    (
        "plan",
        re.compile(r"五年规划|五年计划|[一二三四五六七八九十]五.?(?:计划|规划)|规划纲要|计划纲要|five-year plan", re.I),
    ),
    # 湖北省人民政府2008年工作报告: Hubei's titles of 2002–2015 put the year inside
    ("work-report", re.compile(r"政府(?:\s*(?:19|20)\d{2}\s*年)?工作报告|government work report|work report", re.I)),
)
_NEWS = re.compile(r"新闻|答记者问|记者会|\bnews\b|press conference|\bmeeting\b|会议召开", re.I)
_REPORT_OPENING = re.compile(r"向大会报告(政府)?工作|report (to you )?on the work of the government", re.I)
_OPENING_CHARS = 600
OTHER = "other"


def title_kind(title: str) -> str | None:
    """The kind a title names, or None."""
    return next((kind for kind, pattern in _KINDS if pattern.search(title)), None)


def detect_doc_type(title: str, text: str) -> str:
    """The document type facet's value; ``text`` is the simplified body."""
    if _NEWS.search(title):
        return OTHER
    if kind := title_kind(title):
        return kind
    return "work-report" if _REPORT_OPENING.search(text[:_OPENING_CHARS]) else OTHER
