"""Truth for first use, read straight from the source archives with this file's own code
(tarfile, yaml front matter, NFKC): in which year each province's work reports first
use a term. No ``indexer`` import: what the engine says is compared with this.

A report's year is the year of its session: the first full date (2024年1月22日) near the
top of the text, the next year for a date in November or December; the file name's
year when the text has none (Sichuan's files up to 2019 are named a year early; the
text's date is right).

Run as a script on an index to measure the year view's recall of first uses:
``python tests/first_use_truth.py corpus/lawtext-gov/provinces.tar.xz /tmp/lang-index``.
"""

from __future__ import annotations

import re
import sys
import tarfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

PROVINCES_FOLDER = "政府工作报告-省自治区/"
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
MUNICIPALITIES_FOLDER = "政府工作报告-主要城市/"
_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_HEAD_CHARS = 400  # where the session line stands
# Terms that many provinces first used in 2018–2025, chosen by reading reports (see README).
TERMS = (
    "乡村振兴战略",
    "六稳",
    "六保",
    "新发展格局",
    "双循环",
    "碳达峰",
    "碳中和",
    "双碳",
    "跨省通办",
    "中国式现代化",
    "保交楼",
    "县域商业",
    "链长制",
    "林长制",
    "租购并举",
    "预制菜",
    "大模型",
    "人形机器人",
    "元宇宙",
    "一网统管",
    "东数西算",
    "保市场主体",
    "数字人民币",
)


@dataclass(frozen=True)
class Report:
    province: str
    year: int
    path: str
    text: str


def plain(text: str) -> str:
    """NFKC and lower case, as a reader's search would match."""
    return unicodedata.normalize("NFKC", text).lower()


def provincial_reports(archive: str) -> Iterator[Report]:
    """Every provincial work report of the archive (27 provinces and regions, 4 municipalities)."""
    with tarfile.open(archive) as tar:
        for member in tar:
            place = _province_of(member.name)
            if not member.isfile() or not member.name.endswith(".md") or place is None:
                continue
            raw = tar.extractfile(member).read().decode("utf-8")
            front, body = _front_matter(raw)
            yield Report(place, _year(body, member.name), member.name, plain(f"{front.get('title') or ''}\n{body}"))


def _province_of(path: str) -> str | None:
    parts = path.split("/")
    if len(parts) != 3:
        return None
    if parts[0] + "/" == PROVINCES_FOLDER or (parts[0] + "/" == MUNICIPALITIES_FOLDER and parts[1] in MUNICIPALITIES):
        return parts[1]
    return None


def _front_matter(raw: str) -> tuple[dict, str]:
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        if end > 0:
            return yaml.safe_load(raw[3:end]) or {}, raw[end + 4 :]
    return {}, raw


def _year(body: str, path: str) -> int:
    found = _DATE.search(body[:_HEAD_CHARS])
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        return year + 1 if month >= 11 else year
    return int(re.search(r"(\d{4})\.md$", path).group(1))


def first_years(reports: list[Report], terms: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """For each term, each province's first year with a report that contains it."""
    out: dict[str, dict[str, int]] = {term: {} for term in terms}
    for report in sorted(reports, key=lambda r: r.year):
        for term in terms:
            if plain(term) in report.text:
                out[term].setdefault(report.province, report.year)
    return out


def recall(truth: dict[str, dict[str, int]], listed: dict[tuple[str, int], set[str]], years: range) -> tuple[int, int]:
    """Of the first uses in ``years`` (term, province), how many the year views list;
    ``listed[(term, year)]``: the provinces the year's view lists under the term."""
    found = total = 0
    for term, firsts in truth.items():
        for province, year in firsts.items():
            if year in years:
                total += 1
                found += province in listed.get((term, year), set())
    return found, total


def _measure(archive: str, index: str) -> None:
    """The recall of the first uses of TERMS in 2018–2025 on an index: by the year view,
    and by each first-using report's new expressions (``compare=all``)."""
    from indexer.search import SearchIndex
    from indexer.search.novelty import new_terms
    from indexer.search.novelty_year import year_news

    reports = list(provincial_reports(archive))
    first_report = {}
    for report in reports:
        first_report[report.province] = min(first_report.get(report.province, 9999), report.year)
    truth = {
        t: {p: y for p, y in firsts.items() if y > first_report[p]} for t, firsts in first_years(reports, TERMS).items()
    }
    snap = SearchIndex(Path(index)).snapshot()
    years = range(2018, 2026)
    listed: dict[tuple[str, int], dict[str, str]] = {}
    for year in years:
        for entry in year_news(snap, year, "provincial", min_places=1).terms:
            listed[(entry.term, year)] = {_folder(d, first_report): d["doc_id"] for d in entry.reports}
    found, total = recall(truth, {k: set(v) for k, v in listed.items()}, years)
    print(f"year view: {found} of {total} first uses ({found / max(total, 1):.1%})")
    in_report = 0
    for term, firsts in truth.items():
        missed = sorted(f"{p}{y}" for p, y in firsts.items() if y in years and p not in listed.get((term, y), {}))
        print(term, sum(y in years for y in firsts.values()), "missed:", " ".join(missed))
        for province, year in firsts.items():
            doc_id = listed.get((term, year), {}).get(province)
            in_report += bool(doc_id) and term in {t.term for t in new_terms(snap, doc_id, None).new}
    print(f"the first-using report's new expressions (compare=all) hold {in_report} of {found}")


def _folder(doc: dict, folders: dict[str, int]) -> str:
    """The archive's folder of a report's province (四川 → 四川省), for the comparison only."""
    return next((f for f in folders if f.startswith(doc.get("province") or "?")), "?")


if __name__ == "__main__":
    _measure(sys.argv[1], sys.argv[2])
