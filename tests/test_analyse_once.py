"""Each paragraph is analysed once (``indexer.index.analyse``): the words and title
fields are handed to Whoosh already analysed, and the bulk writer makes the exact
field's postings itself (``GramTokenizer.positions``). The index must be the one
Whoosh's own analysis of the same texts makes: the same terms with the same
frequencies (exact: positions) in every paragraph, the same field lengths; and the words saved for the collocations are the
words field's analysis of the paragraph's text (a "+", a token for the phrase search, no word)."""

from __future__ import annotations

import shutil

import pytest
from whoosh import index as whoosh_index

import indexer.index.build as build_module
from indexer.analysis import WordTokenizer
from indexer.index import store
from indexer.index.build import build
from indexer.index.schema import make_schema
from indexer.index.tokens import Tokens

FIELDS = ("words", "title", "exact")  # exact: the bulk writer's own postings (``GramTokenizer.positions``)


@pytest.fixture(scope="module")
def built(test_corpus, tmp_path_factory):
    """The sample's plain-text reports, built with the analysis in worker processes."""
    folder = tmp_path_factory.mktemp("seeds")
    shutil.copytree(test_corpus / "seeds", folder / "seeds")
    root = folder / "index"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "PARALLEL_BYTES", 0)
        build([folder / "seeds"], root, progress=False)
    return store.current_generation(root)


def postings(reader, key_of) -> dict:
    """(field, term) -> {(doc_id, paragraph): frequency (exact: positions)}, and every
    paragraph's field lengths."""
    found: dict = {}
    for field in FIELDS:
        for term in reader.lexicon(field):
            matcher = reader.postings(field, term)
            kind = "positions" if field == "exact" else "frequency"
            found[(field, term)] = {key_of[d]: f for d, f in matcher.items_as(kind) if d in key_of}
    lengths = {(field, key): reader.doc_field_length(d, field, 0) for d, key in key_of.items() for field in FIELDS}
    return {k: v for k, v in found.items() if v}, lengths


def test_the_pre_analysed_fields_are_whooshs_own_analysis(built, tmp_path):
    ours = whoosh_index.open_dir(str(built))
    stock = whoosh_index.create_in(str(tmp_path), make_schema())
    writer = stock.writer()
    with ours.searcher() as searcher:
        reader = searcher.reader()
        key_of = {docnum: (fields["doc_id"], fields["paragraph"]) for docnum, fields in reader.iter_docs()}
        state = store.read_state(built)
        titles = {d["doc_id"]: d.get("title") for s in state["sources"].values() for d in s["documents"]}
        for _, fields in reader.iter_docs():  # the texts as strings: Whoosh's analyzers run
            text, doc_id = fields["text"], fields["doc_id"]
            writer.add_document(
                doc_id=doc_id, paragraph=fields["paragraph"], title=titles[doc_id], words=text, exact=text, text=text
            )
        writer.commit()
        with stock.searcher() as stock_searcher:
            stock_reader = stock_searcher.reader()
            stock_keys = {d: (f["doc_id"], f["paragraph"]) for d, f in stock_reader.iter_docs()}
            expected_postings, expected_lengths = postings(stock_reader, stock_keys)
        got_postings, got_lengths = postings(reader, key_of)
    assert len(key_of) > 2000
    assert got_lengths == expected_lengths
    assert got_postings == expected_postings


def test_the_saved_words_are_the_word_analysis_of_each_paragraph(built):
    tokens = Tokens.load(built)
    assert tokens is not None
    vocabulary = tokens.vocabulary.tolist()
    ix = whoosh_index.open_dir(str(built))
    with ix.searcher() as searcher:
        checked = 0
        for docnum, fields in searcher.reader().iter_docs():
            text = fields["text"]
            tokens_ = WordTokenizer()(text, chars=True)
            expected = [(t.text, t.startchar, t.endchar) for t in tokens_ if t.text != "+"]  # "+": no word
            span = slice(int(tokens.offsets[docnum]), int(tokens.offsets[docnum + 1]))
            base = int(tokens.bases[docnum])
            got = [
                (vocabulary[k], s - base, s - base + n)
                for k, s, n in zip(
                    tokens.ids[span].tolist(), tokens.starts[span].tolist(), tokens.lengths[span].tolist(), strict=True
                )
            ]
            assert got == expected, fields["doc_id"]
            checked += 1
    assert checked > 2000
