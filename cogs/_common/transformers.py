"""The bill option commands share: ``bill: Bill`` turns what was typed into a Campaign.

The bill option accepts what people type ("HKETO", "hketo", "H.R. 1103", "hr1103",
"S.490", the act's name or an alias) and autocompletes over the server's campaigns; the
command body receives a :class:`~bot.campaigns.model.Campaign` as that server sees it. Unknown
text is refused here, once, with a private message that lists the campaigns.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Hashable

from discord import app_commands

from bot.campaigns.model import (
    BillVersion,
    Campaign,
    load_campaigns,
    resolve_campaign,
    seed_campaigns,
    suggest_campaigns,
)
from bot.core.database import Database
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import CHOICE_NAME, clip
from bot.core.markdown import escape_markdown
from cogs._common.types import BotTransformer, Interaction, Locale, TransformerChoices


def choice_name(c: Campaign, locale: Locale = None) -> str:
    """``HKETO Certification Act (H.R. 1103/S. 490, 118th Congress, expired)``."""
    by_congress: dict[int, list[BillVersion]] = {}
    for v in c.current_versions:
        by_congress.setdefault(v.congress, []).append(v)
    groups = [
        t(
            "bills.choice.group_expired" if vs[0].expired else "bills.choice.group",
            locale,
            numbers="/".join(v.label for v in vs),
            congress=vs[0].congress_label,
        )
        for _, vs in sorted(by_congress.items(), reverse=True)
    ]
    if not groups:
        return c.short_name
    return t("bills.choice.name", locale, short_name=c.short_name, groups="; ".join(groups))


# Built campaigns by database, then by (server, versions of their tables, minute): a
# campaign changes only when its tables do, or when a Congress ends (at noon, on a minute).
_BUILT: weakref.WeakKeyDictionary[Database, OrderedDict[Hashable, list[Campaign]]] = (
    weakref.WeakKeyDictionary()
)
_BUILT_KEPT = 256
_CAMPAIGN_TABLES = frozenset({"bill_versions", "bill_current"})


async def campaigns_for(interaction: Interaction) -> list[Campaign]:
    """The campaigns as the interaction's server sees them (the statement's in a DM).

    Built once per server and minute while the server's versions and marks stay the same
    (the database's read cache counts the writes to their tables).
    """
    bot = interaction.client
    now = bot.clock.now()
    if interaction.guild_id is None:
        return seed_campaigns(bot.content, now)
    built = _BUILT.setdefault(bot.db, OrderedDict())
    key = (
        interaction.guild_id,
        id(bot.content),
        bot.db.cache.stamp(_CAMPAIGN_TABLES),
        now.replace(second=0, microsecond=0),
    )
    found = built.get(key)
    if found is None:
        found = await load_campaigns(bot.db, bot.content, interaction.guild_id, now)
        built[key] = found
        while len(built) > _BUILT_KEPT:
            built.popitem(last=False)
    return list(found)


class BillTransformer(BotTransformer):
    """Turns the typed bill into a :class:`Campaign`; offers the campaigns as choices."""

    async def transform(self, interaction: Interaction, value: str, /) -> Campaign:
        campaigns = await campaigns_for(interaction)
        names = ", ".join(c.short_name for c in campaigns)
        if not value.strip():
            raise UserError("bills.transform.empty", names=names)
        found = resolve_campaign(campaigns, value)
        if found is None:
            typed = escape_markdown(clip(value.strip(), 100))
            raise UserError("bills.transform.unknown", value=typed, names=names)
        return found

    async def autocomplete(
        self, interaction: Interaction, value: int | float | str, /
    ) -> TransformerChoices:
        campaigns = await campaigns_for(interaction)
        return [
            app_commands.Choice(
                name=clip(choice_name(c, interaction.locale), CHOICE_NAME), value=c.slug
            )
            for c in suggest_campaigns(campaigns, str(value))
        ]


# A command option for a bill: ``bill: Bill`` gives the command body a Campaign.
Bill = app_commands.Transform[Campaign, BillTransformer]
