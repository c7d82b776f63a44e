"""The mistake catalog: candidates (base.py), the rule modules (textbook, misrules, gates, concepts), the
catalog of one (OUT, NAME) pair (walk.py) and its per-problem precompute (prepared.py)."""
