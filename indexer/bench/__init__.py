"""``make bench``: what the engine costs, measured."""
