"""See ``_cog.py``."""

from ._cog import setup, teardown

__all__ = ["setup", "teardown"]
