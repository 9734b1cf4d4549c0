"""The query language: ``syntax`` parses it into a ``tree`` of texts and groups with
the filters chosen, ``compile`` turns the tree into a Whoosh query, ``phrase`` matches
exact runs of characters by their positions. A request is prepared for a search
(parse → pinyin reading → filters from the URL merged) in ``indexer.search.prepare``."""
