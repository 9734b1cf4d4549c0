"""The planted bugs of ``tests/plant.py``: each a text substitution in one file, and the
test files that should catch it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plant:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]
    changes_the_build: bool = False


PLANTS = [
    Plant(
        "trend-city-first-by-province",
        "indexer/search/trend.py",
        "value = self.group_keys(by)[code]",
        'value = self.group_keys("province")[code]',
        ("tests/test_trend.py",),
    ),
    Plant(
        "g2-log10",
        "indexer/search/keyness.py",
        "observed * np.log(observed / expected)",
        "observed * np.log10(observed / expected)",
        ("tests/test_compare.py",),
    ),
    Plant(
        "last-paragraph-dropped",
        "indexer/ingest/paragraphs.py",
        "    return paragraphs\n",
        "    return paragraphs[:-1]\n",
        ("tests/test_trend.py", "tests/test_kwic.py", "tests/test_compare.py", "tests/test_facets.py"),
        changes_the_build=True,
    ),
    Plant(
        "reports-indexed-off-by-one",
        "indexer/search/trend.py",
        "row = sums.setdefault(keys[r], [0, 0, 0, 0, 0])",
        "row = sums.setdefault(keys[r], [0, 0, 0, 1, 0])",
        ("tests/test_trend.py",),
    ),
    Plant(
        "rate-over-characters-plus-one",
        "indexer/search/keyness.py",
        "10_000 / np.maximum(np.asarray(characters, dtype=np.float64), 1)",
        "10_000 / (np.asarray(characters, dtype=np.float64) + 1)",
        ("tests/test_trend.py",),
    ),
    Plant(
        "left-context-not-reversed",
        "indexer/search/kwic_order.py",
        'side = one_line(side)\n        return side[::-1] if key == "left" else side',
        "side = one_line(side)\n        return side",
        ("tests/test_kwic.py",),
    ),
    Plant(
        "first-appearance-latest-year",
        "indexer/search/trend.py",
        "reports.sort(key=use_order)",
        "reports.sort(key=use_order, reverse=True)",
        ("tests/test_trend.py",),
    ),
    Plant(
        "facets-ignore-year-filter",
        "indexer/search/facets.py",
        "        if other != facet.name:\n",
        '        if other not in (facet.name, "year"):\n',
        ("tests/test_facets.py",),
    ),
    Plant(
        "pinyin-initials-key-short",
        "indexer/pinyin/lexicon.py",
        "    return initials_keys([initials(char) for char in term])\n",
        "    return [key[:-1] for key in initials_keys([initials(char) for char in term])]\n",
        ("tests/test_pinyin.py",),
        changes_the_build=True,
    ),
    # Plantings in this round's features (issues 13, 19, 24 …)
    Plant(
        "unmatched-choice-not-listed",
        "indexer/search/facets.py",
        "    return values + [FacetValue(value, 0, 0, chosen) for value, chosen in missing.items()]\n",
        "    return values\n",
        ("tests/test_facets.py",),
    ),
    Plant(
        "chinese-filter-name-jibie-unknown",
        "indexer/facets.py",
        'aliases=("级别",),',
        "aliases=(),",
        ("tests/test_query.py",),
    ),
    Plant(
        "place-names-not-weighted",
        "indexer/pinyin/place_names.py",
        "PLACE_WEIGHT = 100 ",
        "PLACE_WEIGHT = 1 ",
        ("tests/test_pinyin.py",),
        changes_the_build=True,
    ),
    Plant(
        "place-name-counts-without-overlaps",
        "indexer/pinyin/ngrams.py",
        "Counter(term for _, term in automaton.iter(text))",
        "Counter(term for _, term in automaton.iter_long(text))",
        ("tests/test_pinyin.py",),
        changes_the_build=True,
    ),
    Plant(
        "zero-width-space-splits-a-paragraph",
        "indexer/ingest/clean.py",
        'text = fold_compatibility(text.replace("\\r\\n", "\\n").replace("\\r", "\\n"))',
        'text = fold_compatibility(text.replace("\\r\\n", "\\n").replace("\\r", "\\n").translate(_INVISIBLE))',
        ("tests/test_trend.py", "tests/test_ingest.py"),
        changes_the_build=True,
    ),
    Plant(
        "sichuan-year-from-file-name",
        "indexer/ingest/metadata.py",
        'year = valid_year(hints.get("year")) or planned or named or filed',
        'year = valid_year(hints.get("year")) or filed or planned or named',
        ("tests/test_trend.py", "tests/test_compare.py", "tests/test_corpus.py"),
        changes_the_build=True,
    ),
    # Concordance sorts at two levels and context width (issue 23)
    Plant(
        "kwic-position-one-off",
        "indexer/search/kwic_order.py",
        "at = start - distance if left else end + distance - 1",
        "at = start - distance + 1 if left else end + distance - 1",
        ("tests/test_kwic_sorts.py",),
    ),
    Plant(
        "kwic-second-key-ignored",
        "indexer/search/kwic_order.py",
        "return (sort,) if second in (None, sort) else (sort, second)",
        "return (sort,)",
        ("tests/test_kwic_sorts.py",),
    ),
    Plant(
        "kwic-year-read-in-part-kept",
        "indexer/search/kwic.py",
        "    if read >= len(docnums) or is_context(keys[0])",
        "    if True or read >= len(docnums) or is_context(keys[0])",
        ("tests/test_limits.py",),
    ),
    Plant(
        "kwic-width-ignored-by-page",
        "searchui/params.py",
        'kwic = KwicRequest(search, sort, whole_number(args, "width", DEFAULT_WIDTH), ',
        "kwic = KwicRequest(search, sort, DEFAULT_WIDTH, ",
        ("tests/test_kwic_sorts.py",),
    ),
    Plant(
        "facets-counted-for-every-caller",
        "indexer/search/results.py",
        "prepared.selections) if facets else {}",
        "prepared.selections) if True else {}",
        ("tests/test_facets.py",),
    ),
    # The language layer (issue 21): spread, the + token, a unit's edges, doubtful units, fragments
    Plant(
        "dp-absent-reports-not-counted",
        "indexer/search/spread.py",
        "np.abs(share - part) - part",
        "np.abs(share - part)",
        ("tests/test_new_terms.py", "tests/test_compare.py"),
    ),
    Plant(
        "symbol-not-a-token",
        "indexer/analysis/tokenizers.py",
        "|(?P<symbol>\\+)",
        "",
        ("tests/test_phrase_recall.py",),
        changes_the_build=True,
    ),
    Plant(
        "unit-may-begin-with-a-measure-word",
        "indexer/analysis/unit_edges.py",
        'NOT_AT_START = FUNCTION | {"q", ',
        "NOT_AT_START = FUNCTION | {",
        ("tests/test_expression_units.py",),
    ),
    Plant(
        "doubtful-unit-trusted-when-used-twice",
        "indexer/analysis/expressions.py",
        "(n >= MIN_COUNT and u not in units.doubtful)",
        "n >= MIN_COUNT",
        ("tests/test_expression_units.py",),
    ),
    Plant(
        "fragment-end-kept-when-widely-known",
        "indexer/search/novelty.py",
        "keeps = term.startswith(piece) or piece in known_words()",
        "keeps = True",
        ("tests/test_new_terms.py",),
    ),
    # Plantings in the features of issues 21, 23, 25 and 26 (targets, exports, collocations,
    # new expressions and first use, the views)
    Plant(
        "target-range-high-dropped",
        "indexer/targets/values.py",
        "value_high=float(high) if high else None,",
        "value_high=None,",
        ("tests/test_targets.py",),
        changes_the_build=True,
    ),
    Plant(  # (年均 dropped from MULTI_YEAR instead changes no report's targets: 均 alone is refused too)
        "target-modifier-before-the-number-lost",
        "indexer/targets/values.py",
        'modifier=number.group("post") or pre,',
        'modifier=number.group("post") or "",',
        ("tests/test_targets.py",),
        changes_the_build=True,
    ),
    Plant(
        "panel-counts-reports-the-filters-leave-out",
        "indexer/search/panel.py",
        "counted = trend.indexed & (report_place >= 0) & (trend.report_years > 0)",
        "counted = (report_place >= 0) & (trend.report_years > 0)",
        ("tests/test_exports_panel.py",),
    ),
    Plant(
        "ris-date-day-before-month",
        "searchui/render/bibliography.py",
        '_ris_line("DA", ref.issued.strftime("%Y/%m/%d"))',
        '_ris_line("DA", ref.issued.strftime("%Y/%d/%m"))',
        ("tests/test_exports_cite.py",),
    ),
    Plant(
        "trend-feed-oldest-first",
        "searchui/views/feeds.py",
        "reverse=True)",
        ")",
        ("tests/test_exports_feeds.py",),
    ),
    Plant(
        "collocate-window-past-the-paragraph-start",
        "indexer/search/collocates.py",
        "lefts = _spread(np.maximum(left_from, first_word), node_first)",
        "lefts = _spread(np.maximum(left_from, 0), node_first)",
        ("tests/test_collocates.py",),
    ),
    Plant(
        "t-score-over-the-root-of-expected",
        "indexer/search/association.py",
        "return (o - expected(o11, r1, c1, n)) / np.sqrt(o)",
        "return (o - expected(o11, r1, c1, n)) / np.sqrt(expected(o11, r1, c1, n))",
        ("tests/test_collocates.py",),
    ),
    Plant(
        "first-use-the-latest-report",
        "indexer/search/first_use.py",
        "fresh = ids[first[ids] < 0]",
        "fresh = ids",
        ("tests/test_first_use.py", "tests/test_new_terms.py"),
    ),
    Plant(
        "year-view-one-place-too-many",
        "indexer/search/novelty_year.py",
        "if len(users) >= least",
        "if len(users) > least",
        ("tests/test_first_use.py", "tests/test_new_terms.py"),
    ),
    Plant(
        "trend-smoothing-window-one-year-short",
        "searchui/trends.py",
        "range(year - half, year + half + 1)",
        "range(year - half, year + half)",
        ("tests/test_views.py",),
    ),
    Plant(
        "pre-analysed-words-unstemmed",
        "indexer/index/analyse.py",
        "    for step in _filters():\n",
        "    for step in _filters()[:1]:\n",
        ("tests/test_analyse_once.py",),
        changes_the_build=True,
    ),
    Plant(
        "saved-word-lengths-off-by-one",
        "indexer/index/tokens.py",
        "[e - s for s, e in zip(a.starts, a.ends, strict=True)]",
        "[e - s + 1 for s, e in zip(a.starts, a.ends, strict=True)]",
        ("tests/test_analyse_once.py",),
        changes_the_build=True,
    ),
    Plant(
        "trend-chart-right-margin-cuts-the-last-year",
        "searchui/charts.py",
        "left, right, top, bottom = (58, 30, 14, 36)",
        "left, right, top, bottom = (58, 14, 14, 36)",
        ("tests/test_browser.py",),
    ),
    Plant(
        "targets-grid-opens-at-1954",
        "searchui/templates/targets.html",
        '<div class="scroll scroll-end" tabindex="0" role="region" aria-label="{{ t(\'targets_table\') }}">',
        '<div class="scroll" tabindex="0" role="region" aria-label="{{ t(\'targets_table\') }}">',
        ("tests/test_browser.py",),
    ),
    Plant(
        "bulk-segment-drops-a-terms-last-posting",
        "indexer/index/segments.py",
        "start, end = starts[number], ends[number]",
        "start, end = starts[number], ends[number] - (ends[number] - starts[number] > 1)",
        ("tests/test_segments.py",),
        changes_the_build=True,
    ),
    Plant(
        "bulk-segment-block-lengths-off-by-one",
        "indexer/index/segments.py",
        "found = lengths[ids]",
        "found = lengths[ids] + 1",
        ("tests/test_segments.py",),
        changes_the_build=True,
    ),
    Plant(
        "bulk-segment-block-weight-is-the-least",
        "indexer/index/segments.py",
        "max(0, float(block.max()))",
        "max(0, float(block.min()))",
        ("tests/test_segments.py",),
        changes_the_build=True,
    ),
]
