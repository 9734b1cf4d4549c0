"""Where the index and the corpus are: a command-line option, else an environment
variable, else a folder of the working directory (``index/``, ``corpus/``) — never
a path derived from where the code is installed."""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "POLICY_SEARCH_INDEX"
CORPUS_ENV = "POLICY_SEARCH_CORPUS"
DEFAULT_INDEX = Path("index")
DEFAULT_CORPUS = Path("corpus")


def index_dir(option: Path | None = None) -> Path:
    return option or Path(os.environ.get(INDEX_ENV) or DEFAULT_INDEX)


def corpus_paths(paths: list[Path] | None = None) -> list[Path]:
    return list(paths) if paths else [Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)]
