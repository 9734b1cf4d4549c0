"""The ``policy-search`` command: index, search, suggest, docs."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

from indexer.build import BUNDLED_CORPUS, DEFAULT_INDEX, BuildSummary, NothingIndexed, build
from indexer.query import QueryError
from indexer.search import DEFAULT_PER_PAGE, SearchIndex, SearchRequest, search, suggest
from indexer.store import BuildLocked, IndexMissing

EXIT_USAGE = 2


def main(argv: list[str] | None = None, extend: Callable | None = None) -> int:
    """Run a command; ``extend(subparsers)`` may add commands (the web UI adds ``serve``)."""
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    args = _parser(extend).parse_args(argv)
    try:
        return args.run(args)
    except (QueryError, IndexMissing, BuildLocked, NothingIndexed) as exc:
        print(f"policy-search: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, QueryError) else 1
    except KeyboardInterrupt:
        print("policy-search: interrupted; the live index is unchanged", file=sys.stderr)
        return 130


def _parser(extend: Callable | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policy-search", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    p = commands.add_parser("index", help="build or update the index")
    p.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: {BUNDLED_CORPUS})")
    p.add_argument("--rebuild", action="store_true", help="re-read every file")
    p.set_defaults(run=_index)

    p = commands.add_parser("search", help="search the index")
    p.add_argument("query")
    p.add_argument("--province", action="append", default=[], help="四川, 四川省, Sichuan or sichuan")
    p.add_argument("--year", action="append", default=[], help="2020 or 2018-2020")
    p.add_argument("--lang", choices=["zh", "en"])
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--per-page", type=int, default=DEFAULT_PER_PAGE)
    p.add_argument("--literal", action="store_true", help="do not read Latin words as pinyin")
    p.add_argument("--json", action="store_true", help="print the search result object")
    p.set_defaults(run=_search)

    p = commands.add_parser("suggest", help="Chinese terms for pinyin, initials or a prefix")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_suggest)

    p = commands.add_parser("docs", help="list the indexed documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_docs)

    if extend is not None:
        extend(commands)
    for sub in commands.choices.values():
        sub.add_argument("--index", type=Path, default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    return parser


def _index(args: argparse.Namespace) -> int:
    try:
        summary = build(args.paths or [BUNDLED_CORPUS], args.index, rebuild=args.rebuild)
    except NothingIndexed as exc:
        _print_summary(exc.summary)
        raise
    _print_summary(summary)
    return 0


def _print_summary(s: BuildSummary) -> None:
    mb = s.bytes_read / 1e6
    print(
        f"{s.documents} documents, {s.paragraphs} paragraphs, {s.characters} characters "
        f"in {s.seconds:.1f} s ({s.files_read} files read, {s.files_unchanged} unchanged, "
        f"{mb:.1f} MB) → {s.generation}"
    )
    for path, reason in s.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    for doc_id, message in s.warnings:
        print(f"warning {doc_id}: {message}", file=sys.stderr)


def _search(args: argparse.Namespace) -> int:
    request = SearchRequest(args.query, args.province, args.year, args.lang, args.page, args.per_page, args.literal)
    result = search(SearchIndex(args.index), request)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(_render_text(result, color=sys.stdout.isatty()))
    return 0


def _render_text(result: dict, color: bool) -> str:
    on, off = ("\033[1;33m", "\033[0m") if color else ("【", "】")
    lines = [
        f"{result['total']} paragraphs in {result['total_documents']} documents for "
        f"{result['interpreted_query']}  (page {result['page']})"
    ]
    lines += [f"note: {n}" for n in result["notices"]]
    for reading in result["pinyin"]:
        if reading["as_pinyin"]:
            lines.append(f"read {reading['typed']} as pinyin: {reading['read_as']}")
        others = ", ".join(reading["alternatives"])
        if others:
            lines.append(f"  other readings: {others}")
    provinces = ", ".join(f"{f['value'] or '?'} {f['count']}" for f in result["facets"]["province"][:12])
    if provinces:
        lines.append(f"provinces: {provinces}")
    for hit in result["hits"]:
        section = " › ".join(hit["section"])
        lines.append("")
        lines.append(f"{hit['title']} · {hit['province'] or '?'} · {hit['year'] or '?'} · ¶{hit['paragraph']}")
        if section:
            lines.append(f"  {section}")
        lines.append("  " + _unmark(hit["snippet"], on, off))
        lines.append(f"  {hit['url']}")
    return "\n".join(lines)


def _unmark(snippet: str, on: str, off: str) -> str:
    return html.unescape(re.sub(r"</?mark>", lambda m: off if m.group().startswith("</") else on, snippet))


def _suggest(args: argparse.Namespace) -> int:
    result = suggest(SearchIndex(args.index), args.text)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for s in result["suggestions"]:
        print(f"{s['text']}\t{s['pinyin']}\t{s['count']}")
    return 0


def _docs(args: argparse.Namespace) -> int:
    documents = SearchIndex(args.index).documents()
    if args.json:
        print(json.dumps({"documents": documents}, ensure_ascii=False, indent=2))
        return 0
    for d in documents:
        print(f"{d['doc_id']:<50} {d['year'] or '????'} {d['province'] or '?':<4} {d['paragraphs']:>4} ¶  {d['title']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
