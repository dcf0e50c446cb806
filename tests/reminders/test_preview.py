"""The Confirm/Cancel under a /remind create preview (the view /me forget shares).

SimCord can neither let one member press another's private message nor press twice at
once, so those two rules are checked on the view itself, with a stand-in interaction.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import SimpleNamespace

import discord
import pytest

from bot.core.errors import UserError
from cogs._common.tree import BotView
from cogs.reminders._preview import preview_view
from tests.helpers import bot_posts


@dataclass
class Response:
    sent: list[str] = field(default_factory=list)
    edits: list[str] = field(default_factory=list)
    deferred: int = 0

    async def send_message(self, content: str, **_: object) -> None:
        self.sent.append(content)

    async def edit_message(self, *, content: str, **_: object) -> None:
        self.edits.append(content)

    async def defer(self) -> None:
        self.deferred += 1

    def is_done(self) -> bool:
        return bool(self.sent or self.edits or self.deferred)


def press(user_id: int) -> SimpleNamespace:
    """A stand-in for the interaction of a button press by ``user_id``."""
    return SimpleNamespace(
        user=SimpleNamespace(id=user_id),
        locale=discord.Locale.american_english,
        response=Response(),
    )


AUTHOR, SOMEONE_ELSE = 1, 2


async def test_only_the_author_may_answer():
    view = preview_view(AUTHOR, lambda _: asyncio.sleep(0), None, set())
    other = press(SOMEONE_ELSE)
    assert not await view.interaction_check(other)
    assert other.response.sent == ["Only the organizer who ran this command can confirm it."]
    assert await view.interaction_check(press(AUTHOR))
    view.stop()


async def test_a_second_press_while_confirm_runs_does_nothing_twice():
    saved: list[int] = []
    release = asyncio.Event()

    async def save(interaction) -> None:
        await release.wait()  # a slow save: the member presses again meanwhile
        saved.append(1)
        await interaction.response.edit_message(content="Saved")

    live: set[str] = set()
    view = preview_view(AUTHOR, save, None, live)
    assert len(live) == 1
    first = asyncio.create_task(view.confirm.callback(press(AUTHOR)))
    await asyncio.sleep(0)
    again, cancel = press(AUTHOR), press(AUTHOR)
    await view.confirm.callback(again)
    await view.cancel.callback(cancel)
    release.set()
    await first
    assert saved == [1]
    assert (
        again.response.sent
        == cancel.response.sent
        == ["This preview was already answered; see /remind list for what is saved."]
    )
    assert view.is_finished() and not live  # the token is no longer live


async def test_a_refused_confirm_leaves_the_preview_usable():
    attempts: list[int] = []

    async def save(interaction) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise UserError("reminders.when.past", when="then")
        await interaction.response.edit_message(content="Saved")

    view = preview_view(AUTHOR, save, None, set())
    with pytest.raises(UserError):
        await view.confirm.callback(press(AUTHOR))
    assert isinstance(view, BotView)  # BotView.on_error tells the organizer why
    second = press(AUTHOR)
    await view.confirm.callback(second)
    assert attempts == [1, 1] and second.response.edits == ["Saved"]


async def test_cancel_discards_and_frees_the_token():
    live: set[str] = set()
    view = preview_view(AUTHOR, lambda _: asyncio.sleep(0), None, live)
    pressed = press(AUTHOR)
    await view.cancel.callback(pressed)
    assert pressed.response.edits == ["Discarded: nothing was saved."]
    assert not live


async def test_an_unanswered_preview_expires_and_saves_nothing(world):
    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 20 minutes"
    )
    await world.env.advance_time(600)
    message = world.env.backend.get_message(preview.response.channel_id, preview.response.id)
    assert "This preview expired; nothing was saved." in message.content
    assert not message.components
    assert not world.env.bot.get_cog("Reminders").live_previews
    listed = await world.organizer.slash(world.general, "remind list")
    assert "No reminders are scheduled" in listed.response.content
    await world.env.advance_time(20 * 60)
    assert bot_posts(world.call_to_action) == []
