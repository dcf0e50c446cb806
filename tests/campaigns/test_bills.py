"""/bills and /bill-tracking: campaigns, versions across Congresses, current marks and status
lines."""

from __future__ import annotations

import discord
import pytest
from simcord import SetupError

from tests.helpers import grant_to_everyone


def fields_of(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


def second_server(world):
    other = world.env.create_guild("Other")
    channel = other.create_text_channel("general")
    boss = other.add_member(
        world.env.create_user("boss"),
        roles=[other.create_role("Admin", permissions=discord.Permissions(manage_guild=True))],
    )
    return channel, boss


async def test_list_shows_the_three_acts_with_links_and_expiry(world):
    result = await world.member.slash(world.general, "bills list")
    assert result.ephemeral
    fields = fields_of(result)
    assert list(fields) == [
        "HKETO Certification Act",
        "Hong Kong Sanctions Act",
        "Transnational Repression Policy Act",
    ]
    hketo = fields["HKETO Certification Act"]
    assert hketo.startswith("Hong Kong Economic and Trade Office Certification Act")
    assert "[H.R. 1103](https://www.congress.gov/bill/118th-congress/house-bill/1103)" in hketo
    assert "[S. 490](https://www.congress.gov/bill/118th-congress/senate-bill/490)" in hketo
    assert "Expired" in hketo
    assert (
        "[S. 3177](https://www.congress.gov/bill/118th-congress/senate-bill/3177)"
        in (fields["Hong Kong Sanctions Act"])
    )
    # A field is headed by the act's short name; its full name follows only if different.
    assert fields["Hong Kong Sanctions Act"].startswith("[H.R. 6153]")


async def test_info_shows_versions_the_statements_ask_and_status(world):
    result = await world.member.slash(world.general, "bills info", bill="hketo")
    assert result.ephemeral
    assert result.response.embeds[0].title == (
        "Hong Kong Economic and Trade Office Certification Act"
    )
    fields = fields_of(result)
    assert "(current, named in the statement)" in fields["Versions"]
    assert "118th Congress ended on January 3, 2025" in fields["Versions"]
    assert (
        "bringing the HKETO Certification Act (H.R. 1103/S. 490) to the floor"
        in (fields["What the statement asks"])
    )
    # The statement's own status line, labelled as the statement's, beside its versions.
    assert fields["What the statement said of H.R. 1103/S. 490 (118th Congress)"] == (
        "“The legislation has passed both the House Foreign Affairs Committee and the Senate "
        "Foreign Relations Committee with overwhelming bipartisan support.” "
        "(from the joint statement)"
    )
    assert fields["Status"] == "No organizer has posted a status line."
    # Offline (no token): no copy of the record, and nothing is claimed about the status.
    assert "Unverified" in fields["Official record: H.R. 1103 (118th Congress)"]
    # Every number has expired: how to add the current one, without claiming one exists.
    assert "If it has been reintroduced in the 119th Congress" in fields["Versions"]
    assert "`/bill-tracking add-version bill:hketo number:… congress:119`" in fields["Versions"]
    sanctions = await world.member.slash(world.general, "bills info", bill="S.3177")
    assert "No organizer has posted" in fields_of(sanctions)["Status"]
    assert not any(name.startswith("What the statement said") for name in fields_of(sanctions))


async def test_info_refuses_an_unknown_bill(world):
    result = await world.member.slash(world.general, "bills info", bill="X 12")
    assert result.ephemeral
    assert "I don't know a campaign called “X 12”" in result.response.content


async def test_add_version_and_current_marking(world):
    added = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="hr 2000", congress=119
    )
    assert added.ephemeral
    assert added.response.content.startswith(
        "Added H.R. 2000 (119th Congress) to the HKETO Certification Act, "
        "and made it the current House version.\n⚠️ **Unverified:** this run of the bot "
        "doesn't download the official record"
    )
    call = await world.member.slash(world.general, "call", bill="HKETO")
    embed = call.response.embeds[0]
    assert "(H.R. 2000/S. 490)" in embed.description
    bills = embed.fields[0].value
    assert "https://www.congress.gov/bill/119th-congress/house-bill/2000" in bills
    assert bills.count("Expired") == 1  # only S. 490 now
    assert "1103" not in bills

    # The new number resolves and autocompletes too.
    by_number = await world.member.slash(world.general, "bills info", bill="H.R.2000")
    versions = fields_of(by_number)["Versions"]
    assert versions.index("H.R. 2000") < versions.index("H.R. 1103")
    assert "[H.R. 2000](https://www.congress.gov/bill/119th-congress/house-bill/2000) · " in (
        versions
    )
    choices = await world.member.autocomplete(world.general, "call", "bill", "hr2000")
    assert [c["value"] for c in choices] == ["hketo"]
    assert choices[0]["name"] == (
        "HKETO Certification Act (H.R. 2000, 119th Congress; S. 490, 118th Congress, expired)"
    )

    # Not current on request; then marked current by hand.
    quiet = await world.organizer.slash(
        world.general,
        "bill-tracking add-version",
        bill="HKETO",
        number="S.900",
        congress=119,
        current=False,
    )
    assert quiet.response.content.startswith(
        "Added S. 900 (119th Congress) to the HKETO Certification Act.\n"
    )
    still = await world.member.slash(world.general, "call", bill="HKETO")
    assert "(H.R. 2000/S. 490)" in still.response.embeds[0].description
    marked = await world.organizer.slash(
        world.general, "bill-tracking set-current", bill="HKETO", number="s 900"
    )
    assert marked.response.content == (
        "S. 900 (119th Congress) is now the current Senate version of the HKETO Certification Act."
    )
    now = await world.member.slash(world.general, "call", bill="HKETO")
    assert "(H.R. 2000/S. 900)" in now.response.embeds[0].description
    assert "Expired" not in now.response.embeds[0].fields[0].value

    back = await world.organizer.slash(
        world.general, "bill-tracking set-current", bill="HKETO", number="H.R. 1103"
    )
    assert "H.R. 1103 (118th Congress) is now the current House version" in back.response.content
    assert "Expired:** the 118th Congress ended on January 3, 2025." in back.response.content


async def test_add_version_refuses_malformed_numbers(world):
    for number, expected in [
        ("H.R. -3", "bill numbers are positive"),
        ("X 12", "isn't a House or Senate bill number"),
        ("H.R. 0", "bill numbers start at 1"),
        ("H.R. 99999999", "far beyond any bill number"),
        ("HR twelve", "isn't a House or Senate bill number"),
    ]:
        result = await world.organizer.slash(
            world.general, "bill-tracking add-version", bill="HKETO", number=number, congress=119
        )
        assert result.ephemeral
        assert expected in result.response.content, number
    listing = await world.member.slash(world.general, "bills info", bill="HKETO")
    assert fields_of(listing)["Versions"].count("•") == 2


async def test_add_version_refuses_bad_congresses_and_duplicates(world):
    future = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="TNR", number="H.R. 5", congress=121
    )
    assert "The 121st Congress hasn't begun yet (the sitting Congress is the 119th" in (
        future.response.content
    )
    old = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="TNR", number="H.R. 5", congress=50
    )
    assert "begin with the 93rd Congress" in old.response.content
    expired = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="TNR", number="H.R. 5", congress=117
    )
    # Older than the current version: added, but not made current unless asked.
    assert expired.response.content.startswith(
        "Added H.R. 5 (117th Congress) to the Transnational Repression Policy Act. ⚠️"
    )
    assert "Expired:** the 117th Congress ended on January 3, 2023." in expired.response.content
    dup = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="TNR", number="S.831", congress=118
    )
    assert dup.response.content == (
        "S. 831 (118th Congress) is already a version of the Transnational Repression Policy Act."
    )
    taken = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="TNR", number="H.R. 1103", congress=118
    )
    assert "already belongs to the HKETO Certification Act" in taken.response.content


async def test_set_current_refuses_what_is_not_a_version(world):
    result = await world.organizer.slash(
        world.general, "bill-tracking set-current", bill="HKETO", number="H.R. 6153"
    )
    assert "H.R. 6153 isn't a version of the HKETO Certification Act" in result.response.content
    bad = await world.organizer.slash(
        world.general, "bill-tracking set-current", bill="HKETO", number="X 12"
    )
    assert "isn't a House or Senate bill number" in bad.response.content


async def test_set_current_asks_which_congress_when_a_number_repeats(world):
    await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="H.R. 1103", congress=119
    )
    vague = await world.organizer.slash(
        world.general, "bill-tracking set-current", bill="HKETO", number="H.R. 1103"
    )
    assert "in more than one Congress" in vague.response.content
    exact = await world.organizer.slash(
        world.general, "bill-tracking set-current", bill="HKETO", number="H.R. 1103", congress=118
    )
    assert "(118th Congress) is now the current House version" in exact.response.content


async def test_status_lines_keep_date_author_and_history(world):
    first = await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="Reintroduced in the House."
    )
    assert first.response.content == (
        "Posted a new status for the HKETO Certification Act: “Reintroduced in the House.”"
    )
    await world.env.advance_time(3 * 24 * 3600)
    await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="  Scheduled   for markup. "
    )
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    # Members see that an organizer set it, not which one (the log channel says who).
    assert info["Status"] == "“Scheduled for markup.” (set by an organizer on January 3, 2026)"
    history = info["Earlier status lines"].split("\n")
    # Dates are the server's (New York by default): 00:00 UTC on 1 January is 31 December.
    assert history == ["• “Reintroduced in the House.” (set by an organizer on December 31, 2025)"]


async def test_status_line_limits(world):
    empty = await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="   "
    )
    assert "Please write the status line" in empty.response.content
    long = await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="x" * 301
    )
    assert "301 characters; please keep it to 300" in long.response.content


async def test_members_cannot_use_organizer_commands(world):
    for name, options in [
        ("bill-tracking add-version", {"bill": "HKETO", "number": "H.R. 5", "congress": 119}),
        ("bill-tracking set-current", {"bill": "HKETO", "number": "H.R. 1103"}),
        ("bill-tracking set-status", {"bill": "HKETO", "text": "Passed!"}),
    ]:
        with pytest.raises(SetupError, match="not visible"):  # Discord hides /bill-tracking
            await world.member.slash(world.general, name, **options)
    await grant_to_everyone(world, "bill-tracking")  # even when an admin shows it to everyone
    for name, options in [
        ("bill-tracking add-version", {"bill": "HKETO", "number": "H.R. 5", "congress": 119}),
        ("bill-tracking set-current", {"bill": "HKETO", "number": "H.R. 1103"}),
        ("bill-tracking set-status", {"bill": "HKETO", "text": "Passed!"}),
    ]:
        result = await world.member.slash(world.general, name, **options)
        assert result.ephemeral
        assert "Only organizers" in result.response.content, name
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    assert "Passed!" not in info["Status"]
    assert "H.R. 5" not in info["Versions"]


async def test_a_second_server_sees_none_of_the_firsts_versions_or_status(world):
    await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="H.R. 2000", congress=119
    )
    await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="Our server's news."
    )
    channel, boss = second_server(world)
    info = fields_of(await boss.slash(channel, "bills info", bill="HKETO"))
    assert "2000" not in info["Versions"]
    assert "Our server's news" not in info["Status"]
    refused = await boss.slash(channel, "bills info", bill="H.R. 2000")
    assert "I don't know a campaign" in refused.response.content
    call = await boss.slash(channel, "call", bill="HKETO")
    assert "(H.R. 1103/S. 490)" in call.response.embeds[0].description
    # And the second server can add the same number for itself.
    ok = await boss.slash(
        channel, "bill-tracking add-version", bill="HKETO", number="H.R. 2000", congress=119
    )
    assert ok.response.content.startswith("Added H.R. 2000 (119th Congress)")


async def test_autocomplete_over_names_and_numbers(world):
    for typed, slugs in [
        ("", ["hketo", "sanctions", "tnr"]),
        ("HK", ["hketo", "sanctions"]),
        ("H.R. 1103", ["hketo"]),
        ("S.490", ["hketo"]),
        ("transnational", ["tnr"]),
    ]:
        choices = await world.member.autocomplete(world.general, "bills info", "bill", typed)
        assert [c["value"] for c in choices] == slugs, typed
        assert all(len(c["name"]) <= 100 for c in choices)


async def test_add_version_refuses_a_number_stored_under_another_campaign(world):
    # A row the loaded campaigns don't show (another organizer's insert a moment ago, or a
    # campaign since retired): the store refuses it, and the organizer is told, not thanked.
    await world.env.bot.db.execute(
        "INSERT INTO bill_versions (guild_id, campaign, congress, chamber, number, added_by,"
        " added_at) VALUES (?, 'retired', 119, 'house', 1500, 1, '2026-01-01')",
        (world.guild.id,),
    )
    result = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="H.R. 1500", congress=119
    )
    assert result.ephemeral
    assert "retired" in result.response.content and "Added" not in result.response.content
    info = await world.member.slash(world.general, "bills info", bill="HKETO")
    assert "1500" not in str(info.response.embeds[0].to_dict())
