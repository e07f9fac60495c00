"""Commands that edit the data files for a contributor (anchors, re-anchoring)."""
