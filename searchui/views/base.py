"""What every view shares: the blueprint, the index snapshot, the template helpers and
the CSV response. Each feature's routes live in a module of their own beside this one."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Blueprint, Response, current_app, request

from indexer.facets import facet
from indexer.search import SearchIndex, Snapshot
from searchui import present
from searchui.i18n import label, say
from searchui.render.marks import mark, snippet_html

bp = Blueprint("search", __name__)

CONTENT_LANGUAGES = {"zh": "zh-CN", "en": "en"}  # a document's language → its lang attribute
EXAMPLES = ["双城经济圈", "营商环境", "乡村振兴 province:全国", "供给侧结构性改革", '"twin-city economic circle"', "渝"]


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


@bp.app_context_processor
def template_helpers() -> dict:
    ui = present.ui_language(request.args)
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
