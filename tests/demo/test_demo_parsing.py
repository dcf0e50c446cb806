"""The demo's own parts on their own: reading a typed line, option values, rendering."""

from __future__ import annotations

from datetime import UTC, datetime

import discord
import pytest

from bot.core.i18n import catalog
from bot.demo.commands import (
    BOOLEAN,
    CHANNEL,
    INTEGER,
    NUMBER,
    ROLE,
    STRING,
    USER,
    CommandIndex,
    OptionSpec,
    completions,
)
from bot.demo.render import Names, modal_fields, render_components, render_embed, render_modal
from bot.demo.syntax import DemoInputError, parse_slash
from bot.demo.values import Resolvers, coerce, parse_duration


def _index() -> CommandIndex:
    return CommandIndex.from_payloads(
        [
            {
                "name": "groups",
                "type": 1,
                "options": [
                    {
                        "type": 1,
                        "name": "near",
                        "description": "d",
                        "options": [
                            {"type": STRING, "name": "place", "required": True},
                            {"type": BOOLEAN, "name": "public"},
                        ],
                    },
                    {
                        "type": 2,
                        "name": "admin",
                        "options": [{"type": 1, "name": "reset", "options": []}],
                    },
                ],
            },
            {
                "name": "remind",
                "type": 1,
                "options": [
                    {"type": STRING, "name": "when", "required": True},
                    {
                        "type": STRING,
                        "name": "repeat",
                        "choices": [
                            {"name": "Weekly", "value": "weekly"},
                            {"name": "Once", "value": "once"},
                        ],
                    },
                    {"type": CHANNEL, "name": "channel"},
                ],
            },
            {"name": "user menu", "type": 2},
        ]
    )


def test_the_command_path_comes_from_the_tree():
    index = _index()
    line = parse_slash('/groups near place:"San Diego" public:true', index)
    assert line.command.path == ("groups", "near")
    assert line.options == {"place": "San Diego", "public": "true"}
    assert parse_slash("/groups admin reset", index).command.name == "groups admin reset"
    assert "user menu" not in index.names()  # context menus are not typed


def test_values_may_hold_spaces_and_quotes_only_when_needed():
    index = _index()
    line = parse_slash("/groups near place:San Diego, CA public:no", index)
    assert line.options == {"place": "San Diego, CA", "public": "no"}
    line = parse_slash("/remind when:next Monday 10:30 repeat:weekly", index)
    assert line.options == {"when": "next Monday 10:30", "repeat": "weekly"}
    line = parse_slash("/groups near place:Hong Kong's future", index)
    assert line.options["place"] == "Hong Kong's future"
    line = parse_slash('/groups near place: "a b:c"', index)
    assert line.options["place"] == "a b:c"
    # A quoted phrase followed by more words is part of the value, quotes and all.
    line = parse_slash('/groups near place:"national security" law public:true', index)
    assert line.options == {"place": '"national security" law', "public": "true"}


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("/", "demo.parse.empty_command"),
        ("/grops near place:x", "demo.parse.unknown_command"),
        ("/groups", "demo.parse.needs_subcommand"),
        ("/groups far place:x", "demo.parse.unknown_subcommand"),
        ("/groups near", "demo.parse.missing_option"),
        ("/groups near plase:x", "demo.parse.unknown_option"),
        ("/groups near place:x place:y", "demo.parse.duplicate_option"),
        ('/groups near place:"x', "demo.parse.unclosed_quote"),
        ('/groups near place:"x"y', "demo.parse.after_quote"),
        ("/groups near place:", "demo.parse.empty_value"),
        ("/groups near place:a pubic:true", "demo.parse.unknown_inside"),
        ("/groups near x", "demo.parse.expected_option"),
        ("/groups admin reset now", "demo.parse.no_options"),
    ],
)
def test_bad_lines_name_their_problem(line: str, key: str):
    with pytest.raises(DemoInputError) as err:
        parse_slash(line, _index())
    assert err.value.key == key
    assert key in catalog("en")


def _resolvers() -> Resolvers:
    return Resolvers(
        member=lambda s: "MEMBER" if s.lstrip("@") == "member" else None,
        channel=lambda s: "CHANNEL" if s.lstrip("#") == "general" else None,
        role=lambda s: "ROLE" if s.lstrip("@") == "Organizers" else None,
        members=lambda: ["member"],
        channels=lambda: ["general"],
        roles=lambda: ["Organizers"],
    )


def test_values_are_coerced_by_the_option_type():
    r = _resolvers()
    assert coerce(OptionSpec("n", INTEGER), "-3", r) == -3
    assert coerce(OptionSpec("x", NUMBER), "2.5", r) == 2.5
    assert coerce(OptionSpec("b", BOOLEAN), "Yes", r) is True
    assert coerce(OptionSpec("b", BOOLEAN), "off", r) is False
    assert coerce(OptionSpec("c", CHANNEL), "#general", r) == "CHANNEL"
    assert coerce(OptionSpec("r", ROLE), "@Organizers", r) == "ROLE"
    assert coerce(OptionSpec("u", USER), "@member", r) == "MEMBER"
    repeat = OptionSpec("repeat", STRING, choices=(("Weekly", "weekly"),))
    assert coerce(repeat, "WEEKLY", r) == "weekly"
    for option, raw, key in [
        (OptionSpec("n", INTEGER), "3.5", "demo.value.integer"),
        (OptionSpec("x", NUMBER), "lots", "demo.value.number"),
        (OptionSpec("b", BOOLEAN), "maybe", "demo.value.boolean"),
        (OptionSpec("c", CHANNEL), "#nowhere", "demo.value.channel"),
        (OptionSpec("r", ROLE), "@Nobody", "demo.value.role"),
        (OptionSpec("u", USER), "@nobody", "demo.value.member"),
        (repeat, "daily", "demo.value.not_a_choice"),
    ]:
        with pytest.raises(DemoInputError) as err:
            coerce(option, raw, r)
        assert err.value.key == key and key in catalog("en")


def test_durations():
    assert parse_duration("2h") == 7200
    assert parse_duration("1h30m") == 5400
    assert parse_duration("45 minutes") == 2700
    assert parse_duration("1d 2h") == 93600
    for bad in ("", "soon", "2", "0m", "2 parsecs", "h2"):
        with pytest.raises(DemoInputError):
            parse_duration(bad)
    with pytest.raises(DemoInputError) as err:
        parse_duration("400d")
    assert err.value.key == "demo.advance.too_far"


def test_tab_completion_follows_the_tree():
    index = _index()
    assert completions("/gr", index, [":as"]) == ["/groups "]
    assert completions("/groups n", index, []) == ["near "]
    assert completions("/groups near p", index, []) == ["place:", "public:"]
    assert completions("/groups near place:x p", index, []) == ["place:", "public:"]
    assert completions(":a", index, [":as", ":advance", ":help"]) == [":advance ", ":as "]
    assert completions(":as m", index, [":as"]) == []


def test_every_demo_message_key_exists():
    keys = {k for k in catalog("en") if k.startswith("demo.")}
    for area in ("parse", "submit"):
        for name in (
            "expected_option",
            "unknown_option",
            "duplicate_option",
            "unknown_inside",
            "no_options",
        ):
            assert f"demo.{area}.{name}" in keys


# --------------------------------------------------------------------- render


def _names() -> Names:
    return Names(
        user=lambda i: {1: "member"}.get(i),
        channel=lambda i: {2: "general"}.get(i),
        role=lambda i: {3: "Organizers"}.get(i),
        now=lambda: datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_mentions_links_and_timestamps_read_as_names():
    names = _names()
    when = int(datetime(2026, 1, 1, 2, tzinfo=UTC).timestamp())
    text = names.humanize(f"<@1> <#2> <@&3> <@9> <t:{when}:R> <t:{when}:F> [H.R. 1](https://x.y/1)")
    assert text == (
        "@member #general @Organizers <@9> in 2 hours January 1, 2026, 2:00 AM UTC H.R. 1 <https://x.y/1>"
    )


def test_embeds_buttons_selects_and_layouts_render_as_text():
    embed = discord.Embed(title="Title", description="Line one\nLine two")
    embed.add_field(name="Field", value="Value")
    embed.set_footer(text="Footer")
    lines = render_embed(embed, _names())
    assert lines == [
        "  | Title",
        "  | Line one",
        "  | Line two",
        "  | Field:",
        "  |   Value",
        "  | -- Footer",
    ]
    rows = [
        {
            "type": 1,
            "components": [
                {"type": 2, "label": "Previous", "disabled": True, "custom_id": "p"},
                {"type": 2, "label": "Next", "custom_id": "n", "emoji": {"name": "➡️"}},
                {"type": 2, "label": "Docs", "url": "https://x.y", "style": 5},
            ],
        },
        {
            "type": 1,
            "components": [
                {
                    "type": 3,
                    "custom_id": "s",
                    "placeholder": "Repeat",
                    "options": [{"label": "Weekly", "value": "w"}],
                }
            ],
        },
        {"type": 17, "components": [{"type": 10, "content": "Inside <#2>"}]},
    ]
    assert render_components(rows, _names()) == [
        "  [ Previous (disabled) ] [ ➡️ Next ] [ Docs -> https://x.y ]",
        "  < menu: Repeat -- Weekly >",
        "  | Inside #general",
    ]


def test_modal_fields_come_from_rows_and_labels():
    modal = {
        "title": "Call script",
        "custom_id": "m",
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 4, "custom_id": "a1", "label": "Script", "style": 2, "max_length": 9}
                ],
            },
            {
                "type": 18,
                "label": "Repeat",
                "component": {
                    "type": 3,
                    "custom_id": "b2",
                    "options": [{"label": "Weekly", "value": "w"}],
                    "required": False,
                },
            },
        ],
    }
    fields = modal_fields(modal)
    assert [(f.key, f.kind, f.required, f.paragraph) for f in fields] == [
        ("script", "text", True, True),
        ("repeat", "select", False, False),
    ]
    lines = render_modal(modal, fields, _names())
    assert lines[0] == "The bot opened a form: Call script"
    assert "[script] Script (required, several lines, up to 9 characters)" in lines[1]
