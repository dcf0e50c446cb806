"""/call and its outcome buttons, through SimCord: scripts, counts, restarts, DMs."""

from __future__ import annotations

import re
from pathlib import Path

import discord

from bot.app import create_bot
from bot.calls.outcomes import Outcome
from bot.core.i18n import catalog
from cogs.calls.buttons import call_action_view
from cogs.calls.outcomes import outcome_view
from tests.helpers import grant_to_everyone


def embed_text(embed: discord.Embed) -> str:
    parts = [embed.title or "", embed.description or ""]
    parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


async def test_call_shows_the_script_and_how_to_reach_congress_privately(world):
    result = await world.member.slash(world.general, "call", bill="HKETO")
    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Call about the HKETO Certification Act"
    assert "bringing the HKETO Certification Act (H.R. 1103/S. 490) to the floor" in (
        embed.description
    )
    text = embed_text(embed)
    assert "https://www.congress.gov/bill/118th-congress/house-bill/1103" in text
    assert "https://www.congress.gov/bill/118th-congress/senate-bill/490" in text
    # SimCord's clock starts in 2026: the 118th Congress has ended and the member is told.
    assert text.count("Expired") == 2 and "ended on January 3, 2025" in text
    assert "(202) 224-3121" in text
    assert "**House (H.R. 1103):** your U.S. Representative" in text
    assert "**Senate (S. 490):** your two U.S. Senators" in text
    labels = [c["label"] for row in result.response.components for c in row["components"]]
    assert labels == ["I reached someone", "I left a voicemail", "I couldn't get through"]


async def test_call_accepts_numbers_written_any_way(world):
    for typed, title in [
        ("hr1103", "HKETO Certification Act"),
        ("S.490", "HKETO Certification Act"),
        ("H.R. 6153", "Hong Kong Sanctions Act"),
        ("tnr", "Transnational Repression Policy Act"),
    ]:
        result = await world.member.slash(world.general, "call", bill=typed)
        assert result.response.embeds[0].title == f"Call about the {title}", typed
    sanctions = await world.member.slash(world.general, "call", bill="sanctions")
    assert "help advance the Hong Kong Sanctions Act (H.R. 6153/S. 3177)" in (
        sanctions.response.embeds[0].description
    )


async def test_unknown_bill_is_refused_privately(world):
    result = await world.member.slash(world.general, "call", bill="Farm Bill")
    assert result.ephemeral
    assert "I don't know a campaign called “Farm Bill”" in result.response.content
    assert "HKETO Certification Act" in result.response.content
    for bad in ("H.R. -3", "X 12", "H.R. 9"):
        refused = await world.member.slash(world.general, "call", bill=bad)
        assert "I don't know a campaign" in refused.response.content


async def test_bill_autocomplete(world):
    everything = await world.member.autocomplete(world.general, "call", "bill", "")
    assert [c["value"] for c in everything] == ["hketo", "sanctions", "tnr"]
    assert everything[0]["name"] == (
        "HKETO Certification Act (H.R. 1103/S. 490, 118th Congress, expired)"
    )
    for typed, slug in [("HKETO", "hketo"), ("hr1103", "hketo"), ("S.490", "hketo")]:
        choices = await world.member.autocomplete(world.general, "call", "bill", typed)
        assert [c["value"] for c in choices] == [slug], typed
    assert await world.member.autocomplete(world.general, "call", "bill", "zzz") == []


async def test_outcome_buttons_thank_with_running_count_and_count_once_a_day(world):
    shown = await world.member.slash(world.general, "call", bill="HKETO")
    first = await world.member.click(shown.response, label="I reached someone")
    assert first.ephemeral
    assert "Thank you for calling about the HKETO Certification Act" in first.response.content
    assert "logged **1** call about it" in first.response.content

    again = await world.member.click(shown.response, label="I left a voicemail")
    assert "counts once" in again.response.content
    assert "you left a voicemail" in again.response.content
    assert "logged **1** call about it" in again.response.content

    other = await world.organizer.slash(world.general, "call", bill="hr1103")
    tapped = await world.organizer.click(other.response, label="I couldn't get through")
    assert "logged **2** calls about it" in tapped.response.content

    await world.env.advance_time(24 * 3600)
    next_day = await world.member.click(shown.response, label="I reached someone")
    assert "Thank you" in next_day.response.content
    assert "logged **3** calls" in next_day.response.content


async def test_outcome_button_works_after_a_restart(world):
    shown = await world.member.slash(world.general, "call", bill="TNR")
    await world.member.click(shown.response, label="I reached someone")
    await world.env.restart_bot()
    after = await world.member.click(shown.response, label="I couldn't get through")
    assert after.ephemeral
    assert "Transnational Repression Policy Act" in after.response.content
    assert "logged **1** call" in after.response.content


async def test_posted_call_buttons_work_after_restart_with_a_fresh_bot(world, settings):
    channel = world.env.bot.get_channel(world.call_to_action.id)
    post = await channel.send("Call today!", view=call_action_view("hketo"))
    await world.env.restart_bot(create_bot(settings))

    opened = await world.member.click(post, label="Open call script")
    assert opened.ephemeral
    assert opened.response.embeds[0].title == "Call about the HKETO Certification Act"
    recorded = await world.member.click(opened.response, label="I left a voicemail")
    assert "logged **1** call about it" in recorded.response.content
    direct = await world.organizer.click(post, label="I reached someone")
    assert "logged **2** calls about it" in direct.response.content


async def test_call_buttons_in_a_dm_count_for_the_server_they_name(world):
    user = await world.env.bot.fetch_user(world.member.id)
    dm = await user.send(
        "Reminder: call about the HKETO Certification Act",
        view=call_action_view("hketo", guild_id=world.guild.id),
    )
    opened = await world.member.user.click(dm, label="Open call script")
    assert "H.R. 1103/S. 490" in opened.response.embeds[0].description
    recorded = await world.member.user.click(dm, label="I reached someone")
    assert "logged **1** call" in recorded.response.content
    stats = await world.organizer.slash(world.general, "call-stats", bill="HKETO")
    assert "Reached someone: **1** · **1** · **1**" in embed_text(stats.response.embeds[0])


async def test_call_buttons_in_a_dm_without_a_server_explain(world):
    user = await world.env.bot.fetch_user(world.member.id)
    dm = await user.send("Call!", view=call_action_view("hketo"))
    result = await world.member.user.click(dm, label="I reached someone")
    assert "which server" in result.response.content


async def test_organizer_edits_the_script_with_a_modal(world):
    shown = await world.organizer.slash(world.general, "call-script", bill="HKETO")
    assert shown.modal is not None
    text_input = shown.modal["components"][0]["components"][0]
    assert "to the floor for a vote" in text_input["value"]
    assert "{bill_number}" in text_input["value"]

    saved = await world.organizer.submit_modal(
        shown, {"script": "Hi, please support {short_name} ({bill_number}) in the {congress}."}
    )
    assert saved.ephemeral
    assert "Saved this server's call script" in saved.response.content
    preview = saved.response.embeds[0].description
    assert preview == (
        "Hi, please support HKETO Certification Act (H.R. 1103/S. 490) in the 118th Congress."
    )
    call = await world.member.slash(world.general, "call", bill="HKETO")
    assert call.response.embeds[0].description == preview

    reopened = await world.organizer.slash(world.general, "call-script", bill="HKETO")
    assert reopened.modal["components"][0]["components"][0]["value"].startswith(
        "Hi, please support {short_name}"
    )

    reset = await world.organizer.slash(world.general, "call-reset-script", bill="HKETO")
    assert "back to the default" in reset.response.content
    call = await world.member.slash(world.general, "call", bill="HKETO")
    assert "to the floor for a vote" in call.response.embeds[0].description
    again = await world.organizer.slash(world.general, "call-reset-script", bill="HKETO")
    assert "already using the default" in again.response.content


async def test_bad_scripts_are_refused_and_nothing_changes(world):
    cases = [
        ("Please support {bill} now", "uses `{bill}`, which isn't a placeholder"),
        ("Please support {short_name", "stray `{` or `}`"),
        ("x" * 1801, "1801 characters long; it can be at most 1800"),
        ("   ", "The script is empty"),
    ]
    for text, expected in cases:
        shown = await world.organizer.slash(world.general, "call-script", bill="TNR")
        refused = await world.organizer.submit_modal(shown, {"script": text})
        assert refused.ephemeral
        assert expected in refused.response.content, text
    call = await world.member.slash(world.general, "call", bill="TNR")
    assert "help advance the Transnational Repression Policy Act" in (
        call.response.embeds[0].description
    )


async def test_members_cannot_edit_or_reset_scripts(world):
    for name in ("call-script", "call-reset-script"):
        await grant_to_everyone(world, name)  # even when an admin shows it to everyone
        result = await world.member.slash(world.general, name, bill="HKETO")
        assert result.ephemeral and result.modal is None
        assert "Only organizers" in result.response.content


def second_server(world):
    other = world.env.create_guild("Other")
    channel = other.create_text_channel("general")
    boss = other.add_member(
        world.env.create_user("boss"),
        roles=[other.create_role("Admin", permissions=discord.Permissions(manage_guild=True))],
    )
    return other, channel, boss


async def test_a_second_server_sees_neither_scripts_nor_stats(world):
    shown = await world.organizer.slash(world.general, "call-script", bill="HKETO")
    await world.organizer.submit_modal(shown, {"script": "Our own words on {short_name}."})
    call = await world.member.slash(world.general, "call", bill="HKETO")
    await world.member.click(call.response, label="I reached someone")

    _, channel, boss = second_server(world)
    theirs = await boss.slash(channel, "call", bill="HKETO")
    assert "to the floor for a vote" in theirs.response.embeds[0].description
    tapped = await boss.click(theirs.response, label="I left a voicemail")
    assert "logged **1** call about it" in tapped.response.content
    stats = await boss.slash(channel, "call-stats")
    text = embed_text(stats.response.embeds[0])
    assert "Reached someone: **0**" in text and "Left a voicemail: **1**" in text


async def test_stats_per_bill_and_outcome_with_own_counts_and_streak(world):
    empty = await world.member.slash(world.general, "call-stats")
    assert empty.ephemeral
    assert "No calls reported yet" in empty.response.embeds[0].description

    hketo = await world.member.slash(world.general, "call", bill="HKETO")
    await world.member.click(hketo.response, label="I reached someone")
    tnr = await world.member.slash(world.general, "call", bill="TNR")
    await world.member.click(tnr.response, label="I left a voicemail")
    org = await world.organizer.slash(world.general, "call", bill="HKETO")
    await world.organizer.click(org.response, label="I couldn't get through")

    stats = await world.member.slash(world.general, "call-stats")
    embed = stats.response.embeds[0]
    fields = {f.name: f.value for f in embed.fields}
    assert "Reached someone: **1** · **1** · **1**" in fields["HKETO Certification Act"]
    assert "Couldn't get through: **1** · **1** · **1**" in fields["HKETO Certification Act"]
    assert "Total: **2** · **2** · **2**" in fields["HKETO Certification Act"]
    assert "Left a voicemail: **1**" in fields["Transnational Repression Policy Act"]
    assert "Hong Kong Sanctions Act" not in fields
    assert (
        "all time **2**" in fields["Your calls"]
        and "Weekly streak: **1** week" in (fields["Your calls"])
    )
    # Nobody opted in: no names anywhere.
    assert (
        "Nobody who called this week has chosen to be named"
        in fields["Callers this week who chose to be named"]
    )
    assert str(world.member.id) not in embed_text(embed)

    # SimCord starts at 00:00 UTC on 1 January 2026: 31 December in New York (the default
    # zone). Two weeks later it's a new week and a new month; all-time stays; the streak
    # is broken.
    await world.env.advance_time(14 * 24 * 3600)
    later = await world.member.slash(world.general, "call-stats", bill="HKETO")
    fields = {f.name: f.value for f in later.response.embeds[0].fields}
    assert later.response.embeds[0].title == "Calls about the HKETO Certification Act"
    assert "Total: **0** · **0** · **2**" in fields["HKETO Certification Act"]
    assert "Weekly streak: **0** weeks" in fields["Your calls"]
    assert "all time **1**" in fields["Your calls"]


async def test_weekly_streak_grows_week_by_week(world):
    shown = await world.member.slash(world.general, "call", bill="HKETO")
    for _ in range(3):
        await world.member.click(shown.response, label="I reached someone")
        await world.env.advance_time(7 * 24 * 3600)
    stats = await world.member.slash(world.general, "call-stats")
    mine = {f.name: f.value for f in stats.response.embeds[0].fields}["Your calls"]
    assert "Weekly streak: **3** weeks" in mine


async def test_calls_per_office_count_once_per_office_and_day(world):
    channel = world.env.bot.get_channel(world.call_to_action.id)
    senator_a = await channel.send("Senator A", view=outcome_view("hketo", office="S000001"))
    senator_b = await channel.send("Senator B", view=outcome_view("hketo", office="S000002"))
    first = await world.member.click(senator_a, label="I reached someone")
    assert "logged **1** call" in first.response.content
    repeat = await world.member.click(senator_a, label="I left a voicemail")
    assert "counts once" in repeat.response.content
    other = await world.member.click(senator_b, label="I left a voicemail")
    assert "Thank you" in other.response.content and "logged **2** calls" in other.response.content
    await world.env.restart_bot()
    after = await world.member.click(senator_b, label="I reached someone")
    assert (
        "counts once" in after.response.content and "logged **2** calls" in after.response.content
    )


async def test_days_weeks_and_months_follow_the_servers_time_zone(world):
    # In UTC, SimCord's start (00:00 on 1 January 2026) is already January.
    await world.organizer.slash(world.general, "setup timezone", name="UTC")
    shown = await world.member.slash(world.general, "call", bill="HKETO")
    await world.member.click(shown.response, label="I reached someone")
    await world.env.advance_time(10 * 24 * 3600)
    stats = await world.member.slash(world.general, "call-stats", bill="HKETO")
    field = stats.response.embeds[0].fields[0].value
    assert "Total: **0** · **1** · **1**" in field


async def test_buttons_for_an_unknown_campaign_or_a_stranger_explain(world):
    channel = world.env.bot.get_channel(world.call_to_action.id)
    stale = await channel.send("Old campaign", view=call_action_view("retired"))
    gone = await world.member.click(stale, label="I reached someone")
    assert gone.ephemeral and "isn't available any more" in gone.response.content

    stranger = world.env.create_user("stranger")
    user = await world.env.bot.fetch_user(stranger.id)
    dm = await user.send("Call!", view=call_action_view("hketo", guild_id=world.guild.id))
    refused = await stranger.click(dm, label="I reached someone")
    assert "no longer a member" in refused.response.content
    stats = await world.organizer.slash(world.general, "call-stats")
    assert "No calls reported yet" in stats.response.embeds[0].description


async def test_a_script_typed_across_a_restart_is_still_saved(world, settings):
    shown = await world.organizer.slash(world.general, "call-script", bill="HKETO")
    old = world.env.bot
    await world.env.restart_bot(create_bot(settings))
    await old.db.close()
    try:
        saved = await world.organizer.submit_modal(
            shown, {"script": "After the restart: support {short_name}."}
        )
        assert saved.ephemeral
        assert "Saved this server's call script" in saved.response.content
        call = await world.member.slash(world.general, "call", bill="HKETO")
        assert call.response.embeds[0].description == (
            "After the restart: support HKETO Certification Act."
        )
    finally:
        await world.env.bot.db.close()


def test_every_outcome_has_its_texts_and_is_a_value_the_table_accepts():
    messages = catalog("en")
    for outcome in Outcome:
        for key in (outcome.catalog_key, outcome.button_key, outcome.phrase_key):
            assert key in messages, key
    sql = (Path(__file__).parents[2] / "bot/core/migrations/0002_campaigns_calls.sql").read_text()
    check = re.search(r"outcome\s+TEXT NOT NULL CHECK \(outcome IN \(([^)]*)\)\)", sql)
    assert check is not None
    assert {o.value for o in Outcome} == set(re.findall(r"'([a-z_]+)'", check.group(1)))
