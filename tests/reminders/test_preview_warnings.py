"""The /remind create preview warns, before Confirm, when the bill's numbers have expired."""

from __future__ import annotations

from bot.demo.language import client_locales


def _fields(preview) -> dict[str, str]:
    return {f.name: f.value for f in preview.response.embeds[0].fields}


async def test_preview_warns_when_every_number_has_expired(world):
    # SimCord's clock starts in 2026: the statement's 118th-Congress numbers have expired.
    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 1 hour"
    )
    warned = _fields(preview)["Before you confirm"]
    assert "every bill number saved for it is from a Congress that has ended" in warned
    assert "/bill-tracking add-version bill:hketo" in warned
    confirm = await world.organizer.click(preview.response, label="Confirm")
    assert "Saved as reminder" in confirm.response.content  # a warning, not a refusal

    for number in ("H.R. 1500", "S. 700"):
        await world.organizer.slash(
            world.general, "bill-tracking add-version", bill="HKETO", number=number, congress=119
        )
    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 1 hour"
    )
    assert "Before you confirm" not in _fields(preview)


async def test_the_warning_is_in_the_organizers_language(world):
    client_locales(world.env).set(world.organizer.id, "zh-TW")
    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 1 hour"
    )
    assert "所有法案編號所屬的國會屆期都已結束" in _fields(preview)["確認前請留意"]
