"""Scripts by cosponsorship without Discord: variants, placeholders, standings, the card's text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.calls.office_scripts import ScriptBlock, scripts_text
from bot.calls.script import (
    OFFICE_PLACEHOLDERS,
    PLACEHOLDERS,
    default_template,
    render,
    render_example,
    validate_template,
)
from bot.calls.standing import OfficeStanding, ScriptVariant, standing_text
from bot.campaigns.model import BillVersion, seed_campaigns
from bot.campaigns.record.model import CosponsorStatus
from bot.core.content import load_content
from bot.core.enums import Chamber
from bot.core.errors import UserError
from bot.reps.legislators import Legislator

NOW = datetime(2026, 1, 1, tzinfo=UTC)
CAMPAIGNS = seed_campaigns(load_content(), NOW)
SENATOR = Legislator("Z000001", "Avery Example", "senate", "NH", None, "D", None, None, None)
S900 = BillVersion(119, Chamber.SENATE, 900, current=True)
S490 = BillVersion(118, Chamber.SENATE, 490, current=True, ended_on=date(2025, 1, 3))


def _standing(status: CosponsorStatus, since: date | None = None, version=S900):
    return OfficeStanding(SENATOR, version, status, since)


@pytest.mark.parametrize(
    ("status", "variant"),
    [
        (CosponsorStatus.SPONSOR, ScriptVariant.COSPONSOR),
        (CosponsorStatus.COSPONSOR, ScriptVariant.COSPONSOR),
        (CosponsorStatus.WITHDRAWN, ScriptVariant.NOT_COSPONSOR),
        (CosponsorStatus.NOT_COSPONSOR, ScriptVariant.NOT_COSPONSOR),
        (CosponsorStatus.UNKNOWN, ScriptVariant.GENERAL),
    ],
)
def test_each_standing_gets_its_script(status, variant):
    assert _standing(status).variant is variant
    # A version whose Congress has ended can't be cosponsored or voted on: the general one.
    assert _standing(status, version=S490).variant is ScriptVariant.GENERAL


@pytest.mark.parametrize("variant", [ScriptVariant.COSPONSOR, ScriptVariant.NOT_COSPONSOR])
def test_default_variant_scripts_fill_for_an_office(variant):
    for campaign in CAMPAIGNS:
        template = validate_template(default_template(campaign.slug, None, variant), variant)
        status = (
            CosponsorStatus.COSPONSOR
            if variant is ScriptVariant.COSPONSOR
            else (CosponsorStatus.NOT_COSPONSOR)
        )
        text = render(template, campaign, None, _standing(status, date(2025, 3, 1)))
        assert "Senator Avery Example" in text and "(S. 900)" in text
        assert "{" not in text and campaign.short_name in text
        asks = "thank" if variant is ScriptVariant.COSPONSOR else "to cosponsor"
        assert asks in text
        # A general script can't name an office: there is none to name.
        with pytest.raises(UserError) as refused:
            validate_template(template)
        assert refused.value.key == "calls.script.office_placeholder"


def test_every_office_placeholder_fills():
    template = " | ".join(f"{{{p}}}" for p in PLACEHOLDERS + OFFICE_PLACEHOLDERS)
    variant = ScriptVariant.COSPONSOR
    ok = validate_template(template, variant)
    standing = _standing(CosponsorStatus.COSPONSOR, date(2025, 3, 1))
    text = render(ok, CAMPAIGNS[0], "zh-TW", standing)  # scripts stay English
    assert text.endswith(
        "Senator Avery Example | S. 900 | "
        "Senator Avery Example has cosponsored S. 900 since March 1, 2025."
    )
    withdrew = render(
        "{cosponsorship}",
        CAMPAIGNS[0],
        None,
        _standing(CosponsorStatus.WITHDRAWN, date(2025, 2, 24)),
    )
    assert (
        withdrew == "Senator Avery Example withdrew as a cosponsor of S. 900 on February 24, 2025."
    )
    example = render_example(ok, CAMPAIGNS[0], None, variant)
    assert "[the Senator's or Representative's name] has cosponsored H.R. 1103 / S. 490" in example


@pytest.mark.parametrize(
    ("status", "since", "en", "zh"),
    [
        (
            CosponsorStatus.SPONSOR,
            date(2025, 2, 3),
            "✅ sponsor of S. 900 (119th Congress), introduced February 3, 2025",
            "提案人",
        ),
        (CosponsorStatus.COSPONSOR, None, "✅ cosponsor of S. 900 (119th Congress)", "已聯署"),
        (
            CosponsorStatus.WITHDRAWN,
            date(2025, 2, 24),
            "↩️ withdrew as a cosponsor of S. 900 (119th Congress) on February 24, 2025",
            "撤回",
        ),
        (
            CosponsorStatus.NOT_COSPONSOR,
            None,
            "➖ not a cosponsor of S. 900 (119th Congress)",
            "未有聯署",
        ),
        (CosponsorStatus.UNKNOWN, None, "❔ not known whether they cosponsor S. 900", "未知"),
    ],
)
def test_standing_texts(status, since, en, zh):
    assert standing_text(_standing(status, since)).startswith(en)
    assert zh in standing_text(_standing(status, since), "zh-TW")


def test_an_expired_version_is_marked():
    text = standing_text(_standing(CosponsorStatus.COSPONSOR, date(2023, 3, 1), S490))
    assert text == "✅ cosponsor of S. 490 (118th Congress) since March 1, 2023 (expired)"


def test_the_card_text_heads_each_office_and_fits():
    general = ScriptBlock((), ScriptVariant.GENERAL, "Say hello.")
    assert scripts_text([general], 100) == "Say hello."
    thanks = ScriptBlock(
        (_standing(CosponsorStatus.COSPONSOR),), ScriptVariant.COSPONSOR, "T" * 900
    )
    ask = ScriptBlock(
        (_standing(CosponsorStatus.NOT_COSPONSOR),), ScriptVariant.NOT_COSPONSOR, "A" * 900
    )
    text = scripts_text([thanks, ask], 4000)
    assert text.startswith("📞 **Sen. Avery Example** · ✅ cosponsor of S. 900 (119th Congress)\nT")
    assert "\n\n📞 **Sen. Avery Example** · ➖ not a cosponsor" in text
    short = scripts_text([thanks, ask], 1000)
    assert len(short) <= 1000 and short.count("…") == 2 and short.count("📞") == 2
