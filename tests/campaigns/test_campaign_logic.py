"""Campaign logic without Discord: bill numbers, Congresses, links, resolving, scripts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.calls.script import MAX_TEMPLATE, PLACEHOLDERS, default_template, render, validate_template
from bot.calls.stats import periods, weekly_streak
from bot.campaigns.model import (
    BillNumberError,
    congress_end,
    congress_ended,
    congress_url,
    current_congress,
    ordinal,
    parse_bill_number,
    resolve_campaign,
    seed_campaigns,
    suggest_campaigns,
)
from bot.core.content import load_content
from bot.core.errors import UserError

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def campaigns():
    return seed_campaigns(load_content(), NOW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H.R. 1103", ("house", 1103)),
        ("HR1103", ("house", 1103)),
        ("hr 1103", ("house", 1103)),
        ("H.R.1103", ("house", 1103)),
        ("H. R. 1103", ("house", 1103)),
        ("S. 490", ("senate", 490)),
        ("S.490", ("senate", 490)),
        ("s490", ("senate", 490)),
        ("  S 3177 ", ("senate", 3177)),
    ],
)
def test_bill_numbers_written_any_common_way(text, expected):
    assert parse_bill_number(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("H.R. -3", "bills.number.negative"),
        ("X 12", "bills.number.unknown_kind"),
        ("H.R. 0", "bills.number.zero"),
        ("S. 000", "bills.number.zero"),
        ("H.R. 99999", "bills.number.too_big"),
        ("H.R. 123456789012", "bills.number.too_big"),
        ("H.R.", "bills.number.malformed"),
        ("H.R. 12a", "bills.number.malformed"),
        ("H.Res. 12", "bills.number.unknown_kind"),
        ("1103", "bills.number.unknown_kind"),
        ("", "bills.number.empty"),
        ("   ", "bills.number.empty"),
    ],
)
def test_bad_bill_numbers_are_refused_with_a_reason(text, key):
    with pytest.raises(BillNumberError) as info:
        parse_bill_number(text)
    assert info.value.key == key


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (118, "118th"),
        (121, "121st"),
        (122, "122nd"),
        (123, "123rd"),
    ],
)
def test_ordinals(n, text):
    assert ordinal(n) == text


def test_congress_gov_links():
    assert (
        congress_url(118, "house", 1103)
        == "https://www.congress.gov/bill/118th-congress/house-bill/1103"
    )
    assert (
        congress_url(118, "senate", 490)
        == "https://www.congress.gov/bill/118th-congress/senate-bill/490"
    )
    assert congress_url(121, "house", 7).endswith("/121st-congress/house-bill/7")
    assert congress_url(122, "senate", 7).endswith("/122nd-congress/senate-bill/7")


def test_congress_ends_on_january_3_of_the_odd_year_after():
    assert congress_end(118) == date(2025, 1, 3)
    assert congress_end(118, {118: "2025-01-03"}) == date(2025, 1, 3)
    assert congress_end(119) == date(2027, 1, 3)
    assert congress_end(1) == date(1791, 1, 3)


def test_expiry_is_judged_at_noon_washington_time():
    # Noon EST on 3 January 2025 is 17:00 UTC.
    assert not congress_ended(118, datetime(2025, 1, 3, 16, 59, tzinfo=UTC))
    assert congress_ended(118, datetime(2025, 1, 3, 17, 0, tzinfo=UTC))
    assert not congress_ended(119, NOW)
    assert current_congress(datetime(2025, 1, 3, 16, 0, tzinfo=UTC)) == 118
    assert current_congress(datetime(2025, 1, 3, 18, 0, tzinfo=UTC)) == 119
    assert current_congress(NOW) == 119
    assert current_congress(datetime(2024, 6, 1, tzinfo=UTC)) == 118


def test_seed_campaigns_are_the_three_acts_with_the_statements_numbers(campaigns):
    assert [c.slug for c in campaigns] == ["hketo", "sanctions", "tnr"]
    hketo = campaigns[0]
    assert hketo.numbers_label == "H.R. 1103/S. 490"
    assert all(v.from_statement and v.current and v.expired for v in hketo.versions)
    assert hketo.versions[0].ended_on == date(2025, 1, 3)
    before_end = seed_campaigns(load_content(), datetime(2024, 3, 1, tzinfo=UTC))
    assert not any(v.expired for c in before_end for v in c.versions)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("HKETO", "hketo"),
        ("hketo", "hketo"),
        ("H.R. 1103", "hketo"),
        ("hr1103", "hketo"),
        ("S.490", "hketo"),
        ("Hong Kong Economic and Trade Office Certification Act", "hketo"),
        ("hketo certification act", "hketo"),
        ("HKSA", "sanctions"),
        ("hr 6153", "sanctions"),
        ("S.3177", "sanctions"),
        ("tnr", "tnr"),
        ("Transnational Repression Policy Act", "tnr"),
        ("s831", "tnr"),
    ],
)
def test_resolving_names_aliases_and_numbers(campaigns, text, slug):
    assert resolve_campaign(campaigns, text).slug == slug


@pytest.mark.parametrize("text", ["", "nope", "H.R. 9", "X 12", "H.R. -3", "Hong Kong"])
def test_unknown_text_resolves_to_nothing(campaigns, text):
    assert resolve_campaign(campaigns, text) is None


def test_suggestions(campaigns):
    assert [c.slug for c in suggest_campaigns(campaigns, "")] == ["hketo", "sanctions", "tnr"]
    assert [c.slug for c in suggest_campaigns(campaigns, "hr11")] == ["hketo"]
    assert [c.slug for c in suggest_campaigns(campaigns, "S.8")] == ["tnr"]
    assert [c.slug for c in suggest_campaigns(campaigns, "sanc")] == ["sanctions"]
    assert suggest_campaigns(campaigns, "zzz") == []


def test_default_scripts_fill_in_and_ask_only_what_the_statement_asks(campaigns):
    statement = " ".join(p.text for p in load_content().statement.paragraphs)
    for c in campaigns:
        template = validate_template(default_template(c.slug))
        text = render(template, c)
        assert c.short_name in text and c.numbers_label in text
        assert "{" not in text and "}" not in text
        assert len(text) <= MAX_TEMPLATE
        # The act and its numbers are in the statement, as is what the script asks for.
        assert c.statement_ask in statement
    hketo = render(default_template("hketo"), campaigns[0])
    assert "to the floor for a vote" in hketo
    assert "my Representative and my Senators" in hketo
    for c in campaigns[1:]:
        assert "advance" in render(default_template(c.slug), c)


def test_every_placeholder_fills(campaigns):
    template = " ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    text = render(validate_template(template), campaigns[0])
    assert text.startswith("Hong Kong Economic and Trade Office Certification Act ")
    assert "H.R. 1103/S. 490" in text and "118th Congress" in text


@pytest.mark.parametrize(
    ("template", "key", "named"),
    [
        ("Call about {bill}", "calls.script.unknown_placeholder", "{bill}"),
        ("Call about {act.upper}", "calls.script.unknown_placeholder", "{act.upper}"),
        ("Call about {act!r}", "calls.script.unknown_placeholder", "{act!r}"),
        ("Call about {act:>10}", "calls.script.unknown_placeholder", "{act:>10}"),
        ("Call about {0}", "calls.script.unknown_placeholder", "{0}"),
        ("Call about {}", "calls.script.empty_placeholder", None),
        ("Call about {act", "calls.script.bad_braces", None),
        ("Call about act}", "calls.script.bad_braces", None),
        ("   ", "calls.script.empty", None),
        ("x" * (MAX_TEMPLATE + 1), "calls.script.too_long", None),
    ],
)
def test_bad_templates_are_refused_naming_the_problem(template, key, named):
    with pytest.raises(UserError) as info:
        validate_template(template)
    assert info.value.key == key
    if named:
        assert info.value.values["name"] == named


def test_literal_braces_and_the_limit_are_allowed(campaigns):
    ok = validate_template("Say {{hello}} about {short_name}" + "x" * 10)
    assert render(ok, campaigns[0]).startswith("Say {hello} about HKETO Certification Act")
    assert validate_template("y" * MAX_TEMPLATE)


def test_weekly_streak_counts_consecutive_weeks():
    today = date(2026, 1, 14)  # a Wednesday
    assert weekly_streak([], today) == 0
    assert weekly_streak(["2026-01-12"], today) == 1
    assert weekly_streak(["2026-01-12", "2026-01-05", "2025-12-29"], today) == 3
    # Not called yet this week: last week's streak still stands.
    assert weekly_streak(["2026-01-09", "2026-01-02"], today) == 2
    # A whole week without a call breaks it.
    assert weekly_streak(["2025-12-29"], today) == 0
    assert weekly_streak(["2026-01-12", "2025-12-29"], today) == 1


def test_periods_are_in_the_servers_zone():
    from zoneinfo import ZoneInfo

    # 03:00 UTC on Thursday 1 January 2026 is still Wednesday 31 December in New York.
    p = periods(datetime(2026, 1, 1, 3, tzinfo=UTC), ZoneInfo("America/New_York"))
    assert p.today == date(2025, 12, 31)
    assert p.week_start == date(2025, 12, 29)
    assert p.month_start == date(2025, 12, 1)


def test_call_button_custom_ids_fit_and_route():
    from cogs.calls.buttons import CallScriptButton, script_custom_id
    from cogs.calls.outcomes import CallOutcomeButton, outcome_custom_id

    longest = outcome_custom_id("a" * 20, "no_answer", "B" * 32, 10**19)
    assert len(longest) <= 100
    match = CallOutcomeButton.__discord_ui_compiled_template__.fullmatch(longest)
    assert match and match["office"] == "B" * 32 and match["guild"] == str(10**19)
    plain = CallOutcomeButton.__discord_ui_compiled_template__.fullmatch(
        outcome_custom_id("hketo", "reached")
    )
    assert plain and plain["office"] is None and plain["guild"] is None
    assert (
        CallScriptButton.__discord_ui_compiled_template__.fullmatch(script_custom_id("tnr", 42))[
            "guild"
        ]
        == "42"
    )
    for bad in ({"outcome": "hung_up"}, {"office": "has space"}, {"office": "x" * 33}):
        with pytest.raises(ValueError):
            outcome_custom_id("hketo", bad.get("outcome", "reached"), bad.get("office"))


def test_shipped_status_and_asks_are_the_statements_own_words():
    content = load_content()
    statement = " ".join(p.text for p in content.statement.paragraphs)
    for seed in content.campaigns:
        assert seed.statement_ask in statement
        if seed.statement_status:
            assert seed.statement_status in statement
        for v in seed.versions:
            # The statement writes "H.R. 1103", "S. 490" and "S.3177".
            forms = (
                [f"H.R. {v.number}"]
                if v.chamber == "house"
                else [f"S. {v.number}", f"S.{v.number}"]
            )
            assert any(f in seed.statement_ask for f in forms), v
