"""Buttons, modals and dynamic items answer errors privately, the way commands do."""

from __future__ import annotations

import logging

import discord

from bot.core.errors import UserError
from bot.core.i18n import t
from cogs._common.tree import BotItem, BotModal
from cogs._common.types import Interaction
from cogs.statement.pages import PageButton


class _Response:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def is_done(self) -> bool:
        return bool(self.sent)

    async def send_message(self, **kwargs) -> None:
        self.sent.append(kwargs)


class _Interaction:
    """What report_component_error reads of an interaction."""

    def __init__(self) -> None:
        self.locale = discord.Locale.american_english
        self.data = {"custom_id": "test:item"}
        self.response = _Response()


class _Refuses(BotItem):
    async def handle(self, interaction: Interaction) -> None:
        raise UserError("groups.info.empty")


class _Crashes(BotItem):
    async def handle(self, interaction: Interaction) -> None:
        raise RuntimeError("a bug")


class _Answers(BotItem):
    async def handle(self, interaction: Interaction) -> None:
        await interaction.response.send_message(content="done", ephemeral=True)


async def test_an_items_refusal_reaches_the_member_privately():
    interaction = _Interaction()
    await _Refuses().callback(interaction)
    assert interaction.response.sent == [{"content": t("groups.info.empty"), "ephemeral": True}]


async def test_an_items_bug_is_logged_and_the_member_gets_an_apology(caplog):
    interaction = _Interaction()
    with caplog.at_level(logging.ERROR, logger="cogs._common.tree"):
        await _Crashes().callback(interaction)
    assert interaction.response.sent == [
        {"content": t("errors.common.component_unexpected"), "ephemeral": True}
    ]
    assert any(r.exc_info and isinstance(r.exc_info[1], RuntimeError) for r in caplog.records)


async def test_an_item_that_works_says_only_what_it_says():
    interaction = _Interaction()
    await _Answers().callback(interaction)
    assert interaction.response.sent == [{"content": "done", "ephemeral": True}]


async def test_a_modals_error_is_reported_without_an_item():
    interaction = _Interaction()
    modal = BotModal(title="Test")
    await modal.on_error(interaction, UserError("groups.info.empty"))
    assert interaction.response.sent[0]["content"] == t("groups.info.empty")


def test_the_statement_page_buttons_route_their_errors():
    assert PageButton.callback is BotItem.callback
