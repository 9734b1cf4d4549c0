"""A parsed query (``indexer.query.syntax``): its texts, negations and groups as a tree,
the filters chosen in it or beside it, and the notices the parse gave; written back as
query text by ``render``."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.facets import facet
from indexer.messages import Message


@dataclass
class Text:
    text: str
    quoted: bool = False


@dataclass
class Not:
    child: Node


@dataclass
class All:
    children: list[Node]


@dataclass
class Any:
    children: list[Node]


Node = Text | Not | All | Any


@dataclass(frozen=True)
class Selection:
    """One chosen filter value, and where it was chosen: typed in the query (with its
    place in it) or given as a URL parameter / command-line option."""

    facet: str  # the facet's name
    value: object  # canonical: 四川, (2018, 2020), zh
    written: str  # as written: sichuan, 2018-2020
    origin: str  # "query" or "url"
    span: tuple[int, int] | None = None  # where in the query text, for origin "query"


@dataclass
class ParsedQuery:
    root: Node | None
    selections: list[Selection] = field(default_factory=list)
    notices: list[Message] = field(default_factory=list)

    def filters(self) -> dict[str, list]:
        """The chosen values of each facet, each once, in the order they were chosen."""
        chosen: dict[str, list] = {}
        for selection in self.selections:
            values = chosen.setdefault(selection.facet, [])
            if selection.value not in values:
                values.append(selection.value)
        return chosen

    def interpreted(self) -> str:
        parts = [render(self.root)] if self.root is not None else []
        for name, values in self.filters().items():
            parts.extend(f"{name}:{facet(name).write(v)}" for v in values)  # type: ignore[union-attr]
        return " ".join(parts)


def render(node: Node, nested: bool = False) -> str:
    if isinstance(node, Text):
        return f'"{node.text}"' if node.quoted else node.text
    if isinstance(node, Not):
        return "-" + render(node.child, nested=True)
    joiner = " " if isinstance(node, All) else " OR "
    inner = joiner.join(render(child, nested=True) for child in node.children)
    return f"({inner})" if nested else inner


def all_texts(node: Node | None) -> list[Text]:
    """Every text of a query, included or excluded."""
    if node is None:
        return []
    if isinstance(node, Text):
        return [node]
    if isinstance(node, Not):
        return all_texts(node.child)
    return [t for child in node.children for t in all_texts(child)]


def highlight_targets(node: Node | None) -> list[Text]:
    """The positive texts of a query: what snippets mark."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Text):
        return [node]
    return [t for child in node.children for t in highlight_targets(child)]
