"""A report or one of its paragraphs as a reference that Zotero and other reference
managers import: BibTeX (biblatex ``@online``), RIS and CSL-JSON. Each carries what the
GB/T 7714 text of ``cite.py`` names — the issuing body, the title, the date, the section
path and the paragraph, the permalink, the access date — and the report's source URL
where it has one."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from indexer.facets import DOC_TYPES
from searchui.render.cite import SECTION_SEPARATOR, gbt7714, issued_date, issuer

FORMATS = {"bib": "application/x-bibtex", "ris": "application/x-research-info-systems", "json": "application/json"}


@dataclass
class Reference:
    key: str  # the citation key: the doc id, with -p<n> for a paragraph
    doc: dict
    paragraph: int | None
    section: list[str]
    permalink: str
    accessed: dt.date

    @property
    def author(self) -> str | None:
        body = issuer(self.doc)
        return body[0] if body else None

    @property
    def issued(self) -> dt.date | None:
        return issued_date(self.doc)

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else self.doc.get("year")

    @property
    def part(self) -> str:
        """Where in the report: the section path, then the paragraph (as the GB/T 7714 text says it)."""
        where = [SECTION_SEPARATOR.join(self.section)] if self.section else []
        return ", ".join([*where, *([f"第{self.paragraph}段"] if self.paragraph else [])])

    @property
    def source_url(self) -> str | None:
        url = self.doc.get("source_url") or ""
        return url if url.startswith(("https://", "http://")) else None

    @property
    def genre(self) -> str:
        return DOC_TYPES.get(self.doc.get("doc_type") or "", ("文件", "Document"))[0]

    @property
    def gbt7714(self) -> str:
        return gbt7714(self.doc, self.paragraph, self.section, self.permalink, self.accessed)


# ---------------------------------------------------------------- BibTeX


def _bib_value(text: str) -> str:
    """Braces balanced and LaTeX's special characters escaped, inside one pair of braces."""
    escaped = re.sub(r"([\\{}])", lambda m: {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}"}[m.group(1)], text)
    return "{" + re.sub(r"([&%$#_])", r"\\\1", escaped) + "}"


def _bib_url(url: str) -> str:
    return "{" + url.replace("{", "%7B").replace("}", "%7D") + "}"


def bibtex_entry(ref: Reference) -> str:
    fields: list[tuple[str, str]] = []
    if ref.author:
        fields.append(("author", "{" + _bib_value(ref.author) + "}"))  # an institution: one name, kept whole
    fields.append(("title", _bib_value(ref.doc["title"])))
    if ref.issued:
        fields.append(("date", "{" + ref.issued.isoformat() + "}"))
    if ref.year:
        fields.append(("year", "{" + str(ref.year) + "}"))
    if ref.part:
        fields.append(("titleaddon", _bib_value(ref.part)))
    if ref.paragraph:
        fields.append(("pages", "{" + str(ref.paragraph) + "}"))
        fields.append(("pagination", "{paragraph}"))
    fields += [("type", _bib_value(ref.genre)), ("url", _bib_url(ref.permalink))]
    fields.append(("urldate", "{" + ref.accessed.isoformat() + "}"))
    if ref.source_url:
        fields.append(("note", "{来源: \\url" + _bib_url(ref.source_url) + "}"))
    fields.append(("language", "{" + (ref.doc.get("lang") or "zh") + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@online{{{ref.key},\n{body}\n}}\n"


def bibtex(refs: list[Reference]) -> str:
    return "\n".join(bibtex_entry(r) for r in refs)


# ---------------------------------------------------------------- RIS


def _ris_line(tag: str, value: object) -> str:
    return f"{tag}  - {' '.join(str(value).split())}"


def ris_record(ref: Reference) -> str:
    lines = [_ris_line("TY", "GOVDOC")]
    if ref.author:
        lines.append(_ris_line("AU", ref.author))
    lines.append(_ris_line("TI", ref.doc["title"]))
    if ref.year:
        lines.append(_ris_line("PY", ref.year))
    if ref.issued:
        lines.append(_ris_line("DA", ref.issued.strftime("%Y/%m/%d")))
    if ref.section:
        lines.append(_ris_line("SE", SECTION_SEPARATOR.join(ref.section)))
    if ref.paragraph:
        lines.append(_ris_line("SP", ref.paragraph))
        lines.append(_ris_line("N1", ref.part))
    lines += [_ris_line("M3", ref.genre), _ris_line("UR", ref.permalink)]
    if ref.source_url:
        lines.append(_ris_line("L2", ref.source_url))
    lines += [_ris_line("Y2", ref.accessed.strftime("%Y/%m/%d")), _ris_line("LA", ref.doc.get("lang") or "zh")]
    lines += [_ris_line("ID", ref.key), "ER  - "]
    return "\n".join(lines) + "\n"


def ris(refs: list[Reference]) -> str:
    return "\n".join(ris_record(r) for r in refs)


# ---------------------------------------------------------------- CSL-JSON


def csl_item(ref: Reference) -> dict:
    item: dict = {"id": ref.key, "type": "document", "title": ref.doc["title"], "genre": ref.genre}
    if ref.author:
        item["author"] = [{"literal": ref.author}]
    if ref.issued:
        item["issued"] = {"date-parts": [[ref.issued.year, ref.issued.month, ref.issued.day]]}
    elif ref.year:
        item["issued"] = {"date-parts": [[ref.year]]}
    if ref.section:
        item["section"] = SECTION_SEPARATOR.join(ref.section)
    if ref.paragraph:
        item["locator"] = ref.paragraph
        item["note"] = ref.part
    item["URL"] = ref.permalink
    item["accessed"] = {"date-parts": [[ref.accessed.year, ref.accessed.month, ref.accessed.day]]}
    item["language"] = ref.doc.get("lang") or "zh"
    if ref.source_url:
        item["custom"] = {"source_url": ref.source_url}
        item["archive_location"] = ref.source_url
    return item


def csl_json(refs: list[Reference]) -> str:
    return json.dumps([csl_item(r) for r in refs], ensure_ascii=False, indent=2)


def render(refs: list[Reference], fmt: str) -> str:
    return {"bib": bibtex, "ris": ris, "json": csl_json}[fmt](refs)
