"""``policy-search``: the indexer's commands plus ``serve`` (waitress, not Flask's
development server)."""

from __future__ import annotations

import argparse
import sys

import waitress

from indexer import cli as indexer_cli
from indexer.store import require_generation
from searchui import create_app


def serve(args: argparse.Namespace) -> int:
    require_generation(args.index)  # fail early, with the message, when there is no index
    print(f"policy-search: serving {args.index} on http://{args.host}:{args.port}/", file=sys.stderr)
    waitress.serve(create_app(args.index), host=args.host, port=args.port, threads=args.threads, ident="policy-search")
    return 0


def add_serve_command(commands) -> None:
    p = commands.add_parser("serve", help="start the web search (waitress)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--threads", type=int, default=8)
    p.set_defaults(run=serve)


def main(argv: list[str] | None = None) -> int:
    return indexer_cli.main(argv, extend=add_serve_command)


if __name__ == "__main__":
    sys.exit(main())
