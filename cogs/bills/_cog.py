"""/bills: the acts as campaigns, their versions across Congresses, and status lines."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.calls.flow import format_date, version_line
from bot.calls.stats import server_zone
from bot.campaigns import storage as store
from bot.campaigns.model import (
    FIRST_CONGRESS_ON_CONGRESS_GOV,
    BillNumberError,
    Campaign,
    bill_label,
    congress_end,
    congress_ended,
    current_congress,
    load_campaigns,
    ordinal,
    parse_bill_number,
)
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, clip
from cogs._common.permissions import organizer_only
from cogs._common.transformers import BillTransformer
from cogs._common.translator import cmd

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

Bill = app_commands.Transform[Campaign, BillTransformer]
STATUS_MAX = 300
HISTORY_SHOWN = 8


def _expiry(bot: AdvocacyBot, congress: int, locale) -> str:
    """`` ⚠️ Expired: …`` when that Congress has ended, else nothing."""
    known = bot.content.congress_ends
    if not congress_ended(congress, bot.clock.now(), known):
        return ""
    date = format_date(congress_end(congress, known))
    return " " + t(
        "bills.version.expired", locale, congress=f"{ordinal(congress)} Congress", date=date
    )


def _parse_number(text: str) -> tuple[str, int]:
    try:
        return parse_bill_number(text)
    except BillNumberError as exc:
        raise UserError(exc.key, value=clip(text.strip(), 60)) from None


@app_commands.guild_only()
class Bills(
    commands.GroupCog, group_name="bills", group_description=cmd("bills.group.description")
):
    def __init__(self, bot: AdvocacyBot) -> None:
        self.bot = bot
        super().__init__()

    async def _campaigns(self, guild_id: int) -> list[Campaign]:
        return await load_campaigns(self.bot.db, self.bot.content, guild_id, self.bot.clock.now())

    # ------------------------------------------------------------------ members

    @app_commands.command(name="list", description=cmd("bills.list.description"))
    async def list_(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        locale = interaction.locale
        embed = discord.Embed(
            title=t("bills.list.title", locale), description=t("bills.list.intro", locale)
        )
        any_expired = False
        for c in await self._campaigns(interaction.guild_id):
            current = c.current_versions
            lines = [c.act]
            if current:
                lines.extend(version_line(v, locale) for v in current)
            else:
                lines.append(t("bills.list.no_current", locale))
            any_expired = any_expired or any(v.expired for v in current)
            embed.add_field(
                name=c.short_name, value=clip("\n".join(lines), EMBED_FIELD_VALUE), inline=False
            )
        if any_expired:
            embed.description += "\n\n" + t("bills.version.expired_note", locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="info", description=cmd("bills.info.description"))
    @app_commands.describe(bill=cmd("bills.info.option_bill"))
    async def info(self, interaction: discord.Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        locale = interaction.locale
        embed = discord.Embed(title=bill.act)
        version_lines = []
        for v in bill.versions:
            marks = []
            if v.current:
                marks.append(t("bills.version.current_mark", locale))
            if v.from_statement:
                marks.append(t("bills.version.from_statement", locale))
            tag = f"({', '.join(marks)})" if marks else ""
            version_lines.append(f"• {version_line(v, locale, tag)}")
        if any(v.expired for v in bill.versions):
            version_lines.append(t("bills.version.expired_note", locale))
        embed.add_field(
            name=t("bills.info.versions_field", locale),
            value=clip("\n".join(version_lines), EMBED_FIELD_VALUE),
            inline=False,
        )
        embed.add_field(
            name=t("bills.info.statement_ask_field", locale),
            value=clip(f"“…{bill.statement_ask}…”", EMBED_FIELD_VALUE),
            inline=False,
        )
        status = await self._status_lines(interaction.guild_id, bill, locale)
        embed.add_field(
            name=t("bills.info.status_field", locale),
            value=clip(status[0], EMBED_FIELD_VALUE),
            inline=False,
        )
        if len(status) > 1:
            embed.add_field(
                name=t("bills.info.older_status", locale),
                value=clip("\n".join(f"• {s}" for s in status[1:]), EMBED_FIELD_VALUE),
                inline=False,
            )
        assert len(embed) <= 6000 and len(embed.description or "") <= EMBED_DESCRIPTION
        await interaction.response.send_message(embed=embed, ephemeral=True)

    async def _status_lines(self, guild_id: int, bill: Campaign, locale) -> list[str]:
        """Newest first; the statement's own status (if any) is the oldest line."""
        lines = []
        zone = await server_zone(self.bot.db, guild_id, self.bot.settings.default_timezone)
        for s in await store.status_history(self.bot.db, guild_id, bill.slug, HISTORY_SHOWN):
            who = f"<@{s.set_by}>" if s.set_by else t("bills.info.former_organizer", locale)
            when = format_date(datetime.fromisoformat(s.set_at).astimezone(zone).date())
            lines.append(t("bills.info.status_line", locale, text=s.text, who=who, date=when))
        if bill.statement_status:
            lines.append(t("bills.info.statement_status", locale, text=bill.statement_status))
        return lines or [t("bills.info.no_status", locale)]

    # --------------------------------------------------------------- organizers

    @app_commands.command(name="add-version", description=cmd("bills.add_version.description"))
    @app_commands.describe(
        bill=cmd("bills.add_version.option_bill"),
        number=cmd("bills.add_version.option_number"),
        congress=cmd("bills.add_version.option_congress"),
        current=cmd("bills.add_version.option_current"),
    )
    @organizer_only
    async def add_version(
        self,
        interaction: discord.Interaction,
        bill: Bill,
        number: app_commands.Range[str, 1, 40],
        congress: app_commands.Range[int, 1, 999],
        current: bool | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        guild_id = interaction.guild_id
        locale = interaction.locale
        chamber, num = _parse_number(number)
        now = self.bot.clock.now()
        sitting = current_congress(now)
        if congress > sitting:
            raise UserError(
                "bills.add_version.future",
                congress=f"{ordinal(congress)} Congress",
                current=f"{ordinal(sitting)} Congress",
            )
        if congress < FIRST_CONGRESS_ON_CONGRESS_GOV:
            raise UserError(
                "bills.add_version.too_old",
                first=f"{ordinal(FIRST_CONGRESS_ON_CONGRESS_GOV)} Congress",
            )
        label = bill_label(chamber, num)
        values = {"label": label, "congress": f"{ordinal(congress)} Congress"}
        campaigns = await self._campaigns(guild_id)
        for other in campaigns:
            if other.find_version(chamber, num, congress):
                if other.slug == bill.slug:
                    raise UserError(
                        "bills.add_version.duplicate", short_name=bill.short_name, **values
                    )
                raise UserError("bills.add_version.taken", other=other.short_name, **values)
        actor, stamp = interaction.user.id, now.isoformat()
        added = await store.add_version(
            self.bot.db, guild_id, bill.slug, congress, chamber, num, actor, stamp
        )
        if not added:  # another organizer added it a moment ago
            owner = await store.version_owner(self.bot.db, guild_id, congress, chamber, num)
            if owner == bill.slug:
                raise UserError("bills.add_version.duplicate", short_name=bill.short_name, **values)
            other = next((c.short_name for c in campaigns if c.slug == owner), owner)
            raise UserError("bills.add_version.taken", other=other, **values)
        key = "bills.add_version.added"
        if current is None:  # by default, a newer Congress's version takes over
            now_current = bill.current(chamber)
            current = now_current is None or congress > now_current.congress
        if current:
            await store.set_current(
                self.bot.db, guild_id, bill.slug, chamber, congress, num, actor, stamp
            )
            key = "bills.add_version.added_current"
        await interaction.response.send_message(
            t(
                key,
                locale,
                short_name=bill.short_name,
                chamber=t(f"calls.chamber.{chamber}", locale),
                **values,
            )
            + _expiry(self.bot, congress, locale),
            ephemeral=True,
        )

    @app_commands.command(name="set-current", description=cmd("bills.set_current.description"))
    @app_commands.describe(
        bill=cmd("bills.set_current.option_bill"),
        number=cmd("bills.set_current.option_number"),
        congress=cmd("bills.set_current.option_congress"),
    )
    @organizer_only
    async def set_current(
        self,
        interaction: discord.Interaction,
        bill: Bill,
        number: app_commands.Range[str, 1, 40],
        congress: app_commands.Range[int, 1, 999] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        locale = interaction.locale
        chamber, num = _parse_number(number)
        label = bill_label(chamber, num)
        matches = [
            v
            for v in bill.versions
            if v.chamber == chamber and v.number == num and congress in (None, v.congress)
        ]
        if not matches:
            raise UserError(
                "bills.set_current.not_a_version", label=label, short_name=bill.short_name
            )
        if len(matches) > 1:
            raise UserError("bills.set_current.ambiguous", label=label, short_name=bill.short_name)
        v = matches[0]
        await store.set_current(
            self.bot.db,
            interaction.guild_id,
            bill.slug,
            chamber,
            v.congress,
            num,
            interaction.user.id,
            self.bot.clock.now().isoformat(),
        )
        await interaction.response.send_message(
            t(
                "bills.set_current.done",
                locale,
                label=label,
                congress=v.congress_label,
                chamber=t(f"calls.chamber.{chamber}", locale),
                short_name=bill.short_name,
            )
            + _expiry(self.bot, v.congress, locale),
            ephemeral=True,
        )

    @app_commands.command(name="set-status", description=cmd("bills.set_status.description"))
    @app_commands.describe(
        bill=cmd("bills.set_status.option_bill"), text=cmd("bills.set_status.option_text")
    )
    @organizer_only
    async def set_status(self, interaction: discord.Interaction, bill: Bill, text: str) -> None:
        assert interaction.guild_id is not None
        line = " ".join(text.split())
        if not line:
            raise UserError("bills.set_status.empty")
        if len(line) > STATUS_MAX:
            raise UserError("bills.set_status.too_long", length=len(line), limit=STATUS_MAX)
        await store.add_status(
            self.bot.db,
            interaction.guild_id,
            bill.slug,
            line,
            interaction.user.id,
            self.bot.clock.now().isoformat(),
        )
        await interaction.response.send_message(
            t("bills.set_status.done", interaction.locale, short_name=bill.short_name, text=line),
            ephemeral=True,
        )


async def setup(bot: AdvocacyBot) -> None:
    await bot.add_cog(Bills(bot))
