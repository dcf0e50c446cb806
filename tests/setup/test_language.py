"""Who reads which language: a private reply the member's, a post the server's
(/setup language), a DM the member's when the bot knows it."""

from __future__ import annotations

from bot.core.language import server_locale, supported_locales
from bot.demo.language import client_locales
from bot.privacy.member_language import dm_locale, member_locale
from bot.privacy.members import member_key
from bot.privacy.registry import forget_member
from tests.helpers import grant_to_everyone

ZH = "zh-TW"


def speaks(world, member, locale: str) -> None:
    """The member's Discord client is set to ``locale`` (the demo's ``:locale``)."""
    client_locales(world.env).set(member.id, locale)


def db(world):
    return world.env.bot.db


async def test_organizers_set_the_servers_language_and_see_it(world):
    assert supported_locales() == ("en", ZH)
    await grant_to_everyone(world, "setup")  # visible to all: the bot's own check refuses
    denied = await world.member.slash(world.general, "setup language", language=ZH)
    assert "Only organizers" in denied.response.content
    assert await server_locale(db(world), world.guild.id) == "en"

    done = await world.organizer.slash(world.general, "setup language", language=ZH)
    assert done.ephemeral
    assert done.response.content.startswith("This server's posts, public replies and DMs are now")
    assert "繁體中文" in done.response.content
    assert await server_locale(db(world), world.guild.id) == ZH
    shown = await world.organizer.slash(world.general, "setup show")
    assert "**Language of posts and DMs:** 繁體中文" in shown.response.content

    speaks(world, world.organizer, ZH)
    shown = await world.organizer.slash(world.general, "setup show")
    assert "**帖文及私訊語言：**繁體中文" in shown.response.content


async def test_a_private_reply_follows_the_member_a_public_one_the_server(world):
    await world.organizer.slash(world.general, "setup language", language=ZH)
    # An English-speaking member in a Chinese server: her own view is English ...
    mine = await world.member.slash(world.general, "statement paragraph", number=2)
    assert mine.ephemeral
    assert mine.response.embeds[0].footer.text.startswith("Paragraph 2 of")
    assert mine.response.embeds[0].author.name is None  # no note for English readers
    # ... what she posts for everyone is in the server's language, the statement in English.
    quote = await world.member.slash(world.general, "statement quote", number=2)
    assert not quote.ephemeral
    embed = quote.response.embeds[0]
    assert "摘自 24 個美國香港倡議組織的聯合聲明，第 2 段" in embed.description
    assert embed.author.name == "聯合聲明以英文發表，以下照原文引用；本機械人不提供非官方翻譯。"
    posted = await world.member.slash(world.general, "groups near", place="Oakland", public=True)
    assert posted.response.embeds[0].title == "Oakland, CA 附近的簽署團體"


async def test_a_chinese_reader_in_an_english_server(world):
    speaks(world, world.member, ZH)
    mine = await world.member.slash(world.general, "groups near", place="Oakland")
    assert mine.response.embeds[0].title == "Oakland, CA 附近的簽署團體"
    posted = await world.member.slash(world.general, "groups near", place="Oakland", public=True)
    assert posted.response.embeds[0].title == "Signatory organizations near Oakland, CA"
    card = await world.member.slash(world.general, "call", bill="HKETO")
    embed = card.response.embeds[0]
    assert embed.author.name == "講稿以英文撰寫：致電時，請向美國國會辦事處照讀。"
    assert embed.description.startswith("Hello, my name is")  # read aloud in English


async def test_a_dm_follows_the_members_language_once_known(world):
    assert await dm_locale(db(world), world.guild.id, world.member.id) == "en"
    speaks(world, world.member, ZH)
    await world.member.slash(world.general, "statement paragraph", number=1)
    assert await member_locale(db(world), world.guild.id, world.member.id) == ZH
    assert await dm_locale(db(world), world.guild.id, world.member.id) == ZH
    # The organizer reads the server's language: nothing is kept about her.
    await world.organizer.slash(world.general, "setup show")
    assert await member_locale(db(world), world.guild.id, world.organizer.id) is None
    assert await dm_locale(db(world), world.guild.id, world.organizer.id) == "en"
    # The server turns Chinese: the organizer's DMs follow it, the member's stay hers.
    await world.organizer.slash(world.general, "setup language", language=ZH)
    assert await server_locale(db(world), world.guild.id) == ZH
    # (Her own English may be noted from that very interaction or only from her next: the
    # language listener and the command run side by side. Either way DMs follow her.)
    await world.organizer.slash(world.general, "setup show")
    assert await dm_locale(db(world), world.guild.id, world.organizer.id) == "en"
    speaks(world, world.member, "en-GB")
    await world.member.slash(world.general, "statement paragraph", number=1)
    assert await member_locale(db(world), world.guild.id, world.member.id) == "en"


async def test_only_the_catalog_locale_is_kept_and_forget_deletes_it(world):
    speaks(world, world.member, ZH)
    await world.member.autocomplete(world.general, "groups near", "place", "Oak")
    assert await member_locale(db(world), world.guild.id, world.member.id) is None  # typing
    await world.member.slash(world.general, "statement paragraph", number=1)
    rows = await db(world).fetchall("SELECT * FROM member_languages")
    # The member by their pseudonym (issue 15), never their Discord id.
    member = member_key(db(world), world.guild.id, world.member.id)
    assert [tuple(r) for r in rows] == [(world.guild.id, member, ZH)]

    asked = await world.member.slash(world.general, "me forget")
    assert "Discord 上次告知機械人的你所用語言（用於給你的私訊）" in asked.response.content
    deleted = await forget_member(db(world), world.guild.id, world.member.id)
    assert deleted["language"] == 1
    assert await db(world).fetchall("SELECT * FROM member_languages") == []
