"""Targets (issue 26): every report's stated target for an indicator beside what the next
report says was achieved, as a page, JSON and the panel CSV."""

from __future__ import annotations

import time

from flask import jsonify, render_template, request, url_for

from indexer.errors import QueryError
from indexer.facets import LEVELS
from indexer.targets.indicators import INDICATORS
from indexer.targets.select import TargetTable, read_selection, select
from searchui import chips
from searchui.errors import as_app_error
from searchui.i18n import ui_language
from searchui.render import targets as render_targets
from searchui.render.target_page import page_data
from searchui.urls import build_url, paragraph_url
from searchui.views.base import bp, csv_response, snapshot


def target_table(args) -> TargetTable:
    """The request's table; QueryError (a 400) for an unknown indicator or filter, or a
    selection that holds no work report."""
    shot = snapshot()
    return select(shot.targets, shot.documents, read_selection(args))


def doc_url(doc_id: str) -> str:
    return url_for("search.doc_page", doc_id=doc_id)


@bp.get("/targets")
def targets_page():
    ui = ui_language(request.args)
    started = time.perf_counter()
    try:
        table = target_table(request.args)
    except QueryError as exc:
        error = as_app_error(exc)
        return render_template("targets.html", error=error.text(ui), form=_form(), page=None, q=""), error.status
    page = page_data(table, ui, paragraph_url, doc_url)
    links = {
        "api": build_url(url_for("search.api_targets"), request.args),
        "csv": build_url(url_for("search.targets_csv"), request.args),
    }
    took_ms = (time.perf_counter() - started) * 1000
    return render_template(
        "targets.html",
        table=table,
        page=page,
        form=_form(),
        links=links,
        took_ms=took_ms,
        error=None,
        q="",
        chips=chips.url_chips(url_for("search.targets_page"), request.args, ui),
    )


def _form() -> dict:
    """The choices the page's form offers, with what the request chose."""
    args = request.args
    return {
        "indicators": [(i.key, i.zh, i.en) for i in INDICATORS],
        "indicator": args.get("indicator", "gdp"),
        "levels": list(LEVELS.items()),
        "level": args.get("level", ""),
        "province": args.get("province", ""),
        "city": args.get("city", ""),
        "year": args.get("year", ""),
    }


@bp.get("/api/targets")
def api_targets():
    return jsonify(render_targets.table_json(target_table(request.args), paragraph_url))


@bp.get("/targets.csv")
def targets_csv():
    table = target_table(request.args)
    return csv_response(render_targets.table_csv(table), f"policy-search-targets-{table.selection.indicator.key}.csv")
