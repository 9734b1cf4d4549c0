"""Exports for the researcher's toolchain, each feature's routes in its own module on the
one blueprint: the panel for Stata and R, citations for Zotero, Atom feeds of searches.
(They move to ``searchui/views/`` when the routes are split into that package.)"""

from searchui.exports import cite, feeds, panel

__all__ = ["cite", "feeds", "panel"]
