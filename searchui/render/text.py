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


def new_terms(data: dict) -> str:
    """A report's new and dropped expressions (the JSON of /api/new-terms) as text."""
    lines = [f"{data['title']} ({data['doc_id']}) against {', '.join(data['compared_with']) or 'no earlier report'}"]
    lines += ["", f"new ({len(data['new'])}): term, count, log-likelihood, paragraphs ('*' new anywhere)"]
    lines += [
        f"{t['term']}{'*' if t['first_anywhere'] else ''}\t{t['count']}\t{t['keyness']}\t{' '.join(f'¶{n}' for n in t['paragraphs'])}"
        for t in data["new"]
    ]
    lines += ["", f"dropped since {data['previous']} ({len(data['dropped'])}): term, count before, log-likelihood"]
    lines += [f"{t['term']}\t{t['count_before']}\t{t['keyness']}" for t in data["dropped"]]
    return "\n".join(lines)


def year_news(data: dict) -> str:
    lines = [f"{data['year']}: {len(data['reports'])} {data['level']} work reports compared with their earlier ones"]
    lines += ["term, places, count, places using it first ('*' new anywhere)"]
    lines += [
        f"{t['term']}{'*' if t['first_anywhere'] else ''}\t{t['places']}\t{t['count']}\t"
        + " ".join(r["city"] or r["province"] or "?" for r in t["reports"])
        for t in data["terms"]
    ]
    return "\n".join(lines)


def comparison(data: dict) -> str:
    lines = []
    for side in ("a", "b"):
        s = data[side]
        lines += [f"key in {side.upper()} = {s['filters']} ({s['reports']} reports, {s['characters']:,} characters)"]
        lines += ["term, count A, count B, log-likelihood, log ratio, A: reports/provinces DP, B: reports/provinces DP"]
        lines += [
            f"{t['term']}\t{t['count_a']}\t{t['count_b']}\t{t['keyness']}\t{t['log_ratio']:+}"
            f"\t{t['reports_a']}/{t['provinces_a']} {t['dp_a']}\t{t['reports_b']}/{t['provinces_b']} {t['dp_b']}"
            for t in data[f"over_{side}"]
        ]
        lines.append("")
    return "\n".join(lines).rstrip()
