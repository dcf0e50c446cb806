"""The organizer's call-script editor: a modal, and reading its text back from a submit.

Its submit is handled by the cog's listener from the custom id alone, so an organizer's
text is saved even when the bot restarted while they were typing. The id names the
campaign and, for the cosponsor and not-cosponsor scripts, the variant
(``call:script-edit:hketo:cosponsor``); the general script's id has none, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import discord

from bot.calls.standing import ScriptVariant
from bot.campaigns.model import Campaign
from bot.core.i18n import Locale, t
from bot.core.limits import MODAL_TEXT_INPUT, clip
from cogs._common.tree import BotModal
from cogs._common.types import Interaction

SCRIPT_MODAL = "call:script-edit:"  # + the campaign's slug [+ ":" + the variant]
FIELD = "script"


def modal_custom_id(slug: str, variant: ScriptVariant = ScriptVariant.GENERAL) -> str:
    if variant is ScriptVariant.GENERAL:
        return f"{SCRIPT_MODAL}{slug}"
    return f"{SCRIPT_MODAL}{slug}:{variant.value}"


class ScriptModal(BotModal):
    """The editor, opened with the current template of one variant."""

    def __init__(
        self,
        campaign: Campaign,
        current: str,
        locale: Locale | None,
        variant: ScriptVariant = ScriptVariant.GENERAL,
    ) -> None:
        if variant is ScriptVariant.GENERAL:
            title = t("calls.script.modal_title", locale, short_name=campaign.short_name)
            hint = t("calls.script.field_placeholder", locale)
        else:
            title = t(
                "calls.script.modal_title_variant",
                locale,
                variant=t(variant.catalog_key, locale),
                short_name=campaign.short_name,
            )
            hint = t("calls.script.field_placeholder_office", locale)
        super().__init__(
            title=clip(title, 45), custom_id=modal_custom_id(campaign.slug, variant), timeout=None
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("calls.script.field_label", locale),
                custom_id=FIELD,
                style=discord.TextStyle.paragraph,
                default=current,
                placeholder=clip(hint, 100),
                max_length=MODAL_TEXT_INPUT,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing here: the cog's listener saves it (the same path after a restart)."""


def submitted_target(interaction: Interaction) -> tuple[str, ScriptVariant] | None:
    """The campaign and variant of a submitted script editor; None for any other interaction."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return None
    data: Mapping[str, Any] = interaction.data or {}
    custom_id = str(data.get("custom_id", ""))
    if not custom_id.startswith(SCRIPT_MODAL):
        return None
    slug, _, variant = custom_id.removeprefix(SCRIPT_MODAL).partition(":")
    if not variant:
        return slug, ScriptVariant.GENERAL
    named = {v.value: v for v in ScriptVariant if v is not ScriptVariant.GENERAL}
    return (slug, named[variant]) if variant in named else None


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
