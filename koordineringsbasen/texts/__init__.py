"""The source texts: reading them, anchoring citations in them, and bringing new ones in."""
