"""The analysis chain: offsets, positions and flags honoured like Whoosh's own
tokenizers; one normalisation for index and query."""

from __future__ import annotations

import pickle
import re

from indexer.analysis import (
    GramTokenizer,
    WordTokenizer,
    exact_analyzer,
    exact_terms,
    normalize,
    word_analyzer,
    word_terms,
)

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
