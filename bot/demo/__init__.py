"""The offline demo: the real bot against a simulated Discord server (SimCord)."""
