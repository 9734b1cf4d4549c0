"""Renderers: the engine's results (data) as JSON, CSV, plain text and HTML marks.
Only here do matches become ``<mark>``, document ids become URLs and values become
cells."""
