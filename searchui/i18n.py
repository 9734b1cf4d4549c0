"""Every label of the UI in Chinese and English. The facets' own labels (their
titles and values: provinces, languages …) are declared with them, in
``indexer.facets``; the engine's notices and errors in ``indexer.messages``."""

from __future__ import annotations

from collections.abc import Mapping

from indexer import facets
from indexer.messages import Message
from searchui.i18n_collocates import LABELS as COLLOCATE_LABELS
from searchui.i18n_exports import EXPORT_LABELS
from searchui.i18n_research import RESEARCH_LABELS
from searchui.i18n_targets import TARGET_LABELS

LANGUAGES = tuple(facets.LANGUAGES)  # the interface speaks the languages of the documents

LABELS: dict[str, tuple[str, str]] = {
    "site": ("政策文件检索", "Policy Search"),
    "tagline": ("政府工作报告与政策文件全文检索", "Full-text search of government work reports and policy documents"),
    "search": ("搜索", "Search"),
    "placeholder": ("输入词语，如 双城经济圈", "Type a phrase, e.g. 双城经济圈"),
    "syntax": (
        '汉字连续匹配；"引号" 精确短语；空格 = 同时包含；OR 任一；-排除；province:四川（或 省份:四川）year:2020 lang:en',
        'Chinese runs match exactly; "quotes" for a phrase; space = AND; OR; -exclude; province:四川 year:2020 lang:en',
    ),
    "examples": ("试试：", "Try:"),
    "results": ("{total} 个段落，{docs} 份报告", "{total} paragraphs in {docs} reports"),
    "took": ("用时 {ms} 毫秒", "{ms} ms"),
    "sort": ("排序", "Sort"),
    "apply": ("确定", "Apply"),
    "more_values": ("还有 {n} 项", "{n} more"),
    "sort_relevance": ("相关度", "Relevance"),
    "sort_year": ("年份（新→旧）", "Year (newest)"),
    "filters": ("筛选", "Filters"),
    "clear_all": ("清除全部", "Clear all"),
    "remove": ("移除", "Remove"),
    "more_in_report": ("本报告还有 {n} 处匹配段落", "{n} more matching paragraphs in this report"),
    "matches_in_report": ("{n} 个匹配段落", "{n} matching paragraphs"),
    "paragraph": ("第 {n} 段", "¶ {n}"),
    "open": ("查看原文", "Open in report"),
    "no_results": ("没有找到与 {q} 相关的段落。", "No paragraphs match {q}."),
    "suggest_title": ("可以试试：", "You could:"),
    "suggest_shorter": ("用更短的词，或用空格分开词语", "use a shorter phrase, or separate words with spaces"),
    "suggest_filters": ("去掉筛选条件", "remove the filters"),
    "suggest_check": ("检查错别字或繁简体", "check the spelling"),
    "chart_province": ("各省匹配段落数", "Matching paragraphs by province"),
    "chart_province_top": ("匹配段落最多的 {n} 个省份", "The {n} provinces with most matching paragraphs"),
    "chart_year": ("各年匹配段落数", "Matching paragraphs by year"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "page_of": ("第 {page} / {pages} 页", "Page {page} of {pages}"),
    "empty_page": ("这一页没有结果。", "There are no results on this page."),
    "first_page": ("回到第一页", "Back to the first page"),
    "notice": ("提示", "Note"),
    "filter_no_match": (
        "加上筛选条件“{filter}”后没有匹配的段落；点击下面的条件可以去掉它。",
        "Nothing matches with the filter “{filter}”: click it below to remove it.",
    ),
    "no_matches": ("（无匹配）", "(no matches)"),
    "date": ("日期", "Date"),
    "source": ("来源", "Source"),
    "outline": ("目录", "Contents"),
    "permalink": ("段落链接", "Link to this paragraph"),
    "prev_match": ("上一处", "Previous"),
    "next_match": ("下一处", "Next"),
    "doc_matches": ("{n} 个段落含有 {q}", "{n} paragraphs contain {q}"),
    "doc_no_matches": ("本报告没有段落含有 {q}", "No paragraph of this report contains {q}"),
    "back_to_results": ("返回搜索结果", "Back to results"),
    "paragraphs": ("{n} 段", "{n} paragraphs"),
    "all_documents": ("全部文件", "All documents"),
    "in_index": (
        "已收录 {documents} 份文件：{provinces} 个省级单位、{cities} 个城市，{first}—{last} 年；更新于 {built}。",
        "The index holds {documents} documents: {provinces} provinces and {cities} cities, {first}–{last}; built {built}.",
    ),
    "browse": ("按地区和年份浏览", "Browse by place and year"),
    "place": ("地区", "Place"),
    "title": ("标题", "Title"),
    "length": ("篇幅", "Length"),
    "all_levels": ("全国和各省", "Nation and provinces"),
    "cities_of": ("{province}及其城市", "{province} and its cities"),
    "all_cities": ("全部城市", "All cities"),
    "choose_place": (
        "选择一个省份，列出它和它的城市的全部报告。",
        "Choose a province to list its reports and its cities' reports.",
    ),
    "report_count": ("{n} 份", "{n}"),
    "source_credit": (
        "文本来自 lawtext/gov（省市政府工作报告、五年规划）与维基文库（国务院政府工作报告）；官方文件不受著作权法保护（著作权法第五条）。",
        "Texts from lawtext/gov (provincial and city work reports, five-year plans) and Wikisource (State Council "
        "reports); official documents are not protected by copyright in China (Copyright Law, art. 5).",
    ),
    "documents_count": ("共 {n} 份文件", "{n} documents"),
    "showing_for": ("显示 {term} 的结果", "Showing results for {term}"),
    "read_as_pinyin": ("（把 {typed} 当作拼音）", "({typed} read as pinyin)"),
    "other_readings": ("其他读法：", "Other readings:"),
    "search_literally": ("仍然搜索 {typed}", "Search for {typed} instead"),
    "did_you_mean": ("拼音 {typed} 也可能是：", "As pinyin, {typed} could be:"),
    "suggestions": ("建议", "Suggestions"),
    "switch_language": ("English", "中文"),
    "error": ("出错了", "Something went wrong"),
    "bad_request": ("无法理解这个请求", "This request could not be read"),
    "not_found": ("找不到该页面", "Not found"),
    "unavailable": ("暂时无法检索", "Search is unavailable"),
    "home": ("返回首页", "Back to the start page"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "kwic": ("语境索引", "Concordance"),
    "kwic_total": ("{n} 处", "{n} occurrences"),
    "kwic_sort_left": ("按左侧", "left context"),
    "kwic_sort_right": ("按右侧", "right context"),
    "kwic_sort_year": ("按年份", "year"),
    "kwic_sort_province": ("按省份", "province"),
    "kwic_left": ("左侧", "Left"),
    "kwic_match": ("检索词", "Match"),
    "kwic_right": ("右侧", "Right"),
    "kwic_source": ("出处", "Source"),
    "api": ("API", "API"),
    "skip_to_main": ("跳到主要内容", "Skip to main content"),
    "skip_to_results": ("跳到搜索结果", "Skip to results"),
    "results_for": ("“{q}”的搜索结果", "Search results for “{q}”"),
    "suggestions_count": ("{n} 条建议，用 ↑ ↓ 选择，回车搜索", "{n} suggestions: ↑ ↓ to choose, Enter to search"),
    "chart_table": ("以表格查看", "Show as a table"),
    "count_paragraphs": ("段落数", "Paragraphs"),
    "cite": ("引用", "Cite"),
    "cite_paragraph": ("引用第 {n} 段", "Cite paragraph {n}"),
    "cite_loading": ("正在生成引文…", "Preparing the citation…"),
    "cite_gbt7714": ("GB/T 7714", "GB/T 7714"),
    "cite_english": ("英文格式", "English style"),
    "cite_permalink": ("段落链接", "Permalink"),
    "copy": ("复制", "Copy"),
    "cite_copied": ("已复制{what}", "{what} copied"),
    "cite_selected": ("引文已选中，按 Ctrl+C 复制", "Selected: press Ctrl+C to copy"),
    "cite_failed": ("无法生成引文，请稍后再试。", "The citation could not be prepared; please try again."),
    "page_url": ("本页网址：", "This page: "),
    # new expressions and keyness (issue 12)
    "tab_text": ("全文", "Full text"),
    "tab_new": ("新提法", "New expressions"),
    "report_views": ("报告视图", "Views of the report"),
    "compare_with": ("比较范围", "Compare with"),
    "compare_n": ("此前 {n} 份", "{n} earlier"),
    "compare_all": ("此前全部", "all earlier"),
    "compared_with": ("比较对象：", "Compared with: "),
    "no_earlier": (
        "索引中没有该地区更早的同类报告，无从比较。",
        "The index holds no earlier report of this kind for this place: there is nothing to compare with.",
    ),
    "new_heading": ("新出现的表述（{n}）", "New expressions ({n})"),
    "new_intro": (
        "本报告作为一个整体使用、而所比较的报告一次也没有出现过的表述（以短语检索核对）：用了两次或加了引号的词语和短语，以及只用一次但在全库中作为固定表述出现的（如列举中的一项）。按关键性排序：对数似然比，相对于此前各年所有地区的全部报告；“此后沿用”：同年及以后把它作为自己表述的其他报告数 / 省份数；“首次”表示此前任何报告都未出现。",
        "Expressions this report uses as one unit that none of the compared reports has at all (as the phrase search finds them): words and phrases used twice or in quotes, and those used once that the corpus knows as an expression (an item of a list, say). Most key first: log-likelihood against every report of earlier years, any place; “taken up”: the other reports of its year or later that use it as one of their own expressions, and their provinces; “first” means no earlier report anywhere has it.",
    ),
    "dropped_heading": ("不再提及（{n}）", "Dropped since the previous report ({n})"),
    "dropped_intro": (
        "上一份报告（{year}）至少用了两次、本报告一次也没有用的表述。",
        "Expressions the previous report ({year}) used at least twice that this one never uses.",
    ),
    "none_found": ("没有。", "None."),
    "show_all": ("显示全部 {n} 项", "Show all {n}"),
    "col_term": ("表述", "Expression"),
    "col_count": ("次数", "Count"),
    "col_count_before": ("上一份报告中次数", "Count in the previous report"),
    "col_keyness": ("对数似然比", "Log-likelihood"),
    "col_log_ratio": ("对数比", "Log ratio"),
    "col_paragraphs": ("段落", "Paragraphs"),
    "col_first": ("全库首次", "New anywhere"),
    "first_anywhere": ("首次", "first"),
    "used_before": ("用过", "used"),
    "new_year": ("年度新提法", "New expressions by year"),
    "new_year_title": ("{year} 年新提法", "New expressions of {year}"),
    "new_year_intro": (
        "首次使用的规则：一个地区首次使用某表述，是指该地区按年份排列的政府工作报告中第一份出现该表述（哪怕只出现一次）的报告——与趋势页和单份报告的新提法同一定义。下列表述在 {year} 年的{level}政府工作报告中首次使用，且该报告把它作为一个整体使用，至少 {n} 个地区如此；按地区数排序。“首次”表示此前任何地区的报告都未出现。",
        "The rule of first use: a place first uses an expression in the first of its work reports, by year, in which the expression occurs at all (once is enough) — the same rule as the trend and a report's new expressions. Listed: the expressions that {level} work reports of {year} use for the first time, as one unit, in at least {n} places, by how many. “First” means no earlier report anywhere has them.",
    ),
    "year_compared": ("比较了 {n} 份报告。", "{n} reports compared."),
    "year_without_earlier": (
        "{m} 份在索引中没有更早的报告可比：",
        "{m} have no earlier report in the index to compare with: ",
    ),
    "col_places": ("地区数", "Places"),
    "col_links": ("趋势与语境", "Trend and concordance"),
    "trend_link": ("趋势", "trend"),
    "kwic_link": ("语境", "concordance"),
    "level_national": ("全国", "national"),
    "level_provincial": ("省级", "provincial"),
    "level_city": ("市级", "city"),
    "level_choice": ("层级", "Level"),
    "col_reports": ("首次使用的报告", "Reports using it first"),
    "show": ("显示", "Show"),
    "compare": ("对比", "Compare"),
    "compare_title": ("对比两组报告", "Compare two selections of reports"),
    "compare_intro": (
        "每组用筛选条件选出报告，如 province:广东 year:2020-2024 level:city。列出一组比另一组显著多用（对数似然比 ≥ 15.13，p < 0.0001）且至少出现“最少次数”次的表述；对数比 = 两组每万字频率之比的以 2 为底的对数。",
        "Each selection is a set of filters, e.g. province:广东 year:2020-2024 level:city. Listed: the expressions one selection uses significantly more than the other (log-likelihood ≥ 15.13, p < 0.0001) at least “minimum count” times; log ratio = log₂ of the ratio of the rates per 10,000 characters.",
    ),
    "selection_a": ("A 组", "Selection A"),
    "selection_b": ("B 组", "Selection B"),
    "min_count": ("最少次数", "Minimum count"),
    "side_summary": ("{reports} 份报告，{chars} 字", "{reports} reports, {chars} characters"),
    "key_in": ("{side} 多用（{n}）", "Key in {side} ({n})"),
    "count_in": ("{side} 次数", "Count in {side}"),
    "rate_in": ("{side} 每万字", "{side} per 10k"),
    **TARGET_LABELS,
    **COLLOCATE_LABELS,
    **EXPORT_LABELS,
    **RESEARCH_LABELS,
}


def ui_language(args: Mapping[str, str]) -> str:
    """The interface language a page is asked for (``ui``): Chinese unless ``ui=en``."""
    ui = args.get("ui", "zh")
    return ui if ui in LANGUAGES else "zh"


def api_language(args: Mapping[str, str]) -> str:
    """The language of the API's messages: ``ui`` when given, else English (what the
    API has always spoken; ``lang`` is a filter, the documents' language)."""
    ui = args.get("ui", "en")
    return ui if ui in LANGUAGES else "en"


def say(message: Message, ui: str) -> str:
    """An engine notice or error in the interface language."""
    return message.text(ui)


def label(key: str, ui: str, **values) -> str:
    zh, en = LABELS[key]
    text = en if ui == "en" else zh
    return text.format(**values) if values else text
