"""The demo's time: the viewer's zone, :tz, the clock kept with --db, README lines that paste."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.demo.demo_script import after, demo

ROOT = Path(__file__).resolve().parents[2]


def test_times_show_in_the_servers_zone_and_tz_shows_another_readers(tmp_path: Path):
    text = demo(
        """\
        :as organizer
        /remind create bill:HKETO when:dec 5 7pm channel:#call-to-action
        :tz Asia/Hong_Kong
        :click Confirm
        :tz mars
        :tz server
        /setup timezone name:Pacific
        /remind show id:1
        """
    )
    assert "Times are shown in America/New_York, the server's time zone" in text
    preview = after(text, "/remind create bill:HKETO when:dec 5 7pm channel:#call-to-action")
    assert "December 5, 2026, 7:00 PM EST" in preview and "UTC" not in preview
    assert "Times are now shown in Asia/Hong_Kong" in after(text, ":tz Asia/Hong_Kong")
    assert "December 6, 2026, 8:00 AM Hong Kong Standard Time" in after(text, ":click Confirm")
    assert after(text, ":tz mars").startswith("! “mars” isn't a time zone I know")
    assert "America/New_York, the server's time zone" in after(text, ":tz server")
    # The server moves to Pacific time: the same moment, read there.
    assert "December 5, 2026, 4:00 PM PST" in after(text, "/remind show id:1")


def test_db_keeps_the_simulated_time_between_runs(tmp_path: Path):
    db = tmp_path / "demo.db"
    first = demo(
        """\
        :as organizer
        /remind create bill:HKETO when:in 5 days channel:#call-to-action
        :click Confirm
        :advance 3d
        """,
        db,
    )
    assert "it is now January 3, 2026, 7:00 PM EST" in first
    second = demo(":now\n:advance 2d\n", db)
    assert "The simulated clock is at January 3, 2026, 7:00 PM EST" in second
    assert "It is January 3, 2026, 7:00 PM EST" in after(second, ":now")
    fired = after(second, ":advance 2d")
    assert "bot in #call-to-action:" in fired and "HKETO Certification Act" in fired
    # Without --db every run starts on 1 January.
    assert "The simulated clock is at December 31, 2025, 7:00 PM EST" in demo(":now\n")


def test_readme_examples_paste_and_run():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = readme.index("Type commands as in Discord")
    block = readme[readme.index("```text\n", intro) + len("```text\n") :]
    block = block[: block.index("```")]
    assert ":advance 10m" in block
    text = demo(block)
    errors = [line for line in text.splitlines() if line.startswith("! ")]
    assert errors == [], errors
    assert "Moved the clock 10m" in text and "@Organizers" in after(text, block.splitlines()[-2])


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            ":advance 10m          (moves the simulated clock; prints what it posted)",
            ":advance 10m",
        ),
        (":advance 10m  # ten minutes", ":advance 10m"),
        (
            "/setup log-channel channel:#call-to-action",
            "/setup log-channel channel:#call-to-action",
        ),
        ('/statement search query:"a  (b)"  # c', '/statement search query:"a  (b)"'),
        ("/remind create note:call them (please)", "/remind create note:call them (please)"),
        (":click I reached someone", ":click I reached someone"),
    ],
)
def test_a_trailing_comment_is_dropped(line, kept):
    from bot.demo.syntax import strip_comment

    assert strip_comment(line) == kept
