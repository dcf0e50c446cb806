"""Saying it: /me privacy explains what is kept; the log channel tells organizers who did what."""

from __future__ import annotations

from bot.privacy.audit import AuditAction, AuditEntry, audit_text
from bot.privacy.explain import explain
from bot.privacy.members import member_key
from tests.helpers import grant_to_everyone, message_posts
from tests.privacy.steps import load_legislators, member_leaves_every_trace

GENERAL = "General (cosponsorship not known)"


def fields_of(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


# ------------------------------------------------------------------------------ /me privacy


async def test_me_privacy_says_what_is_kept_how_for_how_long_and_how_to_delete(world):
    await load_legislators(world)
    await member_leaves_every_trace(world)
    told = await world.member.slash(world.general, "me privacy")
    assert told.ephemeral
    assert "doesn't** appear anywhere" in told.response.content  # their naming choice
    embed = told.response.embeds[0]
    assert embed.title == "What this bot keeps about you in this server"
    assert "Other members never see your location" in embed.description
    fields = fields_of(told)
    kept = fields["What it has about you now"]
    assert "• calls you reported: 3" in kept
    assert "• your saved location: 1" in kept
    assert "• your privacy choice: 1" in kept
    assert "• your reminder subscriptions: 1" in kept
    assert "never stored as it is" in fields["In what form"]
    assert "plain Discord id" not in fields["In what form"]  # reminders are sealed too
    assert "kept for 90 days" in fields["For how long"]
    assert "`/me forget`" in fields["How to delete it"]
    assert "holds the key" in embed.footer.text


async def test_me_privacy_for_someone_with_nothing_stored_stores_nothing(world):
    told = await world.member.slash(world.general, "me privacy")
    kept = fields_of(told)["What it has about you now"]
    assert kept == "Nothing."  # every kind is counted now, reminder subscriptions too
    db = world.env.bot.db
    key = member_key(db, world.guild.id, world.member.id)
    assert await db.fetchval("SELECT COUNT(*) FROM member_directory WHERE member=?", (key,)) == 0


def test_the_explanation_in_traditional_chinese_uses_the_settings_period():
    found = explain({"calls": 2, "location": 0, "reminder_subscriptions": None}, 60, "zh-TW")
    text = "\n".join([found.title, found.intro, *(v for _, v in found.fields), found.footer])
    assert "你報告的致電：2" in text and "你儲存的所在地" not in text
    assert "60 日" in text and "私隱" not in found.title  # 私隱 is for settings names
    assert "密鑰" in text and "數據庫" in text


# --------------------------------------------------------------------------- the audit log


async def log_channel(world):
    log = world.guild.create_text_channel("organizers-log")
    await world.organizer.slash(world.general, "setup log-channel", channel=log)
    return log


def lines_in(channel) -> list[str]:
    return [m.content for m in channel.history() if m.author.bot]


async def test_organizer_changes_are_logged_with_who(world):
    log = await log_channel(world)
    who = f"<@{world.organizer.id}>"
    await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="Marked up *today*."
    )
    await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="H.R. 9999", congress=119
    )
    shown = await world.organizer.slash(world.general, "call-script", bill="HKETO")
    await world.organizer.submit_modal(shown, {"script": "Please support {short_name}."})
    await world.organizer.slash(world.general, "call-reset-script", bill="HKETO")
    await world.organizer.slash(
        world.general, "group-location set", group="Bonham Tree Aid", city="Oakland", state="CA"
    )
    await world.organizer.slash(world.general, "group-location undo", group="Bonham Tree Aid")
    assert lines_in(log) == [
        f"{who} posted a status for the HKETO Certification Act: “Marked up \\*today\\*.”",
        f"{who} made H.R. 9999 the current version of the HKETO Certification Act.",
        f"{who} changed the call script for the HKETO Certification Act ({GENERAL}).",
        f"{who} reset the call script for the HKETO Certification Act ({GENERAL}) to the default.",
        f"{who} set the location of Bonham Tree Aid to Oakland, CA (San Francisco Bay Area).",
        f"{who} undid the latest location change of Bonham Tree Aid.",
    ]
    sent = [r.json for r in message_posts(world.env) if f"/channels/{log.id}/" in r.path]
    assert len(sent) == 6 and all(s["allowed_mentions"] == {"parse": []} for s in sent)
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    assert str(world.organizer.id) not in info["Status"]  # members see the change, not who


async def test_refusals_and_servers_without_a_log_channel_log_nothing(world):
    await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="One."
    )
    assert not [m for m in world.general.history() if m.author.bot]
    log = await log_channel(world)
    await grant_to_everyone(world, "bill-tracking")  # so our own check refuses the member
    await world.member.slash(world.general, "bill-tracking set-status", bill="HKETO", text="Two.")
    await world.organizer.slash(world.general, "call-reset-script", bill="HKETO")  # no-op
    assert lines_in(log) == []


def test_audit_lines_escape_what_an_organizer_typed_and_stay_short():
    entry = AuditEntry(42, AuditAction.STATUS_POSTED, "HKETO Certification Act", "`x` " * 500)
    text = audit_text(entry, "zh-TW")
    assert text.startswith("<@42> 為 HKETO Certification Act 發布了狀況更新：「\\`x\\`")
    assert len(text) < 400
