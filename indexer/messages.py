"""What the engine tells a user — how a query was read (notices) and why a request
cannot be answered (errors) — as data: a stable code and the values it names, with
its text in Chinese and English declared here, once. The web pages show a message in
the interface language, the JSON API gives its code, values and text, the command
line its English text. The UI's other labels are in ``searchui.i18n``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

TEXTS: dict[str, tuple[str, str]] = {  # code → (Chinese, English)
    # notices: the query was read, sensibly, and the user is told how
    "unclosed_quote": ("缺少右引号：短语读到了末尾。", "The closing quote was missing: read the phrase to the end."),
    "unmatched_paren": ("多余的“)”已忽略。", "An unmatched ')' was ignored."),
    "missing_paren": ("缺少“)”，已在末尾补上。", "A missing ')' was added at the end."),
    "lone_minus": ("单独的“-”已忽略。", "A lone '-' was ignored."),
    "excluded_filter": ("筛选条件不能排除：已忽略 {filter}。", "A filter cannot be excluded: {filter} was ignored."),
    "filter_no_value": (
        "{name}: 后面没有值，已忽略；应写成如 {name}:{example}。",
        "{name}: has no value and was ignored; write e.g. {name}:{example}.",
    ),
    # errors: the query or request cannot be read
    "empty_query": ("请输入要搜索的内容。", "Type something to search for."),
    "query_too_long": (
        "查询太长（{length} 个字符，最多 {most} 个）。",
        "The query is too long ({length} characters; at most {most}).",
    ),
    "too_many_terms": (
        "词语或短语太多（{count} 个，最多 {most} 个）。",
        "Too many words or phrases ({count}; at most {most}).",
    ),
    "too_many_single_characters": (
        "单独搜索的单字太多（最多 {most} 个）：请把它们连成词语，或用引号括成短语。",
        "Too many single characters searched on their own (at most {most}): join them into words, or quote a phrase.",
    ),
    "too_deep": ("括号嵌套太深（最多 {most} 层）。", "Too many nested parentheses (at most {most})."),
    "unknown_filter": ("未知的筛选条件“{name}”。", "Unknown filter '{name}'."),
    "filter_needs_value": (
        "{name}: 需要一个值，如 {name}:{example}。",
        "{name}: needs a value, e.g. {name}:{example}.",
    ),
    "unknown_province": (
        "未知的省份“{value}”：请用 四川、四川省、Sichuan 或 sichuan 这样的名称。",
        "Unknown province '{value}': use a name like 四川, 四川省, Sichuan or sichuan.",
    ),
    "unknown_city": (
        "未知的城市“{value}”：请用 成都、成都市 或 Chengdu 这样的名称。",
        "Unknown city '{value}': use a name like 成都, 成都市 or Chengdu.",
    ),
    "unknown_level": ("未知的层级“{value}”：可用 {choices}。", "Unknown level '{value}': use {choices}."),
    "unknown_doc_type": (
        "未知的文件类型“{value}”：可用 {choices}。",
        "Unknown document type '{value}': use {choices}.",
    ),
    "unknown_indicator": (
        "未知的指标“{value}”：可用 {choices}。",
        "Unknown indicator '{value}': use {choices}.",
    ),
    "no_targets": (
        "所选范围内没有政府工作报告：请放宽省份、城市、层级或年份。",
        "No work report in this selection: widen the province, city, level or years.",
    ),
    "unknown_lang": ("未知的语言“{value}”：可用 {choices}。", "Unknown language '{value}': use {choices}."),
    "not_a_year": (
        "{name}:{value} 不是年份：请写成 2020 这样的年份或 2018-2020 这样的范围。",
        "{name}:{value} is not a year: use a year like 2020 or a range like 2018-2020.",
    ),
    "page_too_small": ("page 必须是 1 或更大的数。", "page must be 1 or more."),
    "per_page_range": ("per_page 必须在 1 到 {most} 之间。", "per_page must be between 1 and {most}."),
    "bad_sort": ("sort 只能是：{choices}。", "sort must be one of: {choices}."),
    "bad_sort2": ("sort2 只能是：{choices}，或留空。", "sort2 must be one of: {choices}, or empty."),
    "whole_number": ("{name} 必须是整数，不能是“{value}”。", "{name} must be a whole number, not '{value}'."),
    "number_range": (
        "{name} 必须是 1 到 {most} 之间的整数，不能是“{value}”。",
        "{name} must be a whole number from 1 to {most}, not '{value}'.",
    ),
    "number_range_or_all": (
        "{name} 必须是 1 到 {most} 之间的整数或 all，不能是“{value}”。",
        "{name} must be a whole number from 1 to {most} or 'all', not '{value}'.",
    ),
    "kwic_empty": ("需要 q：要在语境中显示的词语。", "q is required: the words to show in context."),
    "width_range": (
        "width（每侧上下文的字数，英文为词数）必须在 1 到 {most} 之间。",
        "width (characters of context each side; English: words) must be between 1 and {most}.",
    ),
    "trend_bad_option": (
        "趋势的显示选项有误（scale 为 relative 或 raw，smooth 为 0、3、5 或 7）：{value}",
        "A trend's display options are scale=relative or raw and smooth=0, 3, 5 or 7, not {value}.",
    ),
    "trend_empty": ("请输入一个词语或短语，查看它的趋势。", "Type a word or phrase to see its trend."),
    "trend_too_many": (
        "趋势最多比较 {most} 个词语；这个查询有 {count} 个。",
        "A trend compares at most {most} terms; this query has {count}.",
    ),
    "panel_empty": (
        "请给出至少一个词语：q=营商环境|乡村振兴，或上传每行一个词语的列表文件。",
        "Give at least one term: q=营商环境|乡村振兴, or upload a list file with one term per line.",
    ),
    "panel_too_many": (
        "面板数据最多 {most} 个词语；这次给出了 {count} 个。",
        "A panel takes at most {most} terms; this request has {count}.",
    ),
    "unknown_format": (
        "不支持的格式“{value}”：可用 {choices}。",
        "Unknown format '{value}': use {choices}.",
    ),
    "trend_term_too_long": (
        "趋势的每个词语最多 {most} 个字符；有一个有 {length} 个。",
        "A trend term has at most {most} characters; one has {length}.",
    ),
    "trend_bad_by": (
        "by 只能是 {choices} 或它们用逗号分隔的组合，不能是“{value}”。",
        "by: takes {choices} or a comma-separated list of them, not '{value}'.",
    ),
    "side_required": (
        "需要 {name}：选出报告的筛选条件，如 {name}=province:广东 year:2020-2024。",
        "{name} is required: filters that choose reports, e.g. {name}=province:广东 year:2020-2024.",
    ),
    "side_filters_only": (
        "{name} 只接受筛选条件（province:广东 year:2020-2024），不接受词语：“{value}”。",
        "{name} takes filters only (province:广东 year:2020-2024), not words: '{value}'.",
    ),
    "side_chooses_nothing": (
        "{name} 没有选出任何报告：请给出 province:广东 这样的筛选条件。",
        "{name} chooses nothing: give filters such as province:广东.",
    ),
    "side_no_report": ("没有报告符合 {name}=“{value}”。", "No report matches {name}='{value}'."),
    "collocates_empty": ("需要 q：要找搭配词的词语。", "q is required: the words whose collocates to find."),
    "collocates_none": (
        "“{q}”在所选报告中没有出现，没有搭配词可算。",
        "'{q}' does not occur in the selection: no collocates to count.",
    ),
    "collocates_no_report": ("没有报告符合所选的筛选条件。", "No report matches the filters chosen."),
    "window_range": (
        "{name} 必须是 0 到 {most} 之间的整数（左右两边不能都为 0），不能是“{value}”。",
        "{name} must be a whole number from 0 to {most} (not both sides 0), not '{value}'.",
    ),
    "collocates_unit": (
        "unit 只能是 expressions 或 chars，不能是“{value}”。",
        "unit must be expressions or chars, not '{value}'.",
    ),
    "collocates_rebuild": (
        "这个索引建成时还没有词语文件：请重建索引（policy-search index）。",
        "This index was built before its words were saved: rebuild it (policy-search index).",
    ),
    "english_report": (
        "新提法只分析中文报告；这份报告是英文的。",
        "New expressions are read in Chinese reports only; this report is in English.",
    ),
    "no_work_reports": ("索引中没有政府工作报告。", "The index holds no work report."),
    "year_such_as": (
        "year 必须是 {example} 这样的年份，不能是“{value}”。",
        "year must be a year such as {example}, not '{value}'.",
    ),
    "cli_year": (
        "--year 必须是 2024 这样的年份，不能是“{value}”。",
        "--year must be a year such as 2024, not '{value}'.",
    ),
    "cli_doc_or_year": ("请给出报告的 doc_id，或 --year。", "Give a report's doc_id, or --year."),
    # notices of a request that ran out of time (the server's budget; narrowing the query helps)
    "kwic_partial": (
        "时间到了：只读了匹配的 {paragraphs} 个段落中的 {searched} 个，这里的 {lines} 处按语境排序。"
        "请缩小查询（更长的词语、带引号的短语或筛选条件）以看到全部。",
        "Time ran out: these {lines} lines come from {searched} of the {paragraphs} matching paragraphs, "
        "sorted among themselves. Narrow the query (a longer word, a quoted phrase, a filter) to see them all.",
    ),
    "kwic_partial_first": (
        "时间到了：只读了匹配的 {paragraphs} 个段落中的 {searched} 个（找到 {lines} 处）；按此顺序，显示的各处排在最前。"
        "请缩小查询（更长的词语、带引号的短语或筛选条件）以看到全部。",
        "Time ran out: {searched} of the {paragraphs} matching paragraphs were read ({lines} lines); in this order, "
        "the lines shown come first. Narrow the query (a longer word, a quoted phrase, a filter) to see them all.",
    ),
    "kwic_csv_out_of_time": (
        "时间到了：匹配的 {paragraphs} 个段落只读了 {searched} 个，导出需要全部。"
        "请缩小查询（更长的词语、带引号的短语或筛选条件），或用命令行导出：policy-search kwic … --csv。",
        "Time ran out: {searched} of the {paragraphs} matching paragraphs were read, and an export needs them all. "
        "Narrow the query (a longer word, a quoted phrase, a filter), or export from the command line: "
        "policy-search kwic … --csv.",
    ),
    "kwic_lines_out_of_time": (
        "时间到了：{lines} 行语境只读出了 {done} 行，导出需要全部。"
        "请缩小查询（更长的词语、带引号的短语或筛选条件），或用命令行导出：policy-search kwic … --csv。",
        "Time ran out: {done} of the {lines} concordance lines were read, and an export needs them all. "
        "Narrow the query (a longer word, a quoted phrase, a filter), or export from the command line: "
        "policy-search kwic … --csv.",
    ),
    "search_csv_out_of_time": (
        "时间到了：匹配的 {paragraphs} 个段落只读了 {read} 个，导出需要全部。"
        "请缩小查询（更长的词语、带引号的短语或筛选条件），或用命令行导出每一处：policy-search kwic … --csv。",
        "Time ran out: {read} of the {paragraphs} matching paragraphs were read, and an export needs them all. "
        "Narrow the query (a longer word, a quoted phrase, a filter), or export every occurrence from the "
        "command line: policy-search kwic … --csv.",
    ),
    "terms_out_of_time": (
        "时间到了：{terms} 个词语只算完了 {done} 个。请减少词语或缩小筛选条件，或用命令行：policy-search trend（或 panel）。",
        "Time ran out after {done} of the {terms} terms. Ask for fewer terms or narrow the filters, "
        "or use the command line: policy-search trend (or panel).",
    ),
    "collocates_out_of_time": (
        "时间到了：匹配的 {paragraphs} 个段落只读了 {searched} 个，搭配需要全部。"
        "请缩小查询（更长的词语、带引号的短语或筛选条件），或用命令行：policy-search collocates。",
        "Time ran out: {searched} of the {paragraphs} matching paragraphs were read, and collocations need them all. "
        "Narrow the query (a longer word, a quoted phrase, a filter), or use the command line: policy-search collocates.",
    ),
    "compare_out_of_time": (
        "时间到了：两组报告没有比较完。请缩小选择（一个省、一段年份），或用命令行：policy-search compare。",
        "Time ran out comparing the two selections. Narrow them (a province, a range of years), "
        "or use the command line: policy-search compare.",
    ),
    "new_terms_out_of_time": (
        "时间到了：这份报告的新提法没有找完。请与较少的往年报告比较（如 compare=3），或用命令行：policy-search new-terms。",
        "Time ran out finding this report's new expressions. Compare it with fewer earlier reports (compare=3), "
        "or use the command line: policy-search new-terms.",
    ),
    "year_news_out_of_time": (
        "时间到了：{year} 年的 {reports} 份报告只读了 {done} 份。请稍后再试，"
        "或用命令行：policy-search new-terms --year {year}。",
        "Time ran out after {done} of the {reports} reports of {year}. Try again in a moment, "
        "or use the command line: policy-search new-terms --year {year}.",
    ),
    "year_paragraphs_out_of_time": (
        "时间到了：新提法已找到，但 {reports} 份报告只定位了 {done} 份的段落。请稍后再试，或用命令行：policy-search new-terms。",
        "Time ran out finding the paragraphs of the new expressions: {done} of {reports} reports done. "
        "Try again in a moment, or use the command line: policy-search new-terms.",
    ),
    "busy": (
        "服务器正忙于其他耗时的请求，请稍后再试，或缩小查询（更长的词语、带引号的短语或筛选条件）。",
        "The server is busy with other long requests: try again in a moment, or narrow the query "
        "(a longer word, a quoted phrase, a filter).",
    ),
    # errors of the web application
    "no_report": ("没有报告“{doc_id}”。", "There is no report '{doc_id}'."),
    "no_paragraph": ("报告“{doc_id}”没有第 {number} 段。", "The report '{doc_id}' has no paragraph {number}."),
    "doc_id_required": (
        "需要 doc_id（一份报告，如 /doc/<doc_id>），或 year（某一年的新提法）。",
        "doc_id is required (a report, as in /doc/<doc_id>), or year for a year's new expressions.",
    ),
    "page_not_found": ("这个网址没有对应的页面。", "The requested URL was not found on the server."),
    "http_error": ("{description}", "{description}"),
    "index_missing": (
        "索引正在建立或不存在，请过一分钟再试。",
        "The index is being built or missing; try again in a minute.",
    ),
    "internal": ("服务器出了问题，请再试一次。", "Something went wrong on our side. Please try again."),
}


@dataclass(frozen=True)
class Message:
    """A notice or an error: a code of TEXTS and the values its text names."""

    code: str
    params: dict[str, str | int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEXTS:
            raise KeyError(f"no text for message {self.code!r}")

    def text(self, ui: str = "en") -> str:
        """The message in the interface language (``zh`` or ``en``)."""
        zh, en = TEXTS[self.code]
        return (en if ui == "en" else zh).format(**self.params)

    def as_dict(self, ui: str = "en") -> dict:
        """For the JSON API: ``{"code", "params", "message"}``."""
        return {"code": self.code, "params": dict(self.params), "message": self.text(ui)}

    def __str__(self) -> str:
        return self.text("en")


class Explained(Exception):
    """An exception that says why in a Message (the last of ``messages``), after any
    notices that explain it; ``str()`` is its English text."""

    def __init__(self, code: str, notices: Sequence[Message] = (), **params: str | int):
        self.messages = [*notices, Message(code, params)]
        super().__init__(self.text("en"))

    @property
    def code(self) -> str:
        return self.messages[-1].code

    def text(self, ui: str = "en") -> str:
        """Every message, in ``ui``."""
        return " ".join(m.text(ui) for m in self.messages)
