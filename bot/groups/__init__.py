"""The 24 signatory groups: where each is, per server, and which are near a place."""
