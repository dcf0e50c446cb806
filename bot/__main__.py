"""``python -m bot``: run the bot on Discord, or one of its other subcommands (see --help)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
from pathlib import Path

from bot.core.config import PROJECT_DIR, ConfigError, load_settings
from bot.core.content import ContentError, load_content
from bot.core.database import MigrationError

# Point the bot at another settings file (tests use it so a developer's .env is never read).
ENV_FILE_VAR = "BOT_ENV_FILE"


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--db and --env-file, accepted before and after the subcommand.

    The subcommand's copies use their own dest: argparse lets a subparser's default
    overwrite a value given before the subcommand (``--db x demo`` would lose ``x``).
    """
    suffix = "" if top else "_after"
    parser.add_argument(
        "--db",
        dest="db" + suffix,
        type=Path,
        metavar="PATH",
        help="SQLite database file (overrides DATABASE_PATH)",
    )
    parser.add_argument(
        "--env-file",
        dest="env_file" + suffix,
        type=Path,
        metavar="PATH",
        help=f"settings file to read instead of .env (or set {ENV_FILE_VAR})",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="connect to Discord (the default)")
    demo = sub.add_parser("demo", help="talk to the bot in a simulated server, no token needed")
    demo.add_argument("--browser", action="store_true", help="also open SimCord's browser preview")
    demo.add_argument("--verbose", action="store_true", help="show the bot's log with tracebacks")
    imp = sub.add_parser("import-legislators", help="load members of Congress from a JSON file")
    imp.add_argument("file", type=Path, help="legislators-current.json")
    bills = sub.add_parser("import-billstatus", help="load Bill Status XML files by hand")
    bills.add_argument("files", type=Path, nargs="+", metavar="FILE", help="BILLSTATUS-*.xml")
    build = sub.add_parser("build-data", help="rewrite data/*.json from the seed text")
    invite = sub.add_parser("invite-url", help="print the URL that invites the bot to a server")
    sub.add_parser("keygen", help="print a new DATA_KEY line (python -m bot keygen >> .env)")
    rotate = sub.add_parser(
        "rotate-key", help="re-key the database to a new DATA_KEY (bot stopped)"
    )
    for subparser in (run, demo, imp, bills, build, invite, rotate):
        _common(subparser, top=False)
    return parser


def db_path(args: argparse.Namespace) -> Path | None:
    """--db, given before or after the subcommand (after wins)."""
    return getattr(args, "db_after", None) or args.db


def _env_file(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "env_file_after", None) or args.env_file
    if chosen is None and os.environ.get(ENV_FILE_VAR):
        chosen = Path(os.environ[ENV_FILE_VAR])
    if chosen is not None and not chosen.is_file():
        raise ConfigError(
            f"the settings file {chosen} does not exist: copy .env.example there and fill it "
            "in, or try the bot offline with `python -m bot demo`."
        )
    return chosen or PROJECT_DIR / ".env"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "run"
    db = db_path(args)
    try:
        load_content()
        if command == "demo":
            from bot.demo.repl import run_demo

            return run_demo(db_path=db, browser=args.browser, verbose=args.verbose)
        if command == "build-data":
            from bot.core.build_data import build_data

            build_data()
            return 0
        if command == "keygen":
            from bot.privacy.cli import keygen

            return keygen()
        env_file = _env_file(args)
        settings = load_settings(
            env_file,
            require_token=command == "run",
            require_key=command in ("run", "rotate-key"),
            database_path=db,
        )
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        if command == "import-legislators":
            from bot.reps.importer import import_file_cli

            return asyncio.run(import_file_cli(settings, args.file))
        if command == "import-billstatus":
            from bot.campaigns.record.importer import import_files_cli

            return asyncio.run(import_files_cli(settings, args.files))
        if command == "invite-url":
            from bot.invite import print_invite_url

            return print_invite_url(settings)
        if command == "rotate-key":
            from bot.privacy.cli import rotate_key_cli

            from_env = "DATA_KEY" in os.environ
            return asyncio.run(rotate_key_cli(settings, env_file, from_environment=from_env))
        from bot.runner import run_bot

        return run_bot(settings)
    except (ConfigError, ContentError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (MigrationError, sqlite3.DatabaseError) as exc:
        where = db or "DATABASE_PATH"
        print(
            f"error: the database {where} could not be opened or upgraded ({exc}); "
            "point --db or DATABASE_PATH at a bot database, or move the file aside to "
            "start fresh.",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
