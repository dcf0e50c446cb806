"""``python -m bot``: run the bot on Discord, or one of its other subcommands (see --help)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from .config import ConfigError, load_settings
from .content import ContentError, load_content


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("--db", type=Path, help="SQLite database file (overrides DATABASE_PATH)")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="connect to Discord (the default)")
    run.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    demo = sub.add_parser("demo", help="talk to the bot in a simulated server, no token needed")
    demo.add_argument("--db", type=Path, help="keep the demo's database in this file")
    demo.add_argument("--browser", action="store_true", help="also open SimCord's browser preview")
    imp = sub.add_parser("import-legislators", help="load members of Congress from a JSON file")
    imp.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    imp.add_argument("file", type=Path, help="legislators-current.json")
    sub.add_parser("build-data", help="rewrite data/*.json from the seed text")
    invite = sub.add_parser("invite-url", help="print the URL that invites the bot to a server")
    invite.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "run"
    db = getattr(args, "db", None)
    try:
        load_content()
        if command == "demo":
            from .demo.repl import run_demo

            return run_demo(db_path=db, browser=args.browser)
        if command == "build-data":
            from .build_data import build_data

            build_data()
            return 0
        settings = load_settings(require_token=command == "run", database_path=db)
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        if command == "import-legislators":
            from .legislators_import import import_file_cli

            return asyncio.run(import_file_cli(settings, args.file))
        if command == "invite-url":
            from .invite import print_invite_url

            return print_invite_url(settings)
        from .runner import run_bot

        return run_bot(settings)
    except (ConfigError, ContentError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
