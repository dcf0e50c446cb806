"""The organizer's call-script editor: a modal, and reading its text back from a submit.

Its submit is handled by the cog's listener from the custom id alone, so an organizer's
text is saved even when the bot restarted while they were typing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import discord

from bot.campaigns.model import Campaign
from bot.core.i18n import Locale, t
from bot.core.limits import MODAL_TEXT_INPUT, clip
from cogs._common.tree import BotModal
from cogs._common.types import Interaction

SCRIPT_MODAL = "call:script-edit:"  # + the campaign's slug
FIELD = "script"


class ScriptModal(BotModal):
    """The editor, opened with the current template."""

    def __init__(self, campaign: Campaign, current: str, locale: Locale | None) -> None:
        super().__init__(
            title=clip(t("calls.script.modal_title", locale, short_name=campaign.short_name), 45),
            custom_id=f"{SCRIPT_MODAL}{campaign.slug}",
            timeout=None,
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("calls.script.field_label", locale),
                custom_id=FIELD,
                style=discord.TextStyle.paragraph,
                default=current,
                placeholder=clip(t("calls.script.field_placeholder", locale), 100),
                max_length=MODAL_TEXT_INPUT,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing here: the cog's listener saves it (the same path after a restart)."""


def submitted_slug(interaction: Interaction) -> str | None:
    """The campaign of a submitted script editor, or None for any other interaction."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return None
    data: Mapping[str, Any] = interaction.data or {}
    custom_id = str(data.get("custom_id", ""))
    return custom_id.removeprefix(SCRIPT_MODAL) if custom_id.startswith(SCRIPT_MODAL) else None


def submitted_script(interaction: Interaction) -> str | None:
    """The text typed into the editor."""
    data: Mapping[str, Any] = interaction.data or {}
    return _submitted_value(data.get("components", []), FIELD)


def _submitted_value(components: Iterable[Mapping[str, Any]], custom_id: str) -> str | None:
    """The value of one text input in a modal submit payload (rows or labels, nested)."""
    for component in components:
        if component.get("custom_id") == custom_id and "value" in component:
            return str(component["value"])
        nested = component.get("components") or (
            [component["component"]] if "component" in component else []
        )
        found = _submitted_value(nested, custom_id)
        if found is not None:
            return found
    return None
