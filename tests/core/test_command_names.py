"""Every command, option and choice name and description, in every locale we ship, is one
Discord accepts (its limits, and for names its pattern: lowercase letters, digits, - and _,
1 to 32), and the English names in the catalog (names.toml) are the code's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import discord
import pytest
import regex

from bot.core.i18n import catalog
from bot.core.language import supported_locales
from bot.core.limits import CHOICE_NAME, COMMAND_DESCRIPTION, COMMAND_NAME, COMMAND_NAME_PATTERN
from cogs import CatalogTranslator

ROOT = Path(__file__).resolve().parents[2]
NAME = regex.compile(COMMAND_NAME_PATTERN)
OTHER_LOCALES = [tag for tag in supported_locales() if tag != "en"]


async def _payloads(bot) -> list[dict[str, Any]]:
    """The commands as the bot would sync them, with every localization."""
    translator = CatalogTranslator()
    return [await c.get_translated_payload(bot.tree, translator) for c in bot.tree.get_commands()]


SUBCOMMAND_TYPES = (1, 2)  # an option that is a subcommand or a group of them


def _walk(payload: dict[str, Any], path: str = ""):
    """(full name, "command" or "option", node) for a command and everything under it."""
    full = f"{path} {payload['name']}".strip()
    is_command = not path or payload.get("type") in SUBCOMMAND_TYPES
    yield full, "command" if is_command else "option", payload
    for option in payload.get("options") or []:
        yield from _walk(option, full)


def _is_name(text: str) -> bool:
    return bool(NAME.match(text)) and text == text.lower() and len(text) <= COMMAND_NAME


async def test_every_name_and_description_fits_discord(simcord_env, world):
    payloads = await _payloads(simcord_env.bot)
    assert payloads
    bad: list[str] = []
    for top in payloads:
        for full, _kind, node in _walk(top):
            names = {"": node["name"], **(node.get("name_localizations") or {})}
            bad += [f"{full} [{loc}] name {n!r}" for loc, n in names.items() if not _is_name(n)]
            descriptions = {
                "": node["description"],
                **(node.get("description_localizations") or {}),
            }
            bad += [
                f"{full} [{loc}] description of {len(d)}"
                for loc, d in descriptions.items()
                if not 1 <= len(d) <= COMMAND_DESCRIPTION
            ]
            for choice in node.get("choices") or []:
                texts = {"": choice["name"], **(choice.get("name_localizations") or {})}
                bad += [
                    f"{full} [{loc}] choice {c!r}"
                    for loc, c in texts.items()
                    if not 1 <= len(c) <= CHOICE_NAME
                ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("locale", OTHER_LOCALES)
async def test_every_command_and_option_has_a_name_in_each_language(simcord_env, world, locale):
    payloads = await _payloads(simcord_env.bot)
    missing = [
        full
        for top in payloads
        for full, _kind, node in _walk(top)
        if locale not in (node.get("name_localizations") or {})
    ]
    assert not missing, f"no {locale} name for: {missing}"


@pytest.mark.parametrize("locale", OTHER_LOCALES)
async def test_localized_names_are_unique_where_discord_needs_them(simcord_env, world, locale):
    """Top-level commands, a group's subcommands and a command's options: one name each."""

    def clashes(nodes: list[dict[str, Any]], where: str) -> list[str]:
        names = [(n.get("name_localizations") or {}).get(locale, n["name"]) for n in nodes]
        found = [f"{where}: {name}" for name in set(names) if names.count(name) > 1]
        for node in nodes:
            found += clashes(node.get("options") or [], f"{where} {node['name']}".strip())
        return found

    assert clashes(await _payloads(simcord_env.bot), "") == []


async def test_english_names_in_the_catalog_are_the_code_names(simcord_env, world):
    """names.toml in English says what the code calls each command; none is stale."""
    found: dict[str, set[str]] = {"command": set(), "option": set()}
    for top in await _payloads(simcord_env.bot):
        for full, kind, _node in _walk(top):
            found[kind].add(full)
    commands, options = found["command"], found["option"]
    en = catalog("en")
    for key, value in en.items():
        if key.startswith("names.command."):
            full = key.removeprefix("names.command.")
            assert full in commands, f"{key}: no such command"
            assert value == full.split(" ")[-1], key
        elif key.startswith("names.option."):
            name = key.removeprefix("names.option.")
            assert value == name.split(" ")[-1], key
            assert any(o == name or o.endswith(f" {name}") for o in options), f"{key}: unused"


def test_name_limits_are_discords():
    """The limits above are the API's (checked when shared/discord-api-spec is beside us)."""
    spec = next(
        (p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()), None
    )
    if spec is None or not (spec / "discord-api-spec/openapi.json").is_file():
        pytest.skip("shared/discord-api-spec is not beside the repository")
    schemas = json.loads((spec / "discord-api-spec/openapi.json").read_text())["components"][
        "schemas"
    ]
    create = schemas["ApplicationCommandCreateRequest"]["properties"]
    assert create["name"]["maxLength"] == COMMAND_NAME
    assert create["name_localizations"]["additionalProperties"]["maxLength"] == COMMAND_NAME
    assert create["description"]["maxLength"] == COMMAND_DESCRIPTION
    choice = schemas["ApplicationCommandOptionStringChoice"]["properties"]
    assert choice["name"]["maxLength"] == CHOICE_NAME


def test_the_name_pattern_refuses_what_discord_refuses():
    assert _is_name("set-location") and _is_name("致電講稿") and _is_name("clear_role")
    assert not _is_name("set location") and not _is_name("Call") and not _is_name("a" * 33)
    assert not _is_name("致電，講稿") and not _is_name("")


def test_the_translator_names_a_command_in_chinese():
    assert catalog("zh-TW")["names.command.statement read"] == "閱讀"
    assert discord.Locale.taiwan_chinese.value in OTHER_LOCALES
