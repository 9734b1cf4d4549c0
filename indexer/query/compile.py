"""A parsed query → the Whoosh query that finds and scores its paragraphs (filters
are applied by the search, from the facet columns).

For each Chinese run the exact bigram phrase is required and the jieba words and
the title add to the score; an unquoted English word is matched by its stem; words
typed next to each other rank higher when they stand next to each other.
"""

from __future__ import annotations

from whoosh import query as wq

from indexer.analysis import exact_terms, has_cjk, is_cjk, word_terms
from indexer.query.maybe import AndMaybe
from indexer.query.phrase import ExactPhrase
from indexer.query.tree import Any, Node, Not, ParsedQuery, Text

TITLE_BOOST = 3.0
ADJACENCY_BOOST = 2.0


def build_query(parsed: ParsedQuery) -> wq.Query:
    """The Whoosh query for the text part (filters are applied by the search)."""
    if parsed.root is None:
        return wq.Every()
    if isinstance(parsed.root, Not):
        return wq.And([wq.Every(), to_whoosh(parsed.root)])
    return to_whoosh(parsed.root)


def to_whoosh(node: Node) -> wq.Query:
    if isinstance(node, Text):
        return _text_query(node)
    if isinstance(node, Not):
        return wq.Not(to_whoosh(node.child))
    # A word with nothing to search for (a stop word, a lone dash) is left out, not required.
    children = [q for q in (to_whoosh(child) for child in node.children) if q is not wq.NullQuery]
    if not children:
        return wq.NullQuery
    if isinstance(node, Any):
        return wq.Or(children)
    if all(isinstance(child, wq.Not) for child in children):
        children.insert(0, wq.Every())
    combined = wq.And(children)
    loose = [c.text for c in node.children if isinstance(c, Text) and _is_single_word(c)]
    if len(loose) >= 2:  # words typed next to each other rank higher when adjacent in the text
        adjacency = ExactPhrase("exact", [t for w in loose for t in exact_terms(w)], boost=ADJACENCY_BOOST)
        return AndMaybe(combined, adjacency)
    return combined


def _is_single_word(node: Text, exact: list[str] | None = None) -> bool:
    """An unquoted Latin word: matched by stem in the word field, not as a phrase."""
    exact = exact_terms(node.text) if exact is None else exact
    return not node.quoted and not has_cjk(node.text) and len(exact) == 1


def _text_query(node: Text) -> wq.Query:
    exact = exact_terms(node.text)
    words = word_terms(node.text)
    single = _is_single_word(node, exact)
    titles = [wq.Term("title", w, boost=TITLE_BOOST) for w in words]
    if not exact or (single and not words):
        return wq.NullQuery  # punctuation only, or an English stop word
    if single:
        required: wq.Query = wq.Term("words", words[0])
        ranking = titles  # the word itself already scores
    else:
        if len(exact) == 1 and len(exact[0]) == 1 and is_cjk(exact[0]):
            required = wq.Prefix("exact", exact[0], constantscore=False)  # unigram and bigrams it starts, each scored
        elif len(exact) == 1:
            required = wq.Term("exact", exact[0])
        else:
            required = ExactPhrase("exact", exact)
        ranking = [wq.Term("words", w) for w in words] + titles
    return AndMaybe(required, wq.Or(ranking)) if ranking else required
