"""The index: ``schema`` (one Whoosh record per paragraph, a column per facet),
``inputs`` (the files a build reads), ``build`` (incremental, atomic builds) and
``store`` (immutable generations behind an atomic CURRENT pointer)."""
