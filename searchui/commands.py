"""What each ``policy-search`` command does; ``cli`` reads the command line."""

from __future__ import annotations

import argparse
import json
import sys
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from indexer import config
from indexer.errors import QueryError
from indexer.facets import FACETS
from indexer.index.build import BuildSummary, NothingIndexed, build
from indexer.index.store import require_generation
from indexer.search import SearchIndex, SearchRequest, search, suggest
from indexer.search.compare import compare, read_min_count, side
from indexer.search.kwic import KwicRequest, sorted_lines
from indexer.search.novelty import new_terms, read_compare
from indexer.search.novelty_year import add_paragraphs, read_level, year_news
from indexer.search.panel import build_panel, panel_terms
from indexer.search.trend import build_trend, parse_by, split_terms
from indexer.targets.select import read_selection, select
from searchui import collocates, create_app, serving
from searchui.expressions import as_query
from searchui.render import collocates as render_collocates
from searchui.render import expressions as render_expressions
from searchui.render import json as render_json
from searchui.render import novelty as render_novelty
from searchui.render import panel as render_panel
from searchui.render import targets as render_targets
from searchui.render import text as render_text
from searchui.render import trend as render_trend
from searchui.render.csv import kwic_csv


def index(args: argparse.Namespace) -> int:
    report = _print_json_summary if args.json else print_summary
    try:
        summary = build(
            config.corpus_paths(args.paths),
            config.index_dir(args.index),
            rebuild=args.rebuild,
            progress=False if args.json else None,
        )
    except NothingIndexed as exc:
        report(exc.summary)
        raise
    report(summary)
    return 0


def _print_json_summary(s: BuildSummary) -> None:
    _print_json(render_json.build_summary(s))


def print_summary(s: BuildSummary) -> None:
    print(
        f"{s.documents} documents, {s.paragraphs} paragraphs, {s.characters} characters "
        f"in {s.seconds:.1f} s ({s.files_read} files read, {s.files_unchanged} unchanged, "
        f"{s.bytes_read / 1e6:.1f} MB) → {s.generation}"
    )
    for path, reason in s.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    for doc_id, message in s.warnings:
        print(f"warning {doc_id}: {message}", file=sys.stderr)


def run_search(args: argparse.Namespace) -> int:
    filters = _filters(args)
    request = SearchRequest(args.query, filters, args.page, args.per_page, args.literal)
    page = search(_snapshot(args), request)
    if args.json:
        _print_json(render_json.hit_page(page))
    else:
        print(render_text.hit_page(page, color=sys.stdout.isatty()))
    return 0


def run_trend(args: argparse.Namespace) -> int:
    by = parse_by(args.by)
    trend = build_trend(_snapshot(args), split_terms(args.terms), _filters(args), args.literal)
    if args.json:
        _print_json(render_trend.trend_json(trend, with_cities="city" in by))
    elif args.csv:
        sys.stdout.write(render_trend.panel_csv(trend, by).lstrip("\ufeff"))
    else:
        print(render_trend.panel_text(trend, by))
    return 0


def run_targets(args: argparse.Namespace) -> int:
    """Every target of the indicator in the selection: aligned text, JSON or the panel CSV."""
    shot = _snapshot(args)
    wanted = MultiDict([("indicator", args.indicator), *((k, v) for k, vs in _filters(args).items() for v in vs)])
    table = select(shot.targets, shot.documents, read_selection(wanted))
    if args.json:
        _print_json(render_targets.table_json(table, render_targets.plain_paragraph_url))
    elif args.csv:
        sys.stdout.write("".join(render_targets.table_csv(table)).lstrip("\ufeff"))
    else:
        print(render_targets.table_text(table))
    return 0


def run_panel(args: argparse.Namespace) -> int:
    """The panel as CSV or Stata .dta, to a file or standard output."""
    listed = [args.terms_file.read_text(encoding="utf-8-sig")] if args.terms_file else []
    panel = build_panel(_snapshot(args), panel_terms([*args.terms, *listed]), _filters(args), args.literal)
    body = render_panel.panel_csv(panel).encode("utf-8") if args.format == "csv" else render_panel.panel_dta(panel)
    if args.output:
        args.output.write_bytes(body)
    else:
        sys.stdout.buffer.write(body)
    return 0


def _filters(args: argparse.Namespace) -> dict[str, list[str]]:
    return {f.name: getattr(args, f.name) for f in FACETS if getattr(args, f.name)}


def run_kwic(args: argparse.Namespace) -> int:
    """Every concordance line (all of them, not a page), as aligned text or CSV."""
    kwic = KwicRequest(SearchRequest(args.query, _filters(args), literal=False), args.sort, args.width, args.sort2)
    lines = sorted_lines(_snapshot(args), kwic)
    if args.csv:
        sys.stdout.writelines(kwic_csv(lines))  # streamed, a line at a time
    else:
        lines = list(lines)  # aligned: the widest left context first
        width = max((len(line.left) for line in lines), default=0)
        for line in lines:
            place = (
                f"{line.doc.get('year') or ''} {line.doc.get('province') or ''} {line.doc['doc_id']}#p{line.paragraph}"
            )
            print(f"{line.left:>{width}} [{line.match}] {line.right}  · {place}")
    return 0


def run_new_terms(args: argparse.Namespace) -> int:
    """A report's new and dropped expressions (or a year's new ones), as text, JSON or CSV."""
    snap = _snapshot(args)
    links = render_novelty.TermLinks(
        trend=lambda t: "/trend?" + urlencode({"q": as_query(t)}),
        kwic=lambda t: "/kwic?" + urlencode({"q": as_query(t)}),
    )
    if args.year:
        if not args.year.isdigit():
            raise QueryError("cli_year", value=args.year)
        result = year_news(snap, int(args.year), read_level(args.level))
        add_paragraphs(snap, result.terms)
        data = render_novelty.year_news(result, _report_url, links)
        _print_new(data, args, render_text.year_news, render_novelty.year_news_csv)
        return 0
    if not args.doc_id:
        raise QueryError("cli_doc_or_year")
    result = new_terms(snap, args.doc_id, read_compare(args.compare))
    data = render_novelty.new_terms(result, lambda d, n, t: _report_url(d, n, t), links)
    _print_new(data, args, render_text.new_terms, render_novelty.new_terms_csv)
    return 0


def _report_url(doc_id: str, paragraph: int | None, term: str) -> str:
    url = f"/doc/{doc_id}?" + urlencode({"q": term})
    return url if paragraph is None else f"{url}#p{paragraph}"


def _print_new(data: dict, args: argparse.Namespace, as_text, as_csv) -> None:
    if args.csv:
        sys.stdout.write(as_csv(data).removeprefix("\ufeff"))
    else:
        _print(data, args.json, as_text)


def run_compare(args: argparse.Namespace) -> int:
    snap = _snapshot(args)
    a, b = side(snap, "a", args.a), side(snap, "b", args.b)
    result = compare(snap, a, b, read_min_count(args.min), everything=args.all)
    data = render_expressions.comparison(result, lambda term, filters: f"/search?q={term} {filters}")
    if args.json:
        _print_json(data)
    elif args.csv:
        sys.stdout.write(render_expressions.comparison_csv(data))
    else:
        print(render_text.comparison(data))
    return 0


def run_collocates(args: argparse.Namespace) -> int:
    options = {name: getattr(args, name) for name in ("unit", "window", "left", "right", "min", "sort")}
    request = collocates.request_from(args.query, _filters(args), {**options, "all": "1" if args.all else None})
    urls = lambda term: {"trend_url": f"/trend?q={term}", "kwic_url": f"/kwic?q={term}"}  # noqa: E731
    data = collocates.result_data(_snapshot(args), request, args.a or "", args.b or "", urls)
    if args.json:
        _print_json(data)
    elif args.csv:
        sys.stdout.write(render_collocates.collocates_csv(data))
    else:
        print(render_collocates.collocates_text(data))
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    found = suggest(_snapshot(args), args.text)
    if args.json:
        _print_json(render_json.suggestions(args.text, found))
    elif found:
        print(render_text.suggestions(found))
    return 0


def docs(args: argparse.Namespace) -> int:
    documents = _snapshot(args).sorted_documents()
    if args.json:
        _print_json({"documents": documents})
    elif documents:
        print(render_text.documents(documents))
    return 0


def serve(args: argparse.Namespace) -> int:
    root = config.index_dir(args.index)
    require_generation(root)  # fail early, with the message, when there is no index
    print(f"policy-search: serving {root} on http://{args.host}:{args.port}/", file=sys.stderr)
    app = create_app(root)
    app.config["REQUEST_BUDGET"] = args.budget
    serving.serve(app, args.host, args.port, args.workers, args.threads)
    return 0


def _snapshot(args: argparse.Namespace):
    return SearchIndex(config.index_dir(args.index)).snapshot()


def _print(data: dict, as_json: bool, as_text) -> None:
    if as_json:
        _print_json(data)
    else:
        print(as_text(data))


def _print_json(data: dict) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
