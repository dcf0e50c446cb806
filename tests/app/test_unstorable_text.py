"""Text SQLite can't store (a lone UTF-16 surrogate, e.g. half an emoji) gets a clear
private message, not the generic error, and nothing is saved."""

from __future__ import annotations

UNSTORABLE = "Your text has a character I can't store"


async def test_a_note_with_a_lone_surrogate_is_refused_clearly(world):
    preview = await world.organizer.slash(
        world.general,
        "remind create",
        bill="HKETO",
        when="in 1 hour",
        channel=world.call_to_action,
        note="Bring your zip code \ud83d",
    )
    saved = await world.organizer.click(preview.response, label="Confirm")
    answers = [saved.response.content or "", *(f.content or "" for f in saved.followups)]
    assert any(UNSTORABLE in text for text in answers), answers
    assert saved.ephemeral
    assert await world.env.bot.db.fetchval("SELECT count(*) FROM reminders") == 0
