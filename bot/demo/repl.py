"""``python -m bot demo``: the real bot, its cogs and a SQLite file, in a simulated server.

The bot runs inside SimCord (discord.py's real machinery against an in-memory Discord).
At a terminal, a person types lines in Discord's shape; from a pipe, the lines are read
in order and the replies printed, and the demo exits at the end of the input.

The event loop runs only while a line is being acted on (``asyncio.Runner``), so reading
the next line never blocks it, and Ctrl-C at the prompt or during a command is handled
the ordinary way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import simcord
from simcord import SetupError

from bot.app import create_bot
from bot.core.config import Settings
from bot.demo.commands import completions
from bot.demo.kept_clock import keep_clock, read_kept_clock
from bot.demo.language import t
from bot.demo.session import META_COMMANDS, DemoSession
from bot.demo.world import build_world
from bot.privacy.keys import demo_key

log = logging.getLogger(__name__)


class _Brief(logging.Formatter):
    """Log lines for the demo: the traceback only with --verbose."""

    def __init__(self, verbose: bool) -> None:
        super().__init__("bot log: %(levelname)s %(name)s: %(message)s")
        self.verbose = verbose

    def formatException(self, ei: Any) -> str:
        return super().formatException(ei) if self.verbose else ""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if record.exc_info and not self.verbose and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f" ({type(exc).__name__}: {exc}; --verbose shows the traceback)"
        return text


def _install_logging(verbose: bool) -> Callable[[], None]:
    root = logging.getLogger()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Brief(verbose))
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)

    def undo() -> None:
        root.removeHandler(handler)
        root.setLevel(previous)

    return undo


async def _start(db_path: Path, kept: bool) -> tuple[Any, Any, Callable[[], Any]]:
    # The demo's own data key, kept beside its database (demo.db.key), never inside it.
    settings = Settings(token=None, database_path=db_path, data_key=demo_key(db_path).text)

    def make_bot() -> Any:
        return create_bot(settings)

    bot = make_bot()
    env = simcord.Env(bot, check_errors=False, settle_timeout=30.0)
    # The server is built before the bot connects, so its ids are the same on every run
    # and a database kept with --db still matches it.
    world = build_world(env)
    # With --db the simulated time goes on from where the last run left it (set before
    # the bot starts, so it never sees time go backwards).
    then = read_kept_clock(db_path) if kept else None
    if then is not None and then > env.now():
        env.backend.advance_clock((then - env.now()).total_seconds())
    try:
        await env.start()
    except BaseException:
        await bot.close()
        raise
    if not world.member.available_commands(world.general):
        # A kept database remembers the last sync, but each simulated Discord starts empty.
        await bot.tree.sync()
    return env, world, make_bot


async def _stop(env: Any, kept: bool) -> None:
    bot = env.bot
    try:
        if kept:
            await keep_clock(bot.db, env.now())
        await env.shutdown()
    finally:
        await bot.close()


def _history_file() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "hk-advocacy-bot" / "demo_history"


def _setup_readline(session: DemoSession) -> Callable[[], None]:
    """History across runs and Tab completion of commands; nothing where readline is absent."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline
        return lambda: None
    history = _history_file()
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(1000)
    readline.set_completer_delims(" \t\n")

    def complete(text: str, state: int) -> str | None:
        buffer = readline.get_line_buffer()[: readline.get_endidx()]
        options = [o for o in completions(buffer, session.index, META_COMMANDS) if o]
        options = [o for o in options if o.startswith(text)]
        return options[state] if state < len(options) else None

    readline.set_completer(complete)
    if "libedit" in (readline.__doc__ or ""):
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")

    def save() -> None:
        try:
            history.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(history)
        except OSError:
            pass

    return save


def _ask(prompt: str) -> str:
    return input(prompt)


def _fill_form(runner: asyncio.Runner, session: DemoSession, out: TextIO) -> None:
    """At a terminal: ask for each field of the open form in turn, then send it."""
    while session.pending is not None:
        pending = session.pending
        by_key: dict[str, str] = {}
        try:
            for field in pending.fields:
                if field.paragraph:
                    out.write(t("demo.modal.paragraph") + "\n")
                while True:
                    about = field.describe()
                    value = _ask(t("demo.modal.ask", label=field.label, key=field.key, about=about))
                    if value.strip() == ":cancel":
                        raise EOFError
                    if field.paragraph and value:
                        lines = [value]
                        while more := _ask(t("demo.modal.ask_more")):
                            lines.append(more)
                        value = "\n".join(lines)
                    if value or not field.required or field.default:
                        break
                if value:
                    by_key[field.key] = value
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            runner.run(session.handle(":cancel"))
            return
        try:
            # Refused (a field too long, say): the form stays open and is asked again.
            runner.run(session.submit_guarded(by_key))
        except KeyboardInterrupt:
            out.write(t("demo.session.interrupted") + "\n")
            return


def _repl(runner: asyncio.Runner, session: DemoSession, stdin: TextIO, out: TextIO) -> int:
    interactive = stdin.isatty() and out.isatty()
    session.interactive = interactive
    save_history = _setup_readline(session) if interactive else (lambda: None)
    try:
        while True:
            if interactive:
                try:
                    line = _ask(session.prompt())
                except EOFError:
                    out.write("\n")
                    break
                except KeyboardInterrupt:
                    out.write("\n")
                    continue
            else:
                line = stdin.readline()
                if not line:
                    break
                line = line.rstrip("\r\n")
                if line.strip():
                    out.write(session.prompt() + line + "\n")
            try:
                keep_going = runner.run(session.handle(line))
            except KeyboardInterrupt:
                out.write(t("demo.session.interrupted") + "\n")
                continue
            if not keep_going:
                break
            if interactive and session.pending is not None:
                _fill_form(runner, session, out)
            out.flush()
    finally:
        save_history()
    return 0


async def _browse(env: Any, world: Any, out: TextIO) -> int:
    out.write(t("demo.browser.starting", channel=world.general.name) + "\n")
    viewers = [world.member, world.organizer]
    try:
        preview = env.preview(world.general, viewers=viewers, layout="channel")
        async with preview:
            names = " or ".join(v.name for v in viewers)
            out.write(t("demo.browser.url", url=preview.url, viewers=names) + "\n")
            out.flush()
            await preview.wait_closed()
    except SetupError as exc:
        reason = str(exc)
        if "pip install" in reason:
            reason = t("demo.browser.missing")
        out.write(t("demo.browser.unavailable", reason=reason) + "\n")
        return 1
    except OSError as exc:  # the local port could not be opened
        out.write(t("demo.browser.unavailable", reason=str(exc)) + "\n")
        return 1
    return 0


def run_demo(
    db_path: Path | None,
    browser: bool,
    *,
    verbose: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run the demo until :quit or the end of input; 0 unless the bot could not start."""
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    if db_path is not None and db_path.expanduser().is_dir():
        print(f"error: --db {db_path} is a folder; give the path of a file.", file=sys.stderr)
        return 2
    if out is sys.stdout and hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace")  # a console that can't show a character
    undo_logging = _install_logging(verbose)
    try:
        with tempfile.TemporaryDirectory(prefix="hk-bot-demo-") as tmp:
            db = db_path.expanduser().resolve() if db_path else Path(tmp) / "demo.db"
            with asyncio.Runner() as runner:
                try:
                    env, world, make_bot = runner.run(_start(db, db_path is not None))
                except KeyboardInterrupt:
                    return 130
                except Exception as exc:
                    log.info("demo start failed", exc_info=True)
                    print(f"error: the demo could not start: {exc}", file=sys.stderr)
                    return 1
                try:
                    if db_path is not None:
                        out.write(t("demo.session.database", path=db) + "\n")
                    if browser:
                        try:
                            return runner.run(_browse(env, world, out))
                        except KeyboardInterrupt:
                            out.write("\n")
                            return 0
                    session = DemoSession(
                        env,
                        world,
                        out,
                        restart=make_bot,
                        base_dir=Path.cwd(),
                        keep_time=db_path is not None,
                    )
                    out.write(runner.run(session.banner()) + "\n")
                    out.flush()
                    return _repl(runner, session, stdin, out)
                finally:
                    runner.run(_stop(env, db_path is not None))
                    out.flush()
    finally:
        undo_logging()
