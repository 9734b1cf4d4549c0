"""The URL holds all search state; links are built by changing one parameter of the
current URL (datasette's add/remove/replace-parameter helpers, in small)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import quote, urlencode

from flask import g, url_for
from werkzeug.datastructures import MultiDict


def build_url(path: str, args: MultiDict) -> str:
    pairs = [(k, v) for k, v in args.items(multi=True) if v not in ("", None)]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def build_iri(path: str, args: MultiDict) -> str:
    """``build_url`` with the characters beyond ASCII left as they are (an IRI: the browser
    encodes them when it follows the link): a third of the bytes for Chinese values, for
    pages with hundreds of links (the trend's points and heat-map cells)."""
    pairs = [f"{_iri_part(k)}={_iri_part(str(v))}" for k, v in args.items(multi=True) if v not in ("", None)]
    return f"{path}?{'&'.join(pairs)}" if pairs else path


def _iri_part(text: str) -> str:
    return "".join(ch if ord(ch) > 127 else quote(ch, safe="") for ch in text)


def with_param(path: str, args: MultiDict, name: str, value, iri: bool = False) -> str:
    """Replace every value of ``name`` by ``value`` (``None`` removes it); paging resets.
    ``iri``: written as ``build_iri`` writes it (for pages with many such links)."""
    new = MultiDict(args)
    new.poplist(name)
    if name != "page":
        new.poplist("page")
    if value is not None:
        new.add(name, str(value))
    return build_iri(path, new) if iri else build_url(path, new)


def toggle_param(path: str, args: MultiDict, name: str, value) -> str:
    """Add ``value`` to the values of ``name``, or remove it if present; paging resets."""
    new = MultiDict(args)
    values = new.poplist(name)
    new.poplist("page")
    text = str(value)
    for kept in [v for v in values if v != text] if text in values else [*values, text]:
        new.add(name, kept)
    return build_url(path, new)


def without_params(path: str, args: MultiDict, *names: str) -> str:
    new = MultiDict(args)
    for name in (*names, "page"):
        new.poplist(name)
    return build_url(path, new)


QUERY_SAFE = "!$'()*,/:;?@"  # what werkzeug leaves unquoted in a query (url_for's encoding)


def query_link(endpoint: str, **values) -> Callable[[str], str]:
    """``url_for(endpoint, **values, q=…)`` as a function of the query, ``url_for`` called
    once: the links of thousands of rows (a year's new expressions) by a string format
    each, the same text ``url_for`` gives."""
    path = url_for(endpoint, **values)
    return lambda q: f"{path}?{_query(q)}" if q else path


@functools.lru_cache(maxsize=65536)
def _query(q: str) -> str:
    """``q=…`` encoded (an expression is linked from many rows, and quoting is the cost)."""
    return urlencode([("q", q)], safe=QUERY_SAFE)


def doc_url(doc_id: str, q: str | None = None, external: bool = False) -> str:
    """A report's link, ``/doc/<id>?q=…`` (``url_for`` once per report and request)."""
    made = g.setdefault("doc_links", {})
    key = (doc_id, external)
    if key not in made:
        made[key] = query_link("search.doc_page", doc_id=doc_id, _external=external)
    return made[key](q)


def paragraph_url(doc_id: str, paragraph: int, q: str | None = None, external: bool = False) -> str:
    """A paragraph's link, ``/doc/<id>?q=…#p<n>`` (the query marked on it when given); ``external``
    gives the absolute URL a citation names. An export or a year's new expressions link
    thousands of paragraphs, and ``url_for`` for each took seconds under load."""
    return f"{doc_url(doc_id, q, external)}#p{paragraph}"


def paragraph_iri(doc_id: str, paragraph: int, q: str | None = None) -> str:
    """``paragraph_url`` with its query written as ``build_iri`` writes it (the trend page
    links a first paragraph for each of 31 provinces and up to 317 cities)."""
    path = paragraph_url(doc_id, paragraph).split("#", 1)[0]
    return f"{build_iri(path, MultiDict({'q': q or ''}))}#p{paragraph}"
