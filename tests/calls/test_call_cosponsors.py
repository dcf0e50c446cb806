"""/call knows whether the member's own offices cosponsor: standing, script, tallies.

The members of Congress come from tests/data/legislators/good.json (a member in NH-1 has
Sen. Avery Example Z000001, Sen. Blake Placeholder Z000002 and Rep. Casey Fictional
Z000003); the bills' records from a real HTTP server on 127.0.0.1 (tests/bill_records.py).
"""

from __future__ import annotations

from pathlib import Path

import discord

from bot.calls.standing import ScriptVariant, own_office_standing_lines
from bot.campaigns.model import load_campaign
from bot.campaigns.record.model import BillId
from bot.core.content import load_content
from bot.reps import storage as reps_store
from bot.reps.legislators import parse_legislators
from cogs.calls.buttons import call_action_view
from tests.bill_records import (
    HKETO_TITLE,
    Cosponsoring,
    serve,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "legislators"
S900, HR2000 = BillId(119, "s", 900), BillId(119, "hr", 2000)
AVERY = Cosponsoring("Z000001", "Sen. Example, Avery [D-NH]", "D", "2025-03-01")
CASEY = Cosponsoring("Z000003", "Rep. Fictional, Casey [D-NH-1]", "D", "2025-02-10", "2025-02-24")


async def _ready(world, online) -> None:
    """Members of Congress loaded; the member lives in NH-1; 119th-Congress numbers added."""
    parsed = parse_legislators(
        (DATA / "good.json").read_bytes(), known_states=load_content().states
    )
    await reps_store.replace_legislators(
        world.env.bot.db, parsed.members, source="good.json", sha256="x", now_iso="2026-01-01"
    )
    await world.member.slash(world.general, "me location", state="NH", district=1)
    serve(
        online,
        S900,
        HKETO_TITLE,
        cosponsors=[AVERY],
        sponsor=("Z000095", "Sen. Lead, R [D-OR]", "D"),
    )
    serve(online, HR2000, HKETO_TITLE, cosponsors=[CASEY])
    for number in ("S. 900", "H.R. 2000"):
        added = await world.organizer.slash(
            world.general, "bill-tracking add-version", bill="HKETO", number=number, congress=119
        )
        assert "✅ In the official record" in added.response.content, added.response.content


def _field(embed: discord.Embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


def _blocks(description: str) -> dict[str, str]:
    """The card's scripts by the office each is for."""
    out = {}
    for block in description.split("📞 **")[1:]:
        name, _, rest = block.partition("**")
        out[name] = rest.rstrip()
    return out


async def test_call_shows_each_offices_cosponsorship_and_its_script(world, online):
    await _ready(world, online)
    result = await world.member.slash(world.general, "call", bill="HKETO")
    embed = result.response.embeds[0]
    mine = _field(embed, "Your own offices")
    assert "**Sen. Avery Example** (D-NH)" in mine
    assert "✅ cosponsor of S. 900 (119th Congress) since March 1, 2025" in mine
    assert "➖ not a cosponsor of S. 900 (119th Congress)" in mine
    assert "↩️ withdrew as a cosponsor of H.R. 2000 (119th Congress) on February 24, 2025" in mine

    scripts = _blocks(embed.description)
    assert list(scripts) == ["Sen. Avery Example", "Sen. Blake Placeholder", "Rep. Casey Fictional"]
    assert scripts["Sen. Avery Example"].startswith(" · ✅ cosponsor of S. 900")
    assert (
        "I'm calling to thank Senator Avery Example for supporting the HKETO Certification Act "
        "(S. 900), and to ask them to press for bringing it to the floor for a vote."
    ) in scripts["Sen. Avery Example"]
    assert (
        "I'm calling to ask Senator Blake Placeholder to cosponsor the HKETO Certification Act "
        "(S. 900)"
    ) in scripts["Sen. Blake Placeholder"]
    assert (
        "ask Representative Casey Fictional to cosponsor the HKETO Certification Act (H.R. 2000)"
        in (scripts["Rep. Casey Fictional"])
    )
    assert "thank" not in scripts["Sen. Blake Placeholder"]

    # The "Open call script" button of a post shows the same card.
    channel = world.env.bot.get_channel(world.call_to_action.id)
    post = await channel.send("Call today!", view=call_action_view("hketo"))
    opened = await world.member.click(post, label="Open call script")
    assert opened.response.embeds[0].description == embed.description


async def test_without_the_record_nothing_is_claimed_and_the_general_script_stays(world):
    parsed = parse_legislators(
        (DATA / "good.json").read_bytes(), known_states=load_content().states
    )
    await reps_store.replace_legislators(
        world.env.bot.db, parsed.members, source="good.json", sha256="x", now_iso="2026-01-01"
    )
    await world.member.slash(world.general, "me location", state="NH", district=1)
    result = await world.member.slash(world.general, "call", bill="HKETO")
    embed = result.response.embeds[0]
    assert "📞" not in embed.description and "to the floor for a vote" in embed.description
    mine = _field(embed, "Your own offices")
    assert "❔ not known whether they cosponsor S. 490 (118th Congress)" in mine
    assert "✅" not in mine and "➖" not in mine


async def test_organizers_edit_the_cosponsor_script_and_old_scripts_keep_working(world, online):
    await _ready(world, online)
    # A server's own single script, written before variants: still what callers read.
    shown = await world.organizer.slash(world.general, "call-script", bill="HKETO")
    await world.organizer.submit_modal(shown, {"script": "Our own words on {short_name}."})
    again = await world.organizer.slash(world.general, "call-script", bill="HKETO")
    refused = await world.organizer.submit_modal(again, {"script": "Please call {office}."})
    assert "only the scripts for offices that cosponsor or don't have" in refused.response.content

    editor = await world.organizer.slash(
        world.general, "call-script", bill="HKETO", variant="cosponsor"
    )
    default = editor.modal["components"][0]["components"][0]["value"]
    assert "{office}" in default and "press for" in default
    saved = await world.organizer.submit_modal(
        editor,
        {"script": "Thanks, {office}! {cosponsorship} Please push for a vote on {office_bill}."},
    )
    saved_text = "Saved this server's call script for the HKETO Certification Act: "
    assert saved_text + "For offices that cosponsor" in saved.response.content
    assert "Thanks, [the Senator's or Representative's name]!" in (
        saved.response.embeds[0].description
    )

    card = await world.member.slash(world.general, "call", bill="HKETO")
    scripts = _blocks(card.response.embeds[0].description)
    assert scripts["Sen. Avery Example"].endswith(
        "Thanks, Senator Avery Example! Senator Avery Example has cosponsored S. 900 since "
        "March 1, 2025. Please push for a vote on S. 900."
    )
    assert scripts["Sen. Blake Placeholder"].endswith("Our own words on HKETO Certification Act.")

    reset = await world.organizer.slash(
        world.general, "call-reset-script", bill="HKETO", variant="cosponsor"
    )
    assert "(For offices that cosponsor) is back to the default" in reset.response.content
    card = await world.member.slash(world.general, "call", bill="HKETO")
    scripts = _blocks(card.response.embeds[0].description)
    assert scripts["Sen. Avery Example"].endswith("Our own words on HKETO Certification Act.")


async def test_organizers_count_calls_by_the_offices_cosponsorship(world, online):
    await _ready(world, online)
    card = await world.member.slash(world.general, "call", bill="HKETO")
    for custom_id in (
        "call:outcome:hketo:reached:Z000001",  # a cosponsor
        "call:outcome:hketo:voicemail:Z000002",  # not a cosponsor
        "call:outcome:hketo:no_answer:Z000003",  # withdrew
    ):
        await world.member.click(card.response, custom_id=custom_id)
    plain = await world.organizer.slash(world.general, "call", bill="TNR")
    await world.organizer.click(plain.response, label="I reached someone")
    # A call to an office reported before standings were recorded: not known (migration
    # 0011 counts such calls so, and the member's row never holds a standing).
    db = world.env.bot.db
    await db.execute(
        "INSERT INTO call_daily_standings (guild_id, campaign, standing, day, calls) "
        "SELECT guild_id, campaign, 'unknown', day, 1 FROM call_daily_standings LIMIT 1"
    )

    stats = await world.organizer.slash(world.general, "call-stats")
    by_target = "By the called office's cosponsorship (organizers only)"
    targets = _field(stats.response.embeds[0], by_target)
    assert targets.split("\n") == [
        "To cosponsors (or the sponsor): **1** · **1** · **1**",
        "To offices that don't cosponsor: **1** · **1** · **1**",
        "To offices that withdrew: **1** · **1** · **1**",
        "Cosponsorship not known: **1** · **1** · **1**",
        "Not tied to one office: **1** · **1** · **1**",
    ]
    assert "<@" not in targets  # counts only, never who
    one = await world.organizer.slash(world.general, "call-stats", bill="TNR")
    none_yet = _field(one.response.embeds[0], by_target)
    assert "To cosponsors (or the sponsor): **0**" in none_yet
    # Members see the totals, not the breakdown.
    theirs = await world.member.slash(world.general, "call-stats")
    assert all("cosponsorship" not in f.name for f in theirs.response.embeds[0].fields)


async def test_the_lines_a_reminder_dm_can_reuse(world, online):
    await _ready(world, online)
    bot = world.env.bot
    campaign = await load_campaign(bot.db, bot.content, world.guild.id, "hketo", bot.clock.now())
    assert campaign is not None
    lines = await own_office_standing_lines(bot.db, world.guild.id, world.member.id, campaign)
    assert len(lines) == 3
    assert lines[0].startswith("**Sen. Avery Example** (D-NH) · ☎ 202-555-0100")
    assert lines[0].endswith("✅ cosponsor of S. 900 (119th Congress) since March 1, 2025")
    zh = await own_office_standing_lines(bot.db, world.guild.id, world.member.id, campaign, "zh-TW")
    assert "自 2025年3月1日 起聯署 S. 900" in zh[0]
    nobody = await own_office_standing_lines(bot.db, world.guild.id, world.organizer.id, campaign)
    assert nobody == []
    assert ScriptVariant.COSPONSOR.catalog_key == "calls.script_variant.cosponsor"
