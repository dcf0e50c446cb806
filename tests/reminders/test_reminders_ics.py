"""The .ics writer: escaping, folding at 75 octets, CRLF, UTC times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.reminders.ics import IcsEvent, calendar, escape, fold


def test_escape_text_values():
    assert escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_fold_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "香港" * 60
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line


def test_calendar_has_one_event_per_call_day():
    start = datetime(2026, 12, 4, 23, 0, tzinfo=UTC)
    text = calendar(
        [IcsEvent("r1@1", start, start + timedelta(hours=1), "Call day: HKETO", "Call, please")],
        datetime(2026, 11, 27, tzinfo=UTC),
        name="HK Advocacy",
    )
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "DTSTART:20261204T230000Z\r\nDTEND:20261205T000000Z\r\n" in text
    assert "DESCRIPTION:Call\\, please\r\n" in text
    assert text.endswith("END:VCALENDAR\r\n")
