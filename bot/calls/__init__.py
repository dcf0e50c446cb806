"""Calls to Congress: scripts, outcomes members report, and tallies."""
