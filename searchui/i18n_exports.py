"""The labels of the exports' pages and links (issue 25): the panel's codebook, the
citation files, the feeds and the notice of a changed paragraph (zh, en)."""

EXPORT_LABELS: dict[str, tuple[str, str]] = {
    "cite_files": ("导入文献管理软件：", "For a reference manager:"),
    "cite_report": ("引用整篇报告：", "Cite the whole report:"),
    "cite_check": ("选中第 {n} 段", "Choose paragraph {n}"),
    "cite_checked": ("引用选中的段落（未选则引用全部报告）：", "Cite the paragraphs chosen (none: every report):"),
    "cite_results": ("引用这些报告：", "Cite these reports:"),
    "feed": ("订阅（Atom）", "Feed (Atom)"),
    "feed_title": ("policy-search：{q} 的新报告", "policy-search: new reports on {q}"),
    "paragraph_changed": (
        "您引用的第 {n} 段在报告更新后已有改动，现在的第 {n} 段不是您引用的文字。",
        "Paragraph {n} has changed since you cited it: the paragraph now numbered {n} is not the text you cited.",
    ),
    "paragraph_now": ("您引用的文字现在是第 {n} 段。", "The text you cited is now paragraph {n}."),
    "paragraph_gone": ("您引用的文字已不在这篇报告中。", "The text you cited is no longer in this report."),
    "codebook": ("面板数据：说明", "Panel data: codebook"),
    "codebook_intro": (
        "每个词语、地区和年份一行：全国和各省份，以及各城市。没有收录报告的地区和年份 missing = 1，计数留空（不是 0）。",
        "One row per term, place and year: the nation and the provinces, and the cities. Where no report of "
        "a place and year is indexed, missing = 1 and the counts are empty (not 0).",
    ),
    "codebook_defaults": (
        "未指定 doc_type 或 lang 时，只计政府工作报告（doc_type=work-report）的中文文本（lang=zh）。",
        "Unless the request gives doc_type or lang, only government work reports (doc_type=work-report) in "
        "Chinese (lang=zh) are counted.",
    ),
    "codebook_columns": ("各列的含义", "The columns"),
    "codebook_column": ("列", "Column"),
    "codebook_type": ("类型", "Type"),
    "codebook_label": ("标签", "Label"),
    "codebook_meaning": ("含义", "Meaning"),
    "panel_stata_r": ("面板数据（Stata、R）", "Panel for Stata and R"),
    "panel_download": ("下载面板数据", "Download the panel"),
    "panel_terms": ("词语（每行一个，最多 {most} 个）", "Terms (one per line, at most {most})"),
    "panel_terms_file": ("或上传词语列表文件（UTF-8，每行一个）", "Or upload a list of terms (UTF-8, one per line)"),
    "panel_example": ("例如：", "For example:"),
}
