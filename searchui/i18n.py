"""Every label of the UI in Chinese and English. The facets' own labels (their
titles and values: provinces, languages …) are declared with them, in
``indexer.facets``."""

from __future__ import annotations

from indexer import facets

LANGUAGES = tuple(facets.LANGUAGES)  # the interface speaks the languages of the documents

LABELS: dict[str, tuple[str, str]] = {
    "site": ("政策文件检索", "Policy Search"),
    "tagline": ("政府工作报告与政策文件全文检索", "Full-text search of government work reports and policy documents"),
    "search": ("搜索", "Search"),
    "placeholder": ("输入词语，如 双城经济圈", "Type a phrase, e.g. 双城经济圈"),
    "syntax": (
        '汉字连续匹配；"引号" 精确短语；空格 = 同时包含；OR 任一；-排除；province:四川 year:2020 lang:en',
        'Chinese runs match exactly; "quotes" for a phrase; space = AND; OR; -exclude; province:四川 year:2020 lang:en',
    ),
    "examples": ("试试：", "Try:"),
    "results": ("{total} 个段落，{docs} 份报告", "{total} paragraphs in {docs} reports"),
    "took": ("用时 {ms} 毫秒", "{ms} ms"),
    "sort": ("排序", "Sort"),
    "year_from": ("从", "From"),
    "year_to": ("到", "to"),
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
        "Choose a province to list its reports and its cities'.",
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
}


def label(key: str, ui: str, **values) -> str:
    zh, en = LABELS[key]
    text = en if ui == "en" else zh
    return text.format(**values) if values else text
