"""The ``policy-search`` command: index, search, trend, panel, targets, kwic, collocates, new-terms, compare, suggest,
docs, serve."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from indexer import config
from indexer.errors import QueryError
from indexer.facets import FACETS
from indexer.index.build import NothingIndexed
from indexer.index.store import BuildLocked, IndexMissing
from indexer.search.collocates import DEFAULT_SORT as COLLOCATE_SORT
from indexer.search.collocates import SORTS as COLLOCATE_SORTS
from indexer.search.collocates import UNITS
from indexer.search.compare import DEFAULT_MIN_COUNT
from indexer.search.kwic import DEFAULT_SORT, DEFAULT_WIDTH, KWIC_SORTS
from indexer.search.novelty import DEFAULT_COMPARE, UnknownReport
from indexer.search.prepare import DEFAULT_PER_PAGE
from searchui import commands, limits, serving
from searchui.render.panel import FORMATS as PANEL_FORMATS

EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UnknownReport as exc:
        print(f"policy-search: there is no report {exc}", file=sys.stderr)
        return 1
    except (QueryError, IndexMissing, BuildLocked, NothingIndexed) as exc:
        print(f"policy-search: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, QueryError) else 1
    except KeyboardInterrupt:
        print("policy-search: interrupted; the live index is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as other Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="policy-search", description=__doc__)
    commands_ = top.add_subparsers(required=True, metavar="COMMAND")

    p = commands_.add_parser("index", help="build or update the index")
    p.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: ${config.CORPUS_ENV} or ./corpus)")
    p.add_argument("--rebuild", action="store_true", help="re-read every file")
    p.add_argument(
        "--json", action="store_true", help="print the summary, with every file not indexed and why, as JSON"
    )
    p.set_defaults(run=commands.index)

    p = commands_.add_parser("search", help="search the index")
    p.add_argument("query")
    add_filters(p)
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--per-page", type=int, default=DEFAULT_PER_PAGE)
    p.add_argument("--literal", action="store_true", help="do not read Latin words as pinyin")
    p.add_argument("--json", action="store_true", help="print the search result object")
    p.set_defaults(run=commands.run_search)

    p = commands_.add_parser("trend", help="how often terms occur by year, province or city")
    p.add_argument("terms", nargs="+", help="up to 5 terms (or one argument with terms separated by |)")
    p.add_argument("--by", default="year", help="year, province, city or a list: province,year (default: year)")
    add_filters(p)
    p.add_argument("--literal", action="store_true", help="do not read Latin words as pinyin")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the trend object (as /api/trend)")
    output.add_argument("--csv", action="store_true", help="print the panel table (as /trend.csv)")
    p.set_defaults(run=commands.run_trend)

    p = commands_.add_parser("targets", help="each report's stated target for an indicator, and its outcome")
    p.add_argument(
        "--indicator", default="gdp", help="gdp, cpi, unemployment, jobs, revenue, investment, … (default: gdp)"
    )
    add_filters(p)
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the object of /api/targets")
    output.add_argument("--csv", action="store_true", help="print the panel of /targets.csv")
    p.set_defaults(run=commands.run_targets)

    p = commands_.add_parser("panel", help="term × place × year counts for Stata and R (as /panel.csv)")
    p.add_argument("terms", nargs="*", help="terms (or one argument with terms separated by |)")
    p.add_argument("--terms-file", type=Path, help="a UTF-8 list of terms, one per line")
    p.add_argument("--format", choices=PANEL_FORMATS, default="csv", help="csv (default) or dta (Stata 14+)")
    p.add_argument("--output", "-o", type=Path, help="write to this file (default: standard output)")
    add_filters(p)
    p.add_argument("--literal", action="store_true", help="do not read Latin words as pinyin")
    p.set_defaults(run=commands.run_panel)

    p = commands_.add_parser("kwic", help="concordance: every occurrence in its context")
    p.add_argument("query")
    add_filters(p)
    p.add_argument("--sort", choices=KWIC_SORTS, default=DEFAULT_SORT, help="level-1 sort key")
    p.add_argument(
        "--sort2", choices=KWIC_SORTS, help="level-2 sort key (1L…3L, 1R…3R: a unit that far from the match)"
    )
    p.add_argument("--width", type=int, default=DEFAULT_WIDTH, help="characters (English: words) of context")
    p.add_argument("--csv", action="store_true", help="print every line as CSV")
    p.set_defaults(run=commands.run_kwic)

    p = commands_.add_parser("collocates", help="the words that occur near a term more often than chance")
    p.add_argument("query")
    add_filters(p)
    p.add_argument("--window", help="words (or characters) on each side (default 5)")
    p.add_argument("--left", help="words (or characters) before the term")
    p.add_argument("--right", help="words (or characters) after it")
    p.add_argument("--unit", choices=UNITS, default=UNITS[0])
    p.add_argument("--min", help="minimum frequency in the windows (default 3)")
    p.add_argument("--sort", choices=COLLOCATE_SORTS, default=COLLOCATE_SORT)
    p.add_argument("--all", action="store_true", help="place names and function words too")
    p.add_argument("-a", help="filters of selection A: compare two selections' collocates")
    p.add_argument("-b", help="filters of selection B")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the object of /api/collocates")
    output.add_argument("--csv", action="store_true", help="print the rows of /collocates.csv")
    p.set_defaults(run=commands.run_collocates)

    p = commands_.add_parser("new-terms", help="a report's new and dropped expressions, or a year's new ones")
    p.add_argument("doc_id", nargs="?", help="the report (as in /doc/<doc_id>)")
    p.add_argument("--compare", default=str(DEFAULT_COMPARE), help="earlier reports to compare with: 1-50 or all")
    p.add_argument("--year", help="instead of a report: the expressions places used first in this year")
    p.add_argument("--level", default="provincial", help="with --year: national, provincial or city")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the object of /api/new-terms")
    output.add_argument("--csv", action="store_true", help="print the rows of /new.csv or /doc/<id>/new.csv")
    p.set_defaults(run=commands.run_new_terms)

    p = commands_.add_parser("compare", help="the expressions key to one selection of reports against another")
    p.add_argument("a", help="filters choosing selection A, e.g. 'province:广东 year:2020-2024'")
    p.add_argument("b", help="filters choosing selection B")
    p.add_argument("--min", default=str(DEFAULT_MIN_COUNT), help="minimum count on the key side")
    p.add_argument("--all", action="store_true", help="place names and function words too")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the object of /api/compare")
    output.add_argument("--csv", action="store_true", help="print the rows of /compare.csv")
    p.set_defaults(run=commands.run_compare)

    p = commands_.add_parser("suggest", help="Chinese terms for pinyin, initials or a prefix")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=commands.run_suggest)

    p = commands_.add_parser("docs", help="list the indexed documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=commands.docs)

    p = commands_.add_parser("serve", help="start the web search (gunicorn)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=serving.cores(), help="processes (default: one per core)")
    p.add_argument(
        "--threads", type=int, default=serving.THREADS, help=f"threads per process (default: {serving.THREADS})"
    )
    p.add_argument(
        "--budget",
        type=float,
        default=limits.DEFAULTS["REQUEST_BUDGET"],
        help="seconds a request may read before it answers with what it has (default: %(default)s)",
    )
    p.set_defaults(run=commands.serve)

    for sub in commands_.choices.values():
        sub.add_argument("--index", type=Path, help=f"index folder (default: ${config.INDEX_ENV} or ./index)")
    return top


def add_filters(p: argparse.ArgumentParser) -> None:
    for facet in FACETS:
        hint = f"e.g. {facet.example}" + (" (repeat for OR)" if facet.multiple else "")
        p.add_argument(f"--{facet.name.replace('_', '-')}", dest=facet.name, action="append", default=[], help=hint)


if __name__ == "__main__":
    sys.exit(main())
