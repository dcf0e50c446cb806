"""``python -m bot``: run the bot on Discord, or one of its other subcommands (see --help)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from bot.core.config import ConfigError, Settings, load_settings
from bot.core.content import ContentError, load_content
from bot.core.database import MigrationError
from bot.ops.backup import BackupError
from bot.ops.dbcheck import DatabasePathError, check_database_path, explain, owner_problem
from bot.ops.lock import DatabaseInUse, InstanceLock
from bot.ops.logs import setup_logging

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
    check = sub.add_parser(
        "check", help="check settings, token, database, data and disk; non-zero on a problem"
    )
    check.add_argument(
        "--running", action="store_true", help="also require a running, connected bot"
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as problems")
    backup = sub.add_parser("backup", help="copy the database safely, even while the bot runs")
    backup.add_argument("dest", type=Path, metavar="DEST", help="a new file, or a folder")
    restore = sub.add_parser(
        "restore", help="replace the database with a checked backup (the bot must be stopped)"
    )
    restore.add_argument("source", type=Path, metavar="BACKUP", help="a file made by backup")
    sub.add_parser("keygen", help="print a new DATA_KEY line (python -m bot keygen >> .env)")
    rotate = sub.add_parser(
        "rotate-key", help="re-key the database to a new DATA_KEY (bot stopped)"
    )
    for subparser in (run, demo, imp, bills, build, invite, check, backup, restore, rotate):
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
    return chosen or Path(".env")


def _source(env_file: Path) -> str:
    """Where the settings came from, in words (for ``check`` and the log)."""
    if env_file.is_file():
        return f"read from {env_file.absolute()} and the environment"
    return f"from the environment ({env_file.absolute()} does not exist)"


def _check(args: argparse.Namespace, env_file: Path, db: Path | None) -> int:
    from bot.ops.health import HEALTH_CHECKS, Finding, HealthContext, exit_code, run_checks
    from bot.privacy.health import with_data_key

    try:
        settings = load_settings(env_file, require_token=False, database_path=db)
    except ConfigError as exc:
        print(Finding("fail", "settings", str(exc)).line())
        return 1
    try:
        load_settings(env_file, database_path=db, require_key=False)
        token_error = None
    except ConfigError as exc:
        token_error = str(exc)
    ctx = HealthContext(settings, _source(env_file), token_error, require_running=args.running)
    findings = run_checks(ctx, with_data_key(HEALTH_CHECKS))
    for finding in findings:
        print(finding.line())
    return exit_code(findings, strict=args.strict)


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ops.backup import backup_file

    check_database_path(settings.database_path, create=False)
    done = backup_file(settings.database_path, args.dest.expanduser())
    print(
        f"backed up {settings.database_path} to {done.path} ({done.size} bytes in "
        f"{done.seconds:.2f} s); the copy passed PRAGMA integrity_check."
    )
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ops.backup import restore_file

    check_database_path(settings.database_path, probe=False)  # a broken file is why we're here
    saved = restore_file(args.source.expanduser(), settings.database_path)
    kept = f" The database it replaced was saved as {saved}." if saved else ""
    print(
        f"restored {settings.database_path} from {args.source} (checked first: integrity "
        f"ok, a bot database this version knows).{kept} Start the bot again."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "run"
    db = db_path(args)
    if db is not None:
        db = db.expanduser().absolute()
    try:
        if command == "check":
            return _check(args, _env_file(args), db)
        load_content()
        if command == "demo":
            from bot.demo.repl import run_demo

            if db is None:
                return run_demo(db_path=None, browser=args.browser, verbose=args.verbose)
            check_database_path(db)
            with InstanceLock(db, "demo"):
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
        db = settings.database_path
        setup_logging(
            settings.log_level,
            settings.ops.log_format,
            secrets=(settings.token, settings.data_key),
        )
        problem = owner_problem(db, command)
        if problem and command in ("backup", "restore", "import-legislators", "rotate-key"):
            raise DatabasePathError(problem)
        if command == "backup":
            return _backup(args, settings)
        if command == "restore":
            return _restore(args, settings)
        if command in ("run", "import-legislators", "rotate-key"):
            check_database_path(db)
        if command == "import-legislators":
            from bot.reps.importer import import_file_cli

            return asyncio.run(import_file_cli(settings, args.file))
        if command == "import-billstatus":
            from bot.campaigns.record.importer import import_files_cli

            return asyncio.run(import_files_cli(settings, args.files))
        if command == "invite-url":
            from bot.runner import print_invite_url

            return print_invite_url(settings)
        if command == "rotate-key":
            from bot.privacy.cli import rotate_key_cli

            from_env = "DATA_KEY" in os.environ
            with InstanceLock(db, "rotate-key"):  # refused while a bot runs on it
                return asyncio.run(rotate_key_cli(settings, env_file, from_environment=from_env))
        from bot.runner import run_bot

        return run_bot(settings, source=_source(env_file))
    except (ConfigError, ContentError, DatabasePathError, DatabaseInUse, BackupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (MigrationError, sqlite3.Error) as exc:
        print(f"error: {explain(db or 'DATABASE_PATH', exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
