"""The analysis chain: offsets, positions and flags honoured like Whoosh's own
tokenizers; one normalisation for index and query."""

from __future__ import annotations

import pickle
import random
import re
import unicodedata

from indexer.analysis import (
    GramTokenizer,
    WordTokenizer,
    exact_analyzer,
    exact_terms,
    normalize,
    word_analyzer,
    word_terms,
)
from indexer.analysis.normalize import _CLUSTER, _COMBINING, _by_character, _fold_table

SAMPLE = "推动成渝地区双城经济圈建设，Twin-City Economic Circles：２０２０年增长７.５％。國務院㈠ PM2.5"


def _folded(text: str) -> str:
    return re.sub(r"[\W_]", "", normalize(text).text)


def test_exact_token_offsets_point_at_the_original_text():
    # Whoosh reuses one Token object: copy what each one says as it goes by.
    tokens = [(t.text, t.startchar, t.endchar) for t in exact_analyzer()(SAMPLE, positions=True, chars=True)]
    assert len(tokens) > 25
    for text, start, end in tokens:
        assert _folded(SAMPLE[start:end]) == text.replace(".", "")


def test_word_token_offsets_point_at_the_original_text():
    # Stemming changes a word's text (city → citi): the unstemmed original must be
    # exactly the characters between its offsets, start and end.
    analyzer = word_analyzer()
    tokens = [(t.original, t.startchar, t.endchar) for t in analyzer(SAMPLE, chars=True, keeporiginal=True)]
    assert len(tokens) > 15
    assert [t.text for t in analyzer(SAMPLE)] != [original for original, _, _ in tokens]  # stemming did change some
    for original, start, end in tokens:
        assert _folded(SAMPLE[start:end]) == original.replace(".", "")


def test_joining_the_pieces_gives_back_the_text():
    """Word tokens tile the text: between two tokens there is only punctuation or space."""
    spans = [(t.startchar, t.endchar) for t in WordTokenizer()(SAMPLE, chars=True)]
    cursor = 0
    for start, end in spans:
        assert start >= cursor
        gap = SAMPLE[cursor:start]
        assert not any(c.isalnum() for c in normalize(gap).text), gap
        cursor = end
    assert not any(c.isalnum() for c in SAMPLE[cursor:])


def test_start_pos_and_start_char_shift_every_token():
    plain = [(t.pos, t.startchar) for t in GramTokenizer()("双城经济", positions=True, chars=True)]
    shifted = [
        (t.pos, t.startchar)
        for t in GramTokenizer()("双城经济", positions=True, chars=True, start_pos=10, start_char=100)
    ]
    assert shifted == [(p + 10, c + 100) for p, c in plain]


def test_tokenize_false_yields_the_normalised_value():
    tokens = [t.text for t in GramTokenizer()("國務院 ABC", tokenize=False)]
    assert tokens == ["国务院 abc"]


def test_index_mode_puts_bigrams_and_run_boundaries_at_one_position_per_character():
    tokens = [(t.text, t.pos) for t in GramTokenizer()("经济圈 ab 渝", positions=True)]
    assert tokens == [("经", 0), ("经济", 0), ("济圈", 1), ("圈", 2), ("ab", 3), ("渝", 4)]


def _token_positions(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for token in GramTokenizer()(text, positions=True):
        found.setdefault(token.text, []).append(token.pos)
    return found


def test_the_exact_fields_positions_are_its_tokens_positions(all_paragraphs):
    # GramTokenizer.positions (the bulk writer's postings) must say what its tokens say,
    # term by term: one-character runs, words, "+", decimals, runs at either end.
    texts = [
        SAMPLE,
        "渝",
        "经济圈 ab 渝",
        "a",
        "人工智能+行动",
        "7.5万亿元",
        "经+济",
        "",
        "，",
        "乡村振兴。5G 基站、渝",
    ]
    texts += [p["text"] for p in all_paragraphs[::7]]
    for text in texts:
        assert GramTokenizer().positions(text) == _token_positions(text), repr(text)


def test_query_mode_uses_bigrams_and_keeps_positions_consecutive():
    assert exact_terms("双城经济圈") == ["双城", "城经", "经济", "济圈"]
    assert exact_terms("渝") == ["渝"]
    assert exact_terms("经济2020") == ["经济", "济", "2020"]
    assert exact_terms("2020年") == ["2020", "年"]


def test_normalisation_folds_width_script_and_case():
    assert normalize("ＰＭ２．５　國務院 ABC").text == "pm2.5 国务院 abc"
    assert exact_terms("國務院") == exact_terms("国务院")
    assert word_terms("國務院") == word_terms("国务院")


def test_normalisation_keeps_a_map_when_lengths_change():
    norm = normalize("㈠改革")  # ㈠ → (一): three characters from one
    assert norm.text == "(一)改革"
    assert norm.original_span(1, 2) == (0, 1)
    assert norm.original_span(3, 5) == (1, 3)


def test_words_are_stemmed_and_stop_words_dropped_for_ranking():
    assert word_terms("the Economic Circles") == ["econom", "circl"]
    assert word_terms("优化营商环境") == ["优化", "营商环境"]
    assert "双城经济圈" in word_terms("推动双城经济圈建设")  # from the policy-term dictionary


def test_analyzers_pickle_and_compare_equal():
    for analyzer in (word_analyzer(), exact_analyzer()):
        clone = pickle.loads(pickle.dumps(analyzer))
        assert [t.text for t in clone(SAMPLE)] == [t.text for t in analyzer(SAMPLE)]
        assert clone == analyzer


def test_combining_marks_stay_with_their_letter():
    decomposed, composed = "cafe\u0301 policy", "café policy"
    assert exact_terms(decomposed) == exact_terms(composed)
    norm = normalize(decomposed)
    assert norm.original_span(0, 4) == (0, 5)  # é covers e and its accent


def test_a_decimal_is_a_phrase_of_its_digits():
    assert exact_terms("7.5") == ["7", "5"]


def _by_nfkc(text: str) -> str:
    """Normalisation as specified: NFKC on the whole text, then the simplified folds, then
    lower case; a text with combining marks, or that changes length, cluster by cluster."""
    folded = _nfkc_folded(text)
    if len(folded) == len(text) and not _COMBINING.search(text):
        return folded
    return "".join(_nfkc_folded(cluster) for cluster in _CLUSTER.findall(text))


def _nfkc_folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_fold_table()).lower()


def test_normalisation_character_by_character_equals_nfkc_on_the_whole_text(all_paragraphs):
    # normalize() folds most paragraphs one character at a time through a table: for
    # every paragraph of the test corpus, every character and random strings of every
    # kind of character, the result must be what NFKC and the folds give the whole text
    # (or each cluster of a character and its combining marks).
    texts = [p["text"] for p in all_paragraphs]
    texts += [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    rng = random.Random(12)
    alphabet = [
        chr(c) for c in (*range(0x20, 0x250), *range(0x2000, 0x3100), *range(0x4E00, 0x4F00), *range(0xF900, 0xFFEF))
    ]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(2, 30))) for _ in range(20_000)]
    for text in texts:
        normalised = normalize(text)
        assert normalised.text == _by_nfkc(text), repr(text)
        if normalised.starts is None:
            assert len(normalised.text) == len(text), repr(text)
    simple, _, _ = _by_character()  # the table's way is the one most paragraphs take
    assert sum(bool(simple.fullmatch(p["text"])) for p in all_paragraphs) > 0.9 * len(all_paragraphs)
