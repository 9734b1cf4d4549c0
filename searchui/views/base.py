"""What every view shares: the blueprint, the index snapshot, the template helpers and
the CSV response. Each feature's routes live in a module of their own beside this one."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Blueprint, Response, current_app, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from indexer.facets import FACETS, facet
from indexer.search import SearchIndex, Snapshot
from searchui import present
from searchui.i18n import label, say, ui_language
from searchui.render.marks import mark, snippet_html
from searchui.urls import build_url

bp = Blueprint("search", __name__)

CONTENT_LANGUAGES = {"zh": "zh-CN", "en": "en"}  # a document's language → its lang attribute
EXAMPLES = ["双城经济圈", "营商环境", "乡村振兴 province:全国", "供给侧结构性改革", '"twin-city economic circle"', "渝"]
FACET_NAMES = frozenset(f.name for f in FACETS)
# What a view asks for before its query, with one example query each: the form an empty
# (or unreadable) query gets instead of a dead end. (endpoint, title label, example q values)
ASKS = {
    "search": ("search.search_page", "search", EXAMPLES[:4]),
    "trend": ("search.trend_page", "trend", ["营商环境", "双城经济圈|乡村振兴", "新质生产力"]),
    "kwic": ("search.kwic_page", "kwic", ["营商环境", "高质量发展"]),
}


def snapshot() -> Snapshot:
    index: SearchIndex = current_app.config["SEARCH_INDEX"]
    return index.snapshot()


def csv_response(body: str | Iterable[str], filename: str) -> Response:
    """A CSV download (``body`` a whole text, or lines to stream)."""
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def ask_page(view: str, status: int = 200, message: str = "") -> tuple[str, int]:
    """The view's form with examples (``/trend`` with no term): what to type, not a 400."""
    endpoint, title, examples = ASKS[view]
    ui = ui_language(request.args)
    kept = {*FACET_NAMES, "ui", "literal"}  # the filters, not the options that may be what was wrong
    keep = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k in kept])
    links = [
        {"q": q, "url": build_url(url_for(endpoint), MultiDict([("q", q), *keep.items(multi=True)]))} for q in examples
    ]
    q = " | ".join(v for v in request.args.getlist("q") if v.strip())[:500]
    page = render_template(
        "ask.html",
        view=view,
        title=label(title, ui),
        action=url_for(endpoint),
        keep=keep,
        examples=links,
        message=message,
        q=q,
    )
    return page, status


def ask_view(path: str) -> str | None:
    """The view whose form an error on ``path`` shows (a 400 on /trend shows the trend's)."""
    return next((view for view, (endpoint, _, _) in ASKS.items() if url_for(endpoint) == path), None)


@bp.app_context_processor
def template_helpers() -> dict:
    ui = ui_language(request.args)
    return {
        "ui": ui,
        "t": lambda key, **values: label(key, ui, **values),
        "say": lambda message: say(message, ui),
        "facet_label": lambda name, value: facet(name).label(value, ui),  # type: ignore[union-attr]
        "facet_title": lambda name: facet(name).title(ui),  # type: ignore[union-attr]
        "switch_url": present.language_switch_url(request.script_root + request.path, request.args, ui),
        "examples": EXAMPLES,
        "content_lang": lambda lang: CONTENT_LANGUAGES.get(lang or "", "zh-CN"),
        "mark": mark,
        "snippet_html": snippet_html,
    }
