"""``AndMaybe`` whose optional part counts wherever it matches.

Whoosh's ``AndMaybeMatcher.skip_to(id)`` moves the optional matcher to ``id``, not
to where the required one landed; inside an intersection (``乡村振兴 脱贫攻坚``: each
word's exact phrase AND-ed, each with its jieba words as the optional part) the
required matcher often lands past ``id``, the two then disagree and the optional
score is dropped for that paragraph. Here it follows the required matcher.
"""

from __future__ import annotations

from whoosh import matching
from whoosh import query as wq


class FollowingAndMaybeMatcher(matching.AndMaybeMatcher):
    def skip_to(self, id):
        if not self.a.is_active():
            raise matching.ReadTooFar
        moved_a = self.a.skip_to(id)
        moved_b = False
        if self.a.is_active() and self.b.is_active():
            moved_b = self.b.skip_to(self.a.id())
        return moved_a or moved_b


class AndMaybe(wq.AndMaybe):
    """Results of ``a``; the score of ``b`` is added where ``b`` matches too."""

    matcherclass = FollowingAndMaybeMatcher
