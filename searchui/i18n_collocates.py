"""The labels of the collocation page and of the keyness columns added beside it, in
Chinese and English (merged into ``searchui.i18n.LABELS``)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "collocates": ("搭配", "Collocates"),
    "collocates_title": ("搭配词", "Collocates"),
    "collocates_of": ("“{q}”的搭配词", "Collocates of “{q}”"),
    "collocates_intro": (
        "在查询词每次出现的左右窗口内（默认各 5 个词，按 jieba 分词；不跨段落；标点不算词）出现得比偶然更多的词。O = 窗口内次数；E = 窗口词数 × 该词在所选报告中的次数 ÷ 所选报告的词数；MI = log₂(O/E)；logDice = 14 + log₂(2O/(查询词次数 + 该词次数))；G² 为 2×2 表的对数似然比；T = (O − E)/√O。",
        "Words that occur within a window around each occurrence of the query (default 5 words each side, jieba's words; within the paragraph; punctuation is no word) more often than chance. O = count in the windows; E = window words × the word's count in the selection ÷ the selection's words; MI = log₂(O/E); logDice = 14 + log₂(2O / (node count + word count)); G² the log-likelihood of the 2×2 table; T = (O − E)/√O.",
    ),
    "node_summary": (
        "出现 {node} 次，窗口内 {window} 个词；所选 {reports} 份报告共 {words} 个词。",
        "{node} occurrences, {window} words in their windows; the {reports} reports chosen hold {words} words.",
    ),
    "window": ("窗口（每边）", "Window (each side)"),
    "unit": ("单位", "Unit"),
    "unit_expressions": ("词", "words"),
    "unit_chars": ("字", "characters"),
    "show_all_words": ("也显示地名和虚词", "Show place names and function words too"),
    "hidden_note": ("已略去地名和虚词。", "Place names and function words are left out."),
    "show_them": ("显示它们", "show them"),
    "hide_them": ("略去它们", "leave them out"),
    "all_shown_note": ("包括地名和虚词。", "Place names and function words included."),
    "diff_a_b": ("（可选）对比两组：", "(optional) compare two selections:"),
    "col_collocate": ("搭配词", "Collocate"),
    "col_freq": ("窗口内次数", "In windows"),
    "col_corpus_freq": ("总次数", "In selection"),
    "col_expected": ("期望", "Expected"),
    "col_mi": ("MI", "MI"),
    "col_logdice": ("logDice", "logDice"),
    "col_g2": ("G²", "G²"),
    "col_t": ("T 值", "T-score"),
    "sort_logdice": ("logDice", "logDice"),
    "sort_mi": ("MI", "MI"),
    "sort_g2": ("G²", "G²"),
    "sort_t": ("T 值", "T-score"),
    "sort_freq": ("次数", "frequency"),
    "links": ("链接", "Links"),
    "kwic_short": ("语境", "in context"),
    "prefers": ("偏向", "Prefers"),
    "prefers_both": ("两组都用", "both"),
    "diff_intro": (
        "每组的筛选条件加在查询的筛选条件上。“偏向”：该词在一组窗口词中所占比例显著更高（窗口次数的对数似然比 ≥ 3.84，p < 0.05）。",
        "Each selection's filters are added to the query's. “Prefers”: the word takes a significantly larger share of one side's window words (log-likelihood of the window counts ≥ 3.84, p < 0.05).",
    ),
    "scroll_hint": ("表格较宽：左右滑动查看各列。", "The table is wide: scroll sideways for every column."),
    "col_spread": ("报告/省", "reports / prov."),
    "col_dp": ("DP", "DP"),
    "col_spread_before": ("此前报告/省", "reports / prov. before"),
    "spread_before_title": (
        "此前各年（任何地方）使用它的报告数 / 省份数；DP = 其在这些报告中的 Gries 离散度（0 均匀，接近 1 集中于少数报告）",
        "Reports / provinces of earlier years (any place) using it; DP = Gries's dispersion over those reports (0 even, near 1 in few reports)",
    ),
    "col_taken_up": ("此后沿用 报告/省", "taken up: reports / prov."),
    "taken_up_title": (
        "同年及以后其他报告（任何地方，包括本地此后的报告）把它作为自己的表述使用的报告数 / 省份数",
        "Other reports of its year or later (any place, this one's later reports too) using it as one of their own expressions / their provinces",
    ),
    "spread_title": (
        "{side}：使用它的报告数 / 省份数；DP = Gries 离散度（0 均匀，接近 1 集中于少数报告）",
        "{side}: reports / provinces using it; DP = Gries's dispersion (0 even, near 1 in few reports)",
    ),
    "year_note_given": (
        "来源标为 {source_year} 年；报告作于 {given}。",
        "The source names it {source_year}; the report was given on {given}.",
    ),
    "year_note_reviews": (
        "来源标为 {source_year} 年；报告回顾的是 {reviews} 年。",
        "The source names it {source_year}; the report reviews {reviews}.",
    ),
}
