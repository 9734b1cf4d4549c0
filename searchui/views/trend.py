"""Trends: how a phrase spread, as a page, JSON and the long CSV."""

from __future__ import annotations

import time

from flask import jsonify, render_template, request

from searchui import present, trends
from searchui.render import trend as render_trend
from searchui.urls import paragraph_url
from searchui.views.base import bp, csv_response, snapshot


@bp.get("/trend")
def trend_page():
    state = trends.state_from_args(request.args)
    ui = present.ui_language(request.args)
    started = time.perf_counter()
    trend = trends.build(snapshot(), state)
    data = render_trend.trend_json(trend, paragraph_url, state.by_city)
    page = trends.page_data(trend, data, request.args, ui)
    took_ms = (time.perf_counter() - started) * 1000
    return render_template("trend.html", q=" | ".join(state.terms), data=data, page=page, took_ms=took_ms)


@bp.get("/api/trend")
def api_trend():
    state = trends.state_from_args(request.args)
    trend = trends.build(snapshot(), state)
    return jsonify(render_trend.trend_json(trend, paragraph_url, state.by_city))


@bp.get("/trend.csv")
def trend_csv():
    state = trends.state_from_args(request.args)
    return csv_response(render_trend.panel_csv(trends.build(snapshot(), state), state.by), "policy-search-trend.csv")
