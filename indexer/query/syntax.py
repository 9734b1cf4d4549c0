"""The query language, parsed by hand (no Whoosh QueryParser plugins: no wildcards,
ranges, field names or boosts beyond what is listed here).

    双城经济圈            a run of Chinese characters: matched exactly, as a substring
    "twin-city economic"  a phrase: its words in this order
    营商环境 reform        space = AND
    脱贫 OR poverty        OR
    -疫情 / -"a phrase"    exclude
    ( … )                 grouping
    province:四川 year:2020 year:2018-2020 lang:en    filters (same field = OR)
    省份：四川 province: 四川                          any name of a filter, either colon, a space after it

Malformed input gets a sensible reading plus a notice (an unclosed quote or
parenthesis is closed at the end, a stray ``)`` or lone ``-`` is ignored) or,
where no reading makes sense (``year:abc``, an unknown province, an over-long
query), a QueryError with a message for the user. Notices and errors are
``indexer.messages`` codes with their values, shown in the interface's language.
"""

from __future__ import annotations

import re

from indexer.analysis import is_cjk
from indexer.errors import QueryError
from indexer.facets import Facet, facet, names
from indexer.messages import Message
from indexer.query.tree import All, Any, Node, Not, ParsedQuery, Selection, Text, all_texts

MAX_QUERY_CHARS = 500
MAX_DEPTH = 8  # nested parentheses
MAX_TERMS = 24  # words and phrases in one query
MAX_SINGLE_CHARACTERS = 6  # lone Chinese characters (each expands to every bigram it starts)
_PARENS = str.maketrans({"（": "(", "）": ")", "＂": '"'})
_CURLY_QUOTES = str.maketrans({"“": '"', "”": '"'})
_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>-?")|(?P<word>[^\s()"]+))')
_FILTER = re.compile(rf"^({'|'.join(map(re.escape, names()))})[:：](.*)$", re.IGNORECASE)  # ： of a Chinese keyboard

__all__ = ["QueryError"]


def parse(raw: str) -> ParsedQuery:
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError("query_too_long", length=len(raw), most=MAX_QUERY_CHARS)
    text = "".join(c if c.isprintable() else " " for c in raw).translate(_PARENS)
    if '"' not in text:  # “…” quote a phrase, unless inside a phrase quoted with "…"
        text = text.translate(_CURLY_QUOTES)
    parser = _Parser(_tokens(text))
    root = parser.parse()
    parsed = ParsedQuery(root, parser.selections, parser.notices)
    if root is None and not parsed.selections:
        raise QueryError("empty_query", parser.notices)
    texts = all_texts(root)
    if len(texts) > MAX_TERMS:
        raise QueryError("too_many_terms", count=len(texts), most=MAX_TERMS)
    if sum(len(t.text) == 1 and is_cjk(t.text) for t in texts) > MAX_SINGLE_CHARACTERS:
        raise QueryError("too_many_single_characters", most=MAX_SINGLE_CHARACTERS)
    return parsed


Token = tuple[str, str, int, int]  # kind, text, start, end


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
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
            kind = "-phrase" if match.group("quote").startswith("-") else "phrase"
            tokens.append((kind, phrase, match.start("quote"), end + 1 if closed else len(text)))
            if not closed:
                tokens.append(("notice", "unclosed_quote", 0, 0))
            pos = end + 1 if closed else len(text)
            continue
        tokens.append((kind, match.group(kind), match.start(kind), match.end(kind)))
        pos = match.end()
    return tokens


class _Parser:
    """Recursive descent: or := and ("OR" and)* ; and := unary+ ; unary := "-"? atom."""

    def __init__(self, tokens: list[Token]):
        self.tokens = [t for t in tokens if t[0] != "notice"]
        self.notices: list[Message] = []
        for code in dict.fromkeys(t[1] for t in tokens if t[0] == "notice"):
            self._notice(code)
        self.selections: list[Selection] = []
        self.i = 0
        self.depth = 0  # of parentheses, bounded: every later stage recurses over the tree

    def parse(self) -> Node | None:
        node = self._or()
        while self.i < len(self.tokens):  # a stray ")" ends _or early: skip it, go on
            self.i += 1
            self._notice("unmatched_paren")
            more = self._or()
            node = _combine(All, [n for n in (node, more) if n is not None])
        return node

    def _notice(self, code: str, **params: str | int) -> None:
        message = Message(code, params)
        if message not in self.notices:
            self.notices.append(message)

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i][:2] if self.i < len(self.tokens) else None

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
        kind, value, start, end = self.tokens[self.i]
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
            self._notice("lone_minus")
            return None
        if match := _FILTER.match(word):
            if negate:
                self._notice("excluded_filter", filter=value)
            else:
                self._add_filter(match.group(1), *self._filter_value(match.group(1), match.group(2), start, end))
            return None
        return Not(Text(word)) if negate else Text(word)

    def _group(self) -> Node | None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError("too_deep", most=MAX_DEPTH)
        node = self._or()
        self.depth -= 1
        if (token := self._peek()) and token[0] == "close":
            self.i += 1
        else:
            self._notice("missing_paren")
        return node

    def _filter_value(self, name: str, written: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
        """A filter's value and where the filter stands: the text after the colon, a
        phrase quoted right after it (province:"四川省"), or the next word or phrase
        when the colon is followed by spaces and that is a value of the filter
        (province: 四川; not province: 双城经济圈, which stays a word searched)."""
        following = self.tokens[self.i] if self.i < len(self.tokens) else None
        if written or following is None or following[0] not in ("word", "phrase"):
            return written, (start, end)
        _, text, _, following_end = following
        if (following[0] == "phrase" and following[2] == end) or _reads_as(facet(name), text):
            self.i += 1
            return text, (start, following_end)
        return written, (start, end)

    def _add_filter(self, name: str, written: str, span: tuple[int, int]) -> None:
        chosen = facet(name)
        assert chosen is not None  # _FILTER only matches facet names
        if not written.strip():
            self._notice("filter_no_value", name=name, example=chosen.example)
            return
        self.selections.append(Selection(chosen.name, chosen.parse(written), written, "query", span))


def _reads_as(chosen: Facet | None, text: str) -> bool:
    """Is ``text`` a value of the facet?"""
    if chosen is None:
        return False
    try:
        chosen.parse(text)
    except QueryError:
        return False
    return True


def _combine(kind: type[All] | type[Any], children: list[Node]) -> Node | None:
    children = list({repr(child): child for child in children}.values())  # 的 的 的 … is one 的
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    return kind(children)
