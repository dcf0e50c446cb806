"""See ``_cog.py``."""

from ._cog import setup

__all__ = ["setup"]
