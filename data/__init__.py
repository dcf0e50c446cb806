"""The statement data, shipped inside the installed package as ``bot._data``."""
