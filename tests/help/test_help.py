"""/help: two short pages, members' and organizers', one example each that really runs."""

from __future__ import annotations

import re

import pytest

from bot.core.i18n import catalog
from bot.demo.session import command_index
from bot.demo.syntax import parse_slash


def _buttons(message) -> dict[str, dict]:
    return {c["label"]: c for row in message.components for c in row["components"]}


async def test_a_new_member_types_help_and_sees_their_commands_privately(world):
    result = await world.member.slash(world.general, "help")
    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "What you can do here"
    text = embed.description
    for example in (
        "`/statement search query:sanctions`",
        "`/groups near place:Houston`",
        "`/call bill:HKETO`",
        "`/reminders subscribe bill:HKETO`",
        "`/me forget`",
    ):
        assert example in text
    assert "/setup" not in text
    assert len(text.splitlines()) <= 9  # a short page
    buttons = _buttons(result.response)
    assert buttons["For members"]["disabled"] is True
    assert buttons["For organizers"]["disabled"] is False


async def test_the_organizers_page_by_button_or_option(world):
    result = await world.organizer.slash(world.general, "help")
    clicked = await world.organizer.click(result.response, label="For organizers")
    assert clicked.response.id == result.response.id  # the same private message turns
    embed = clicked.response.embeds[0]
    assert embed.title == "For organizers"
    assert "`/setup timezone name:Eastern`" in embed.description
    assert "`/remind create bill:HKETO when:friday 6pm channel:#call-to-action`" in (
        embed.description
    )
    back = await world.organizer.click(clicked.response, label="For members")
    assert back.response.embeds[0].title == "What you can do here"
    direct = await world.organizer.slash(world.general, "help", page="organizers")
    assert direct.response.embeds[0].title == "For organizers"


async def test_help_works_in_direct_messages_too(world):
    result = await world.member.user.slash("help")
    assert result.response.embeds[0].title == "What you can do here"


@pytest.mark.parametrize("locale", ["en", "zh-TW"])
async def test_every_example_names_a_real_command_with_its_real_options(world, locale):
    index = command_index(world.env.bot, world.guild.id)
    messages = catalog(locale)
    texts = [messages["help.members.text"], messages["help.organizers.text"]]
    texts += [v for k, v in messages.items() if k.startswith("setup.checklist.how.")]
    examples = [m for text in texts for m in re.findall(r"`(/[^`]+)`", text)]
    assert len(examples) >= 20
    for example in examples:
        # An unknown command or option raises; a full example must have the required ones,
        # a command only named ("then `/bill-tracking add-version`") need not.
        parsed = parse_slash(example, index, allow_empty_last=":" not in example)
        assert parsed.command.name in example
