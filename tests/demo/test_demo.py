"""`python -m bot demo`: lines in Discord's shape go in, what the bot shows comes out.

Scripted sessions run the real bot in-process (a fake stdin, as when a script is piped in);
the line syntax and the rendering are also tested on their own.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.core.content import load_content
from bot.demo.repl import _Brief, run_demo
from tests.demo.demo_script import after, demo

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ sessions


def test_a_command_reply_is_printed_with_the_ephemeral_mark():
    text = demo("/statement paragraph number:3\n:as organizer\n/setup show\n")
    assert "You are member in #general" in text
    paragraph = load_content().statement.paragraph(3)
    assert paragraph is not None
    reply = after(text, "/statement paragraph number:3")
    assert paragraph.text[:60] in reply
    assert "(only you can see this)" in after(text, "/setup show")
    assert "Time zone:" in after(text, "/setup show")


def test_as_switches_who_acts_and_names_resolve_to_channels_and_roles():
    text = demo(
        """\
        /group-location undo group:TX4HK
        :as organizer
        /group-location undo group:TX4HK
        /setup log-channel channel:#call-to-action
        /setup organizer-role role:@Organizers
        /setup show
        """
    )
    # Discord hides organizer commands from members; the organizer's runs.
    member, organizer = text.split("> /group-location undo group:TX4HK\n")[1:3]
    assert member.startswith("! Discord would not allow that") and "not visible" in member
    assert "no location change" in organizer.split("\norganizer in ")[0]
    assert "You are now organizer." in text
    assert "organizer in #general> /setup show" in text
    shown = text.split("organizer in #general> /setup show\n")[1]
    assert "#call-to-action" in shown and "@Organizers" in shown


def test_click_presses_a_button_on_the_last_message_shown():
    text = demo(
        """\
        /statement read
        :click Next
        :click Nope
        """
    )
    first = after(text, "/statement read")
    assert "[ Previous (disabled) ] [ Next ]" in first
    clicked = after(text, ":click Next")
    assert clicked.startswith("bot updated the message (only you can see this):")
    assert "[ Previous ] [ Next ]" in clicked
    assert "No button “Nope”" in after(text, ":click Nope")


def test_bad_lines_get_one_clear_sentence_and_the_demo_keeps_going():
    bad = [
        "/statment read",
        "/statement",
        "/statement paragraph number:three",
        "/statement paragraph nubmer:3",
        '/groups near place:"San Diego',
        "/statement paragraph number:",
        "/statement paragraph 3",
        "/setup organizer-role role:@Nobody",
        "/setup log-channel channel:#nowhere",
        "hello",
        ":bogus",
        ":click Next",
        ":submit x=1",
        ":advance soon",
        ":as nobody",
    ]
    text = demo("\n".join([*bad, ":as organizer", "/setup show", ""]))
    for line in bad:
        answer = after(text, line).strip()
        assert answer.startswith("! "), (line, answer)
        assert len(answer.splitlines()) == 1, (line, answer)
    assert "Did you mean /statement?" in after(text, "/statment read")
    assert "Did you mean number:?" in after(text, "/statement paragraph nubmer:3")
    assert "whole number" in after(text, "/statement paragraph number:three")
    assert "read, paragraph" in after(text, "/statement")
    assert "Time zone:" in after(text, "/setup show")  # still answering at the end


def test_in_dms_server_only_commands_are_refused_and_others_answer():
    text = demo(":channel dm\n/setup show\n/statement paragraph number:1\n")
    assert "member in DM with the bot> /setup show" in text
    assert after(text, "/setup show").startswith("! Discord would not allow that")
    paragraph = load_content().statement.paragraph(1)
    assert paragraph is not None
    assert paragraph.text[:60] in after(text, "/statement paragraph number:1")


def test_advance_moves_the_clock_and_prints_what_the_bot_posted():
    text = demo(
        """\
        :advance 90m
        :now
        :as organizer
        /reminders subscribe bill:hketo
        /remind create bill:hketo when:in 1 hour channel:#call-to-action role:@Organizers
        :click Confirm
        :advance 2h
        """
    )
    # The server's zone is New York: 01:30 UTC on 1 January is 20:30 the evening before.
    assert "Moved the clock 1h 30m: it is now December 31, 2025, 8:30 PM EST." in text
    assert "Nothing was posted meanwhile." in after(text, ":advance 90m")
    assert "It is December 31, 2025, 8:30 PM EST" in after(text, ":now")
    fired = text.split("> :advance 2h\n")[1]
    assert "Moved the clock 2h" in fired
    assert "bot in #call-to-action:" in fired and "@Organizers" in fired
    assert "bot in a DM to organizer:" in fired


def test_a_form_is_filled_in_from_a_script_with_submit():
    text = demo(
        """\
        :as organizer
        /call-script bill:hketo
        :submit scrpt=hello
        :submit script="Hello, I am calling about the HKETO act. Thank you."
        :submit script=again
        """
    )
    opened = after(text, "/call-script bill:hketo")
    assert "The bot opened a form" in opened and "[script]" in opened
    assert "Fill it in with :submit script=..." in opened
    assert "The form has no field “scrpt”" in after(text, ":submit scrpt=hello")
    sent = after(text, ':submit script="Hello, I am calling about the HKETO act. Thank you."')
    assert "Hello, I am calling about the HKETO act. Thank you." in sent
    assert "No form is open" in after(text, ":submit script=again")


def test_suggest_shows_autocomplete_choices():
    text = demo(":as organizer\n:suggest /setup timezone name:los\n:suggest /setup show\n")
    assert "America/Los_Angeles" in after(text, ":suggest /setup timezone name:los")
    assert after(text, ":suggest /setup show").startswith("! ")


def test_commands_lists_what_the_tree_has_and_restart_keeps_the_database():
    text = demo(
        """\
        :commands
        :as organizer
        /setup timezone name:America/Chicago
        :restart
        /setup show
        """
    )
    listed = after(text, ":commands")
    assert "/setup timezone" not in listed  # organizers' only: Discord doesn't show it to members
    assert "/statement paragraph number:<whole number>" in listed
    assert "restarted" in after(text, ":restart")
    assert "America/Chicago" in after(text, "/setup show")


def test_db_keeps_the_demo_between_runs(tmp_path: Path):
    db = tmp_path / "demo.db"
    first = demo(":as organizer\n/setup timezone name:America/Denver\n", db)
    assert f"Database: {db}" in first
    second = demo(":as organizer\n/setup show\n", db)
    assert "America/Denver" in second
    assert "America/Denver" not in demo(":as organizer\n/setup show\n")  # fresh without --db


def test_help_text_lists_every_demo_command():
    text = demo(":help\n")
    for word in (":as", ":channel", ":click", ":submit", ":advance", ":quit", ":suggest"):
        assert word in text


def test_python_m_bot_demo_reads_a_pipe_and_exits_0_at_the_end(tmp_path: Path):
    db = tmp_path / "piped.db"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), "demo"],
        input=":as organizer\n/setup show\n/statement quote number:2\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "(only you can see this)" in done.stdout
    assert "organizer in #general> /statement quote number:2" in done.stdout
    assert db.exists()
    assert "Traceback" not in done.stdout + done.stderr


# --------------------------------------------------------------------- syntax


PREVIEW_MODULES = ("aiohttp", "markdown_it", "linkify_it", "regex", "PIL")


@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in PREVIEW_MODULES),
    reason="simcord[preview] is not installed (pip install -e '.[demo]')",
)
def test_browser_preview_serves_a_local_page_until_ctrl_c():
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo", "--browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        url = None
        deadline = time.monotonic() + 30
        assert proc.stdout is not None
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "no output"
            found = re.search(r"http://127\.0\.0\.1:\d+/#\S+", line)
            url = found.group(0) if found else None
        assert url is not None
        with urllib.request.urlopen(url.split("#")[0], timeout=10) as page:
            assert page.status == 200
            assert "<html" in page.read().decode("utf-8", "replace").lower()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_bot_errors_are_one_log_line_unless_verbose():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "cogs._common.tree", logging.ERROR, "x", 1, "failed", (), sys.exc_info()
        )
    brief = _Brief(verbose=False).format(record)
    assert brief == (
        "bot log: ERROR cogs._common.tree: failed (ValueError: boom; --verbose shows the traceback)"
    )
    record.exc_text = None
    assert "Traceback" in _Brief(verbose=True).format(record)


def test_a_db_that_is_not_a_database_or_is_a_folder_is_refused(tmp_path: Path, capsys):
    garbage = tmp_path / "notes.db"
    garbage.write_text("not a database\n")
    assert run_demo(garbage, False, stdin=io.StringIO(""), stdout=io.StringIO()) == 1
    assert "could not start: file is not a database" in capsys.readouterr().err
    assert run_demo(tmp_path, False, stdin=io.StringIO(""), stdout=io.StringIO()) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX pseudo-terminal")
def test_at_a_terminal_a_form_asks_for_each_field(tmp_path: Path):
    import pty
    import select

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=ROOT,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path)},
    )
    os.close(follower)
    seen = b""

    def until(marker: bytes, start: int = 0) -> None:
        nonlocal seen
        deadline = time.monotonic() + 30
        while marker not in seen[start:]:
            ready, _, _ = select.select([leader], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, f"waited for {marker!r}; saw {seen[-500:]!r}"
            seen += os.read(leader, 65536)

    try:
        until(b"member in #general> ")
        os.write(leader, b":as organizer\r")
        until(b"organizer in #general> ")
        os.write(leader, b"/call-script bill:hketo\r")
        until(b"Script [script]")
        os.write(leader, b"Typed at the terminal.\r")
        until("  … ".encode())
        sent = len(seen)
        os.write(leader, b"\r")  # an empty line ends a several-line field
        until(b"Typed at the terminal.\r\n  | ", sent)  # the saved script, shown back
        until(b"organizer in #general> ", sent)
        os.write(leader, b"\x04")  # Ctrl-D at the prompt leaves
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert "Answer for each field in turn" in text
    assert "bot (only you can see this):" in text.split("Typed at the terminal.")[-2]
    assert (tmp_path / "hk-advocacy-bot" / "demo_history").exists()  # readline history kept
