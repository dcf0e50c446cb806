"""What the person at the demo sees: the bot's replies and posts printed as text.

The screen remembers the messages it printed lately, so ``:click`` and ``:select`` act on
the newest one that has the button or menu named.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

import discord

from bot.demo.directory import Directory
from bot.demo.language import t
from bot.demo.render import ModalField, modal_fields, render_message, render_modal

SHOWN_KEPT = 30


@dataclass(slots=True)
class PendingModal:
    """A form the bot opened, waiting to be filled in."""

    result: Any  # simcord.InteractionResult
    actor: Any
    fields: list[ModalField]
    source_id: int | None


class Screen:
    """Prints lines and messages to ``out``; finds the bot's messages in the simulated server."""

    def __init__(self, env: Any, directory: Directory, out: TextIO) -> None:
        self.env = env
        self.directory = directory
        self.out = out
        self._shown: list[tuple[Any, int, Any]] = []  # (channel, message id, viewer), oldest first

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def error(self, text: str) -> None:
        self.say("! " + text.replace("\n", "\n  "))

    # ------------------------------------------------------------ the bot's messages

    def bot_messages(self) -> dict[int, tuple[str, Any, Any, discord.Message]]:
        """The bot's messages everyone in a place can see (DMs: their owner), by id."""
        bot_id = self.env.bot.user.id
        found = {}
        for header, channel, viewer in self.directory.places():
            for message in channel.history(viewer=viewer):
                if message.author.id == bot_id:
                    found[message.id] = (header, channel, viewer, message)
        return found

    def recent(self) -> Iterator[tuple[Any, discord.Message]]:
        """The messages printed lately, newest first, as they are now: (channel, message)."""
        for channel, message_id, viewer in reversed(self._shown):
            message = next((m for m in channel.history(viewer=viewer) if m.id == message_id), None)
            if message is not None:
                yield channel, message

    def where(self, channel_id: int, fallback: Any) -> tuple[Any, Any]:
        """The channel with that id and who views it (DMs), or ``fallback`` and nobody."""
        for _header, channel, viewer in self.directory.places():
            if channel.id == channel_id:
                return channel, viewer
        return fallback, None

    def show(self, message: discord.Message, channel: Any, header: str, viewer: Any) -> None:
        """Print one message and remember it for :click and :select."""
        if message.flags.ephemeral:
            header = t("demo.session.only_you", header=header.rstrip(":："))
        for line in render_message(message, header, self.directory.names):
            self.say(line)
        self._shown.append((channel, message.id, viewer))
        del self._shown[:-SHOWN_KEPT]

    def show_side_posts(self, before: set[int], shown: set[int]) -> int:
        """Print what the bot posted by itself, in any channel or DM, since ``before``."""
        count = 0
        for message_id, (header, channel, viewer, message) in sorted(self.bot_messages().items()):
            if message_id in before or message_id in shown:
                continue
            self.show(message, channel, header, viewer)
            count += 1
        return count

    # ------------------------------------------------------------ an interaction's result

    def show_result(
        self,
        result: Any,
        before: set[int],
        source_id: int | None,
        actor: Any,
        *,
        fallback: Any,
        interactive: bool,
    ) -> PendingModal | None:
        """Print the replies, the form the bot opened, and its side posts; the open form."""
        shown: set[int] = set()
        pending = None
        if result.modal is not None:
            modal = result.modal
            fields = modal_fields(modal)
            pending = PendingModal(result, actor, fields, source_id)
            for line in render_modal(modal, fields, self.directory.names):
                self.say(line)
            if interactive:
                self.say(t("demo.modal.hint_terminal"))
            else:
                example = " ".join(f"{f.key}=..." for f in fields if f.required)
                self.say(t("demo.modal.hint", example=example or "(nothing needed)"))
        response = result.response
        replies = ([response] if response is not None else []) + list(result.followups)
        for reply in replies:
            channel, owner = self.where(reply.channel_id, fallback)
            if reply is response and source_id is not None and reply.id == source_id:
                header = t("demo.session.bot_updated")
            else:
                header = t("demo.session.bot_reply")
            self.show(reply.message, channel, header, actor if reply.ephemeral else owner)
            shown.add(reply.id)
        self.show_side_posts(before, shown)
        still_thinking = (
            result.deferred
            and response is not None
            and not result.followups
            and not (response.content or response.embeds)
        )
        if not result.acknowledged and result.modal is None:
            self.say(t("demo.session.no_answer"))
        elif still_thinking:
            self.say(t("demo.session.thinking"))
        return pending
