"""/me location and /me location-clear: a member's own state and district, private to them."""

from __future__ import annotations

from discord import app_commands

from bot.core.errors import UserError
from bot.core.i18n import t
from bot.privacy.members import day_of, seen
from bot.reps.location import location_reply, save_location
from bot.reps.member_location import clear_location, get_location
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.me._group import me
from cogs.reps.transformers import District, State


def _ids(interaction: Interaction) -> tuple[int, int]:
    assert interaction.guild is not None
    return interaction.guild.id, interaction.user.id


@me.command(name="location", description=cmd("reps.location.description"))
@app_commands.describe(
    state=cmd("reps.location.option_state"), district=cmd("reps.location.option_district")
)
async def location(
    interaction: Interaction, state: State | None = None, district: District | None = None
) -> None:
    bot = interaction.client
    guild_id, user_id = _ids(interaction)
    if state is None:
        if district is not None:
            raise UserError("reps.errors.district_needs_state")
        saved = await get_location(bot.db, guild_id, user_id)
        await seen(bot.db, guild_id, user_id, day_of(bot.clock.now().isoformat()))
        text = location_reply(saved, bot.content.states, interaction.locale)
    else:
        text = await save_location(
            bot.db,
            guild_id,
            user_id,
            state,
            district,
            states=bot.content.states,
            now_iso=bot.clock.now().isoformat(),
            locale=interaction.locale,
        )
    await interaction.response.send_message(text, ephemeral=True)


@me.command(name="location-clear", description=cmd("reps.location.clear_description"))
async def location_clear(interaction: Interaction) -> None:
    deleted = await clear_location(interaction.client.db, *_ids(interaction))
    key = "reps.location.cleared" if deleted else "reps.location.nothing_to_clear"
    await interaction.response.send_message(t(key, interaction.locale), ephemeral=True)
