"""``python -m bot check``'s line for the data key: set, and the one that opens the database."""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.config import MISSING_DATA_KEY
from bot.ops.health import Check, Finding, HealthContext, schema
from bot.privacy.keys import DataKey, KeyTextError
from bot.privacy.unlock import CHECK_META, wrong_key_message


def data_key(ctx: HealthContext) -> Iterable[Finding]:
    """Fails without DATA_KEY, or with a key that is not the one the database was sealed with."""
    if ctx.settings.data_key is None:
        yield Finding("fail", "data key", MISSING_DATA_KEY)
        return
    try:
        key = DataKey.from_text(ctx.settings.data_key)
    except KeyTextError:
        yield Finding("fail", "data key", "DATA_KEY is not a data key: see `python -m bot keygen`.")
        return
    rows = ctx.query("SELECT value FROM bot_meta WHERE key=?", (CHECK_META,))
    if rows is None:
        yield Finding("ok", "data key", "set (no database to compare it with)")
    elif not rows:
        yield Finding("ok", "data key", "set; the bot seals the database with it when it starts")
    elif rows[0][0] == key.check_value:
        yield Finding("ok", "data key", "set, and it opens this database")
    else:
        yield Finding("fail", "data key", wrong_key_message(ctx.db_path))


def with_data_key(checks: Iterable[Check]) -> list[Check]:
    """The checks, with :func:`data_key` right after the schema's (it reads the database)."""
    out: list[Check] = []
    for check in checks:
        out.append(check)
        if check is schema:
            out.append(data_key)
    return out
