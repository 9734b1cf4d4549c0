"""Pinyin as users type it, read into vocabulary that really occurs in the corpus.

``syllables`` splits typed Latin text into syllables and initials; ``lexicon`` is
the corpus vocabulary (built with every index) looked up by initials; ``reading``
rewrites the Latin words of a parsed query into the Chinese terms they stand for;
``accuracy`` measures it on hand-checked terms.
"""
