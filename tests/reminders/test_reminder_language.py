"""Reminder posts read in the server's language (/setup language); DMs in the member's."""

from __future__ import annotations

from bot.demo.language import client_locales
from bot.reminders.texts import notice_text
from tests.helpers import bot_posts, schedule

ZH = "zh-TW"


def labels(message) -> list[str]:
    return [c.label for row in message.components for c in row.children]


async def test_a_chinese_servers_post_and_dms_are_in_each_readers_language(world):
    await world.organizer.slash(world.general, "setup language", language=ZH)
    english = world.guild.add_member(world.env.create_user("english"))
    client_locales(world.env).set(world.member.id, ZH)
    client_locales(world.env).set(english.id, "en-US")
    await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    await english.slash(world.general, "reminders subscribe", bill="HKETO")
    await schedule(world, "in 10 minutes")
    await world.env.advance_time(10 * 60)

    (post,) = bot_posts(world.call_to_action)
    assert "是時候就" in post.content and "致電" in post.content
    assert "已失效：第 118 屆國會已結束" in post.content  # the Congress in the reader's words
    assert "打開致電講稿" in labels(post)

    dm = world.member.user.dm_channel.last_message
    assert "是時候就" in dm.content
    assert "停止這些私訊" in labels(dm) and "打開致電講稿" in labels(dm)
    dm = english.user.dm_channel.last_message
    assert "time to call about" in dm.content
    assert "Stop these DMs" in labels(dm)


def test_notices_count_in_words_not_in_brackets():
    one = notice_text("reminders.log.missed", {"id": 3, "due": 0, "count": 1})
    assert "(1 occurrence skipped)" in one
    many = notice_text("reminders.notice.resumed", {"ids": [3, 4], "count": 2})
    assert many.startswith("Resumed 2 reminders: #3, #4.")
    chinese = notice_text("reminders.notice.resumed", {"ids": [3, 4], "count": 2}, ZH)
    assert chinese.startswith("已恢復 2 個提醒")


async def test_an_organizer_previews_the_post_in_the_servers_language(world):
    # The post goes out in Chinese; the organizer reads the bot in English.
    await world.organizer.slash(world.general, "setup language", language=ZH)
    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 1 hour"
    )
    embed = preview.response.embeds[0]
    assert "是時候就" in embed.description and "time to call about" not in embed.description
    assert "Goes out" in {f.name for f in embed.fields}  # the organizer's own labels

    reminder_id = await schedule(world, "in 2 hours")
    shown = (await world.organizer.slash(world.general, "remind show", id=reminder_id)).response
    assert "是時候就" in shown.embeds[0].description
    assert "time to call about" not in shown.embeds[0].description
