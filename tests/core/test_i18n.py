"""The message catalog: every key the code uses exists, and the translator serves locales."""

from __future__ import annotations

import ast
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.core import i18n
from bot.core.i18n import catalog, placeholders, t
from cogs._common.translator import CatalogTranslator, cmd

ROOT = Path(__file__).resolve().parents[2]
KEY_FUNCS = {"t", "cmd", "UserError"}
# These take a family of keys: ``base.one``, ``base.other``… (always an ``other``).
COUNT_FUNCS = {"plural", "ordinal", "plural_phrase", "ordinal_phrase"}


def _used_keys() -> set[tuple[str, str]]:
    """(file, key) for every literal first argument of t(), cmd() and UserError(), and
    ``base.other`` for plural() and ordinal()."""
    found = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("cogs/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if name in KEY_FUNCS:
                found.add((str(path.relative_to(ROOT)), first.value))
            elif name in COUNT_FUNCS:
                found.add((str(path.relative_to(ROOT)), f"{first.value}.other"))
    return found


def test_every_key_used_in_code_is_in_the_catalog():
    messages = catalog("en")
    missing = sorted(f"{f}: {k}" for f, k in _used_keys() if k not in messages)
    assert not missing, "keys missing from bot/locales/en: " + ", ".join(missing)


def test_catalog_templates_are_well_formed():
    for key, template in catalog("en").items():
        placeholders(template)  # raises ValueError on unbalanced braces
        assert template.strip(), f"{key} is empty"


def test_t_formats_and_refuses_unknown_keys():
    assert "time zone" in t("setup.timezone.set", zone="UTC")
    with pytest.raises(KeyError):
        t("no.such.key")


async def test_translator_serves_a_locale_catalog(monkeypatch, tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "setup.toml").write_text('[show]\ndescription = "Show settings"\n')
    (tmp_path / "zh-TW").mkdir()
    (tmp_path / "zh-TW" / "setup.toml").write_text('[show]\ndescription = "顯示設定"\n')
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    catalog.cache_clear()
    try:
        text = cmd("setup.show.description")
        tr = CatalogTranslator()
        ctx = app_commands.TranslationContext(
            app_commands.TranslationContextLocation.command_description, None
        )
        assert await tr.translate(text, discord.Locale.taiwan_chinese, ctx) == "顯示設定"
        assert await tr.translate(text, discord.Locale.american_english, ctx) is None
        assert t("setup.show.description", discord.Locale.taiwan_chinese) == "顯示設定"
        assert t("setup.show.description", discord.Locale.french) == "Show settings"
    finally:
        catalog.cache_clear()


def _catalog_enums() -> list[type]:
    import importlib
    import pkgutil

    import bot
    from bot.core.enums import CatalogEnum

    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if not info.name.startswith("bot.demo") and info.name != "bot.__main__":
            importlib.import_module(info.name)
    found, todo = [], list(CatalogEnum.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_catalog_enum_member_has_a_label():
    messages = catalog("en")
    missing = [
        f"{cls.__name__}.{member.name}: {member.catalog_key}"
        for cls in _catalog_enums()
        for member in cls
        if member.catalog_key not in messages
    ]
    assert not missing, "labels missing from bot/locales/en: " + ", ".join(missing)
