"""Results as plain text for the terminal: matches in colour on a terminal, in
【brackets】 otherwise."""

from __future__ import annotations

from indexer.search import HitPage
from searchui.render.json import plain_doc_url
from searchui.render.marks import snippet_plain

TOP_PROVINCES = 12


def hit_page(page: HitPage, color: bool) -> str:
    on, off = ("\033[1;33m", "\033[0m") if color else ("【", "】")
    s = page.summary
    lines = [f"{s.total} paragraphs in {s.total_documents} documents for {s.interpreted_query}  (page {s.page})"]
    lines += [f"note: {n}" for n in s.notices]
    for reading in s.readings:
        if reading.as_pinyin:
            lines.append(f"read {reading.typed} as pinyin: {reading.read_as}")
        if reading.alternatives:
            lines.append(f"  other readings: {', '.join(reading.alternatives)}")
    provinces = ", ".join(f"{v.value or '?'} {v.count}" for v in s.facets["province"][:TOP_PROVINCES])
    if provinces:
        lines.append(f"provinces: {provinces}")
    for hit in page.hits:
        doc = hit.doc
        lines.append("")
        lines.append(f"{doc['title']} · {doc['province'] or '?'} · {doc['year'] or '?'} · ¶{hit.paragraph}")
        if hit.section:
            lines.append(f"  {' › '.join(hit.section)}")
        lines.append("  " + snippet_plain(hit.snippet, on, off))
        lines.append(f"  {plain_doc_url(doc['doc_id'], hit.paragraph)}")
    return "\n".join(lines)


def suggestions(found: list) -> str:
    return "\n".join(f"{s.text}\t{s.pinyin}\t{s.count}" for s in found)


def documents(docs: list[dict]) -> str:
    return "\n".join(
        f"{d['doc_id']:<50} {d['year'] or '????'} {d['province'] or '?':<4} {d['paragraphs']:>4} ¶  {d['title']}"
        for d in docs
    )
