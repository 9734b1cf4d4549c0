"""Pinyin: the splitter, the corpus lexicon, reading queries, suggestions — and the
accuracy targets on 100+ corpus terms, with their pinyin written by hand (pypinyin's
own reading is wrong for some: 长三角 is changsanjiao, 河长制 hezhangzhi)."""

from __future__ import annotations

import time

import pytest

from indexer.pinyin import normalize_input, parse_input, readings
from indexer.search import SearchRequest, search, suggest
from tests.conftest import search_all

# term: its pinyin, syllables separated by spaces
TERMS = {
    "双城经济圈": "shuang cheng jing ji quan",
    "营商环境": "ying shang huan jing",
    "供给侧结构性改革": "gong ji ce jie gou xing gai ge",
    "乡村振兴": "xiang cun zhen xing",
    "脱贫攻坚": "tuo pin gong jian",
    "高质量发展": "gao zhi liang fa zhan",
    "长三角": "chang san jiao",
    "粤港澳大湾区": "yue gang ao da wan qu",
    "一带一路": "yi dai yi lu",
    "放管服": "fang guan fu",
    "碳达峰": "tan da feng",
    "碳中和": "tan zhong he",
    "数字经济": "shu zi jing ji",
    "新型城镇化": "xin xing cheng zhen hua",
    "减税降费": "jian shui jiang fei",
    "共同富裕": "gong tong fu yu",
    "生态文明": "sheng tai wen ming",
    "绿水青山": "lv shui qing shan",
    "新发展格局": "xin fa zhan ge ju",
    "新发展理念": "xin fa zhan li nian",
    "中国式现代化": "zhong guo shi xian dai hua",
    "全面建成小康社会": "quan mian jian cheng xiao kang she hui",
    "三大攻坚战": "san da gong jian zhan",
    "精准扶贫": "jing zhun fu pin",
    "自贸试验区": "zi mao shi yan qu",
    "中欧班列": "zhong ou ban lie",
    "西部陆海新通道": "xi bu lu hai xin tong dao",
    "专精特新": "zhuan jing te xin",
    "棚户区改造": "peng hu qu gai zao",
    "河长制": "he zhang zhi",
    "稳中求进": "wen zhong qiu jin",
    "京津冀": "jing jin ji",
    "长江经济带": "chang jiang jing ji dai",
    "互联网": "hu lian wang",
    "人工智能": "ren gong zhi neng",
    "新能源汽车": "xin neng yuan qi che",
    "大数据": "da shu ju",
    "科技创新": "ke ji chuang xin",
    "知识产权": "zhi shi chan quan",
    "国有企业": "guo you qi ye",
    "民营经济": "min ying jing ji",
    "中小企业": "zhong xiao qi ye",
    "小微企业": "xiao wei qi ye",
    "基础设施": "ji chu she shi",
    "污染防治": "wu ran fang zhi",
    "蓝天保卫战": "lan tian bao wei zhan",
    "食品安全": "shi pin an quan",
    "社会保障": "she hui bao zhang",
    "养老保险": "yang lao bao xian",
    "义务教育": "yi wu jiao yu",
    "职业教育": "zhi ye jiao yu",
    "公共卫生": "gong gong wei sheng",
    "疫情防控": "yi qing fang kong",
    "就业优先": "jiu ye you xian",
    "重点领域": "zhong dian ling yu",
    "重大项目": "zhong da xiang mu",
    "银行": "yin hang",
    "行业": "hang ye",
    "重庆": "chong qing",
    "成都": "cheng du",
    "合肥": "he fei",
    "蚌埠": "beng bu",
    "西安": "xi an",
    "长沙": "chang sha",
    "长春": "chang chun",
    "厦门": "xia men",
    "深圳": "shen zhen",
    "广州": "guang zhou",
    "武汉": "wu han",
    "郑州": "zheng zhou",
    "南京": "nan jing",
    "杭州": "hang zhou",
    "乌鲁木齐": "wu lu mu qi",
    "拉萨": "la sa",
    "呼和浩特": "hu he hao te",
    "银川": "yin chuan",
    "西宁": "xi ning",
    "兰州": "lan zhou",
    "贵阳": "gui yang",
    "昆明": "kun ming",
    "南宁": "nan ning",
    "海口": "hai kou",
    "福州": "fu zhou",
    "南昌": "nan chang",
    "济南": "ji nan",
    "石家庄": "shi jia zhuang",
    "太原": "tai yuan",
    "沈阳": "shen yang",
    "哈尔滨": "ha er bin",
    "安徽": "an hui",
    "四川": "si chuan",
    "黑龙江": "hei long jiang",
    "内蒙古": "nei meng gu",
    "新疆": "xin jiang",
    "西藏": "xi zang",
    "宁夏": "ning xia",
    "广西": "guang xi",
    "浙江": "zhe jiang",
    "江苏": "jiang su",
    "山东": "shan dong",
    "河南": "he nan",
    "湖北": "hu bei",
    "湖南": "hu nan",
    "江西": "jiang xi",
    "福建": "fu jian",
    "广东": "guang dong",
    "海南": "hai nan",
    "贵州": "gui zhou",
    "云南": "yun nan",
    "甘肃": "gan su",
    "青海": "qing hai",
    "吉林": "ji lin",
    "辽宁": "liao ning",
    "天津": "tian jin",
    "北京": "bei jing",
    "上海": "shang hai",
    "国务院": "guo wu yuan",
    "人民代表大会": "ren min dai biao da hui",
    "政府工作报告": "zheng fu gong zuo bao gao",
    "调整": "tiao zheng",
    "便利": "bian li",
    "率先": "shuai xian",
    "差距": "cha ju",
    "长期": "chang qi",
    "增长": "zeng zhang",
    "着力": "zhuo li",
    "传统": "chuan tong",
    "参与": "can yu",
    "重要": "zhong yao",
    "还要": "hai yao",
    "绿色": "lv se",
    "旅游": "lv you",
    "法律": "fa lv",
    "妇女": "fu nv",
}


def initials(pinyin: str) -> str:
    return "".join(s[0] for s in pinyin.split())


@pytest.fixture(scope="module")
def lexicon(corpus):
    return corpus.snapshot().lexicon


def test_every_listed_term_is_in_the_corpus_lexicon(lexicon):
    missing = [t for t in TERMS if lexicon.counts.get(t, 0) < 2]
    assert missing == []
    assert len(TERMS) >= 100


def rank_of(lexicon, term: str, typed: str) -> int | None:
    found = [s.text for s in lexicon.read(typed, limit=5)]
    return found.index(term) if term in found else None


def rate(lexicon, inputs: dict[str, str], top: int) -> tuple[float, list]:
    misses = [(t, typed) for t, typed in inputs.items() if (r := rank_of(lexicon, t, typed)) is None or r >= top]
    return 1 - len(misses) / len(inputs), misses


def test_full_pinyin_finds_the_term_first(lexicon):
    inputs = {t: p.replace(" ", "") for t, p in TERMS.items()}
    top1, misses1 = rate(lexicon, inputs, 1)
    top5, misses5 = rate(lexicon, inputs, 5)
    assert top1 >= 0.95, misses1
    assert top5 >= 0.99, misses5


def test_initials_of_longer_terms_find_the_term_in_the_top_five(lexicon):
    long_terms = {t: initials(p) for t, p in TERMS.items() if len(t) >= 3}
    top5, misses = rate(lexicon, long_terms, 5)
    assert top5 >= 0.95, misses


def test_initials_of_two_character_terms_are_measured(lexicon):
    # Two letters fit hundreds of corpus words (cq: 城区, 产权, 重庆 …): measured at 39%
    # in the top five (make bench prints it); this guards against it getting worse.
    short = {t: initials(p) for t, p in TERMS.items() if len(t) == 2}
    top5, _ = rate(lexicon, short, 5)
    assert top5 >= 0.35


def test_mixed_hanzi_and_pinyin_find_the_term(lexicon):
    inputs = {}
    for term, pinyin in TERMS.items():
        syllables = pinyin.split()
        half = max(1, len(term) // 2)
        inputs[term] = term[:half] + "".join(syllables[half:])
    top5, misses = rate(lexicon, inputs, 5)
    assert top5 >= 0.95, misses


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("shuangchengjingjiquan", "双城经济圈"),
        ("shuang cheng jing ji quan", "双城经济圈"),
        ("shuāngchéng jīngjìquān", "双城经济圈"),
        ("shuang1cheng2jing1ji4quan1", "双城经济圈"),
        ("scjjq", "双城经济圈"),
        ("双城jingjiquan", "双城经济圈"),
        ("双城jjq", "双城经济圈"),
        ("changsanjiao", "长三角"),  # polyphone: pypinyin says zhang
        ("zhangsanjiao", "长三角"),
        ("gjcjgxgg", "供给侧结构性改革"),
        ("chongqing", "重庆"),
        ("yinhang", "银行"),
        ("bengbu", "蚌埠"),
        ("xi'an", "西安"),
        ("lvse", "绿色"),
        ("lüse", "绿色"),
        ("lǜsè", "绿色"),
        ("funv", "妇女"),
        ("ＳＨＵＡＮＧＣＨＥＮＧ".lower(), "双城"),
    ],
)
def test_readings(lexicon, typed, term):
    assert lexicon.read(typed, limit=1)[0].text == term


def test_apostrophe_settles_an_ambiguous_split(lexicon):
    assert lexicon.read("xi'an", limit=1)[0].text == "西安"
    assert lexicon.read("xian", limit=1)[0].text != "西安"  # xian alone: 现 (a single syllable first)
    assert (
        "西安" in [s.text for s in lexicon.read("xian", limit=10)] or lexicon.read("xi an", limit=1)[0].text == "西安"
    )


def test_ambiguous_splits_are_all_considered():
    splits = {" ".join(u.text for u in units) for units in parse_input("xinxianquan")}
    assert {"xin xi an quan", "xin xian quan"} <= splits


def test_normalize_input():
    assert normalize_input("Shuāng1 Chéng2") == "shuang cheng"
    assert normalize_input("lü nǚ") == "lv nv"
    assert readings("长") == ("zhang", "chang")


@pytest.mark.parametrize(
    "typed", ["a" * 1000, "xq" * 300, "zzzz", "xq", "12345", "shuang7cheng9", "双城!!jing??", "", "   ", "'''"]
)
def test_bad_input_is_answered_fast_and_never_fails(lexicon, typed):
    started = time.perf_counter()
    result = lexicon.read(typed, limit=10, prefix=True)
    assert isinstance(result, list)
    assert time.perf_counter() - started < 2.0  # not a benchmark: a guard against combinatorial explosion


def test_queries_are_read_as_pinyin_and_say_so(corpus):
    truth = search(corpus, SearchRequest("双城经济圈"))
    for typed in ("shuangchengjingjiquan", "shuang cheng jing ji quan", "scjjq", "双城jingjiquan"):
        result = search(corpus, SearchRequest(typed))
        assert result["interpreted_query"] == "双城经济圈"
        assert result["total"] == truth["total"]
        (reading,) = result["pinyin"]
        assert reading["as_pinyin"] and reading["read_as"] == "双城经济圈" and reading["typed"] == typed


def test_literal_search_keeps_the_latin_text(corpus):
    result = search(corpus, SearchRequest("shuangchengjingjiquan", literal=True))
    assert result["pinyin"] == [] and result["total"] == 0


@pytest.mark.parametrize(
    "english", ["poverty", "reform", "Chengdu-Chongqing", "twin-city economic circle", '"chengdu"', "Chengdu"]
)
def test_english_is_not_mistaken_for_pinyin(corpus, english):
    result = search(corpus, SearchRequest(english))
    assert not any(r["as_pinyin"] for r in result["pinyin"])
    assert result["interpreted_query"] == english


def test_a_word_that_is_both_takes_the_reading_with_more_hits(corpus):
    result = search(corpus, SearchRequest("men"))
    (reading,) = result["pinyin"]
    english = corpus.snapshot().english_hits("men")
    if reading["as_pinyin"]:
        assert corpus.snapshot().lexicon.counts[reading["read_as"]] >= english
    else:
        assert english > 0 and reading["alternatives"]


def test_pinyin_inside_a_larger_query(corpus, all_paragraphs):
    _, found = search_all(corpus, "yingshanghuanjing province:jilin")
    _, expected = search_all(corpus, "营商环境 province:吉林")
    assert found == expected and found


def test_suggest_prefixes_initials_hanzi_and_mixed(corpus):
    for typed in ("shuangch", "scj", "双城", "双chengjing", "shuang cheng ji"):
        result = suggest(corpus, typed)
        texts = [s["text"] for s in result["suggestions"]]
        assert result["query"] == typed and 0 < len(texts) <= 10
        assert "双城经济圈" in texts or "双城" in texts, (typed, texts)
        assert all(set(s) == {"text", "pinyin", "count"} for s in result["suggestions"])
    assert suggest(corpus, "a" * 1000)["suggestions"] == []
    assert suggest(corpus, "poverty")["suggestions"] == []
