"""Campaigns: the acts the statement asks Congress to pass, with their bill versions."""
