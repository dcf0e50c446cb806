"""Packages: bot and cogs, plus the top-level data/ folder shipped inside as ``bot._data``.

The package list lives here because pyproject.toml cannot combine package discovery with
a package mapped from another folder; everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["bot*", "cogs*"]), "bot._data"],
    package_dir={"bot._data": "data"},
)
