"""The query language, parsed by hand (no Whoosh QueryParser plugins: no wildcards,
ranges, field names or boosts beyond what is listed here).

    双城经济圈            a run of Chinese characters: matched exactly, as a substring
    "twin-city economic"  a phrase: its words in this order
    营商环境 reform        space = AND
    脱贫 OR poverty        OR
    -疫情 / -"a phrase"    exclude
    ( … )                 grouping
    province:四川 year:2020 year:2018-2020 lang:en    filters (same field = OR)

Malformed input gets a sensible reading plus a notice (an unclosed quote or
parenthesis is closed at the end, a stray ``)`` or lone ``-`` is ignored) or,
where no reading makes sense (``year:abc``, an unknown province, an over-long
query), a QueryError with a message for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from indexer.analysis import exact_terms, has_cjk, is_cjk, word_terms
from indexer.phrase import ExactPhrase
from indexer.provinces import resolve

MAX_QUERY_CHARS = 500
MAX_DEPTH = 8  # nested parentheses
MAX_TERMS = 24  # words and phrases in one query
MAX_SINGLE_CHARACTERS = 6  # lone Chinese characters (each expands to every bigram it starts)
FILTER_FIELDS = ("province", "year", "lang")
TITLE_BOOST = 3.0
ADJACENCY_BOOST = 2.0
_LANGS = {"zh": "zh", "cn": "zh", "chinese": "zh", "中文": "zh", "en": "en", "english": "en", "英文": "en"}
_PARENS = str.maketrans({"（": "(", "）": ")", "＂": '"'})
_CURLY_QUOTES = str.maketrans({"“": '"', "”": '"'})
_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>-?")|(?P<word>[^\s()"]+))')
_FILTER = re.compile(r"^(province|year|lang):(.+)$", re.IGNORECASE)
_YEAR_VALUE = re.compile(r"^(\d{4})(?:(?:-|\.\.|–|~|至|到)(\d{4}))?$")


class QueryError(ValueError):
    """A query that cannot be read; the message is shown to the user."""


# ---------------------------------------------------------------- syntax tree


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


@dataclass
class ParsedQuery:
    root: Node | None
    filters: dict[str, list] = field(default_factory=dict)  # province → short names, year → (lo, hi)
    notices: list[str] = field(default_factory=list)

    def interpreted(self) -> str:
        parts = [render(self.root)] if self.root is not None else []
        for name, values in self.filters.items():
            parts.extend(f"{name}:{render_filter_value(name, v)}" for v in values)
        return " ".join(parts)


def render(node: Node, nested: bool = False) -> str:
    if isinstance(node, Text):
        return f'"{node.text}"' if node.quoted else node.text
    if isinstance(node, Not):
        return "-" + render(node.child, nested=True)
    joiner = " " if isinstance(node, All) else " OR "
    inner = joiner.join(render(child, nested=True) for child in node.children)
    return f"({inner})" if nested else inner


def render_filter_value(name: str, value) -> str:
    if name == "year":
        lo, hi = value
        return str(lo) if lo == hi else f"{lo}-{hi}"
    return str(value)


# ---------------------------------------------------------------- parsing


def parse(raw: str) -> ParsedQuery:
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is too long ({len(raw)} characters; at most {MAX_QUERY_CHARS}).")
    text = "".join(c if c.isprintable() else " " for c in raw).translate(_PARENS)
    if '"' not in text:  # “…” quote a phrase, unless inside a phrase quoted with "…"
        text = text.translate(_CURLY_QUOTES)
    parser = _Parser(_tokens(text))
    root = parser.parse()
    parsed = ParsedQuery(root, parser.filters, parser.notices)
    if root is None and not parsed.filters:
        raise QueryError("Type something to search for.")
    texts = all_texts(root)
    if len(texts) > MAX_TERMS:
        raise QueryError(f"Too many words or phrases ({len(texts)}; at most {MAX_TERMS}).")
    if sum(len(t.text) == 1 and is_cjk(t.text) for t in texts) > MAX_SINGLE_CHARACTERS:
        raise QueryError(
            f"Too many single characters searched on their own (at most {MAX_SINGLE_CHARACTERS}): "
            "join them into words, or quote a phrase."
        )
    return parsed


def all_texts(node: Node | None) -> list[Text]:
    """Every text of a query, included or excluded."""
    if node is None:
        return []
    if isinstance(node, Text):
        return [node]
    if isinstance(node, Not):
        return all_texts(node.child)
    return [t for child in node.children for t in all_texts(child)]


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # only trailing white space is left
            break
        kind = match.lastgroup
        assert kind is not None
        if kind == "quote":
            end = text.find('"', match.end())
            closed = end != -1
            phrase = text[match.end() : end if closed else len(text)]
            tokens.append(("-phrase" if match.group("quote").startswith("-") else "phrase", phrase))
            if not closed:
                tokens.append(("notice", "The closing quote was missing: read the phrase to the end."))
            pos = end + 1 if closed else len(text)
            continue
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class _Parser:
    """Recursive descent: or := and ("OR" and)* ; and := unary+ ; unary := "-"? atom."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = [t for t in tokens if t[0] != "notice"]
        self.notices = list(dict.fromkeys(v for k, v in tokens if k == "notice"))
        self.filters: dict[str, list] = {}
        self.i = 0
        self.depth = 0  # of parentheses, bounded: every later stage recurses over the tree

    def parse(self) -> Node | None:
        node = self._or()
        while self.i < len(self.tokens):  # a stray ")" ends _or early: skip it, go on
            self.i += 1
            self._notice("An unmatched ')' was ignored.")
            more = self._or()
            node = _combine(All, [n for n in (node, more) if n is not None])
        return node

    def _notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _or(self) -> Node | None:
        branches = [self._and()]
        while (token := self._peek()) and token == ("word", "OR"):
            self.i += 1
            branches.append(self._and())
        return _combine(Any, [b for b in branches if b is not None])

    def _and(self) -> Node | None:
        children = []
        while (token := self._peek()) and token != ("word", "OR") and token[0] != "close":
            node = self._unary()
            if node is not None:
                children.append(node)
        return _combine(All, children)

    def _unary(self) -> Node | None:
        kind, value = self.tokens[self.i]
        self.i += 1
        if kind == "open":
            return self._group()
        if kind in ("phrase", "-phrase"):
            if not value.strip():
                return None
            node: Node = Text(value.strip(), quoted=True)
            return Not(node) if kind == "-phrase" else node
        negate = value.startswith("-")
        word = value[1:] if negate else value
        if not word or word == "-":
            if negate and self._peek() and self._peek()[0] == "open":
                self.i += 1
                group = self._group()
                return Not(group) if group is not None else None
            self._notice("A lone '-' was ignored.")
            return None
        if (match := _FILTER.match(word)) and not negate:
            self._add_filter(match.group(1).lower(), match.group(2))
            return None
        return Not(Text(word)) if negate else Text(word)

    def _group(self) -> Node | None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"Too many nested parentheses (at most {MAX_DEPTH}).")
        node = self._or()
        self.depth -= 1
        if (token := self._peek()) and token[0] == "close":
            self.i += 1
        else:
            self._notice("A missing ')' was added at the end.")
        return node

    def _add_filter(self, name: str, value: str) -> None:
        values = self.filters.setdefault(name, [])
        parsed = parse_filter_value(name, value)
        if parsed not in values:
            values.append(parsed)


def parse_filter_value(name: str, value: str):
    """A filter value as the search uses it; QueryError with a hint when it is not one."""
    value = value.strip()
    if name == "province":
        province = resolve(value)
        if province is None:
            raise QueryError(f"Unknown province {value!r}: use a name like 四川, 四川省, Sichuan or sichuan.")
        return province.short
    if name == "year":
        match = _YEAR_VALUE.match(value)
        if not match:
            raise QueryError(f"year:{value} is not a year: use a year like 2020 or a range like 2018-2020.")
        lo = int(match.group(1))
        hi = int(match.group(2) or lo)
        return (min(lo, hi), max(lo, hi))
    if name == "lang":
        lang = _LANGS.get(value.lower())
        if lang is None:
            raise QueryError(f"Unknown language {value!r}: use zh or en.")
        return lang
    raise QueryError(f"Unknown filter {name!r}.")


def _combine(kind: type[All] | type[Any], children: list[Node]) -> Node | None:
    children = list({repr(child): child for child in children}.values())  # 的 的 的 … is one 的
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    return kind(children)


# ---------------------------------------------------------------- to Whoosh


def build_query(parsed: ParsedQuery) -> wq.Query:
    """The Whoosh query for the text part (filters are applied by the search)."""
    if parsed.root is None:
        return wq.Every()
    if isinstance(parsed.root, Not):
        return wq.And([wq.Every(), to_whoosh(parsed.root)])
    return to_whoosh(parsed.root)


def to_whoosh(node: Node) -> wq.Query:
    if isinstance(node, Text):
        return _text_query(node)
    if isinstance(node, Not):
        return wq.Not(to_whoosh(node.child))
    # A word with nothing to search for (a stop word, a lone dash) is left out, not required.
    children = [q for q in (to_whoosh(child) for child in node.children) if q is not wq.NullQuery]
    if not children:
        return wq.NullQuery
    if isinstance(node, Any):
        return wq.Or(children)
    if all(isinstance(child, wq.Not) for child in children):
        children.insert(0, wq.Every())
    combined = wq.And(children)
    loose = [c.text for c in node.children if isinstance(c, Text) and _is_single_word(c)]
    if len(loose) >= 2:  # words typed next to each other rank higher when adjacent in the text
        adjacency = ExactPhrase("exact", [t for w in loose for t in exact_terms(w)], boost=ADJACENCY_BOOST)
        return wq.AndMaybe(combined, adjacency)
    return combined


def _is_single_word(node: Text, exact: list[str] | None = None) -> bool:
    """An unquoted Latin word: matched by stem in the word field, not as a phrase."""
    exact = exact_terms(node.text) if exact is None else exact
    return not node.quoted and not has_cjk(node.text) and len(exact) == 1


def _text_query(node: Text) -> wq.Query:
    exact = exact_terms(node.text)
    words = word_terms(node.text)
    single = _is_single_word(node, exact)
    titles = [wq.Term("title", w, boost=TITLE_BOOST) for w in words]
    if not exact or (single and not words):
        return wq.NullQuery  # punctuation only, or an English stop word
    if single:
        required: wq.Query = wq.Term("words", words[0])
        ranking = titles  # the word itself already scores
    else:
        if len(exact) == 1 and len(exact[0]) == 1 and is_cjk(exact[0]):
            required = wq.Prefix("exact", exact[0])  # its unigram and the bigrams it starts
        elif len(exact) == 1:
            required = wq.Term("exact", exact[0])
        else:
            required = ExactPhrase("exact", exact)
        ranking = [wq.Term("words", w) for w in words] + titles
    return wq.AndMaybe(required, wq.Or(ranking)) if ranking else required


def highlight_targets(node: Node | None) -> list[Text]:
    """The positive texts of a query: what snippets mark."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Text):
        return [node]
    return [t for child in node.children for t in highlight_targets(child)]
