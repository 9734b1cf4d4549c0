"""Ingestion: input files → documents with metadata and numbered paragraphs.

``readers/`` (one module per format) → ``clean`` → ``split`` (collections into
reports) → ``datelines`` → ``metadata`` (with ``headings``) → ``paragraphs``;
``documents`` ties them together per file, ``manifest`` applies a folder's
overrides, ``doc_ids`` names the documents.
"""
