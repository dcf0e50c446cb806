"""The call script, office by office: each of a member's offices gets the script of its standing.

An office that sponsors or cosponsors the current version of its chamber gets the
*cosponsor* script (thanks, and a push for a vote); one that hasn't, or withdrew, the
*not cosponsor* script (please cosponsor). Offices whose standing isn't known share the
general script, which is also all a member without a saved location sees.

Which template: the server's own for that variant; else the server's own single script
(written before variants existed, so its words still reach every caller); else the act's
default for the variant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.calls.script import default_template, render
from bot.calls.services import Services
from bot.calls.standing import OfficeStanding, ScriptVariant, office_name, standing_text
from bot.campaigns import storage as campaign_store
from bot.campaigns.model import Campaign
from bot.core.i18n import Locale, t
from bot.core.limits import clip


async def template_for(
    bot: Services,
    guild_id: int | None,
    slug: str,
    variant: ScriptVariant,
    locale: Locale | None = None,
) -> str:
    """The template a caller gets for ``variant`` in that server (see the module's note)."""
    if guild_id is not None:
        if variant is not ScriptVariant.GENERAL:
            own = await campaign_store.get_script_variant(bot.db, guild_id, slug, variant.value)
            if own:
                return own
        general = await campaign_store.get_script(bot.db, guild_id, slug)
        if general:
            return general
    return default_template(slug, locale, variant)


@dataclass(frozen=True, slots=True)
class ScriptBlock:
    """A filled-in script and the offices it is for (none: whoever the member calls)."""

    offices: tuple[OfficeStanding, ...]
    variant: ScriptVariant
    text: str


async def office_scripts(
    bot: Services,
    guild_id: int | None,
    campaign: Campaign,
    standings: Sequence[OfficeStanding] = (),
    locale: Locale | None = None,
) -> list[ScriptBlock]:
    """One script per office whose standing is known, then one for all the others."""
    blocks = []
    for s in standings:
        if s.variant is not ScriptVariant.GENERAL:
            template = await template_for(bot, guild_id, campaign.slug, s.variant, locale)
            blocks.append(ScriptBlock((s,), s.variant, render(template, campaign, locale, s)))
    general = tuple(s for s in standings if s.variant is ScriptVariant.GENERAL)
    if general or not blocks:
        template = await template_for(bot, guild_id, campaign.slug, ScriptVariant.GENERAL, locale)
        blocks.append(
            ScriptBlock(general, ScriptVariant.GENERAL, render(template, campaign, locale))
        )
    return blocks


def _heading(block: ScriptBlock, locale: Locale | None) -> str:
    if block.variant is ScriptVariant.GENERAL:
        names = ", ".join(office_name(s.office, locale) for s in block.offices)
        return t("calls.call.script_for_others", locale, offices=names)
    (s,) = block.offices
    return t(
        "calls.call.script_for",
        locale,
        office=office_name(s.office, locale),
        standing=standing_text(s, locale),
    )


def scripts_text(blocks: Sequence[ScriptBlock], limit: int, locale: Locale | None = None) -> str:
    """The scripts as the card shows them, within ``limit`` characters.

    A single general script (for whichever office, or every one) is shown as it is, with no
    heading; otherwise each script follows a heading naming its office and where it stands.
    Scripts too long together are each cut to an equal share, marked "…".
    """
    if len(blocks) == 1 and blocks[0].variant is ScriptVariant.GENERAL:
        return clip(blocks[0].text, limit)
    headings = [_heading(b, locale) for b in blocks]
    parts = [f"{h}\n{b.text}" for h, b in zip(headings, blocks, strict=True)]
    text = "\n\n".join(parts)
    if len(text) <= limit:
        return text
    share = (limit - 2 * (len(blocks) - 1)) // len(blocks)
    return "\n\n".join(clip(p, share) for p in parts)
