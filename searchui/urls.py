"""The URL holds all search state; links are built by changing one parameter of the
current URL (datasette's add/remove/replace-parameter helpers, in small)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import url_for
from werkzeug.datastructures import MultiDict


def build_url(path: str, args: MultiDict) -> str:
    pairs = [(k, v) for k, v in args.items(multi=True) if v not in ("", None)]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def with_param(path: str, args: MultiDict, name: str, value) -> str:
    """Replace every value of ``name`` by ``value`` (``None`` removes it); paging resets."""
    new = MultiDict(args)
    new.poplist(name)
    if name != "page":
        new.poplist("page")
    if value is not None:
        new.add(name, str(value))
    return build_url(path, new)


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


def paragraph_url(doc_id: str, paragraph: int, q: str | None = None, external: bool = False) -> str:
    """A paragraph's link, ``/doc/<id>?q=…#p<n>`` (the query marked on it when given); ``external``
    gives the absolute URL a citation names."""
    return url_for("search.doc_page", doc_id=doc_id, q=q or None, _external=external) + f"#p{paragraph}"
