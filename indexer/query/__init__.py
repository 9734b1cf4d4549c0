"""Queries: ``syntax`` parses the query language into a tree and filter selections,
``prepare`` is the one step every view runs (parse → pinyin reading → filters from
the URL merged), ``compile`` turns the tree into a Whoosh query, ``phrase`` matches
exact runs of characters by their positions."""
