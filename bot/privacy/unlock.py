"""Opening a database's member data with the data key, and refusing any other key.

:func:`unlock` compares the key with the check value the database keeps (in ``bot_meta``):
another key is refused before anything is read or written. The first key a database sees
seals what an older version left in the clear (:mod:`bot.privacy.sealing`) and stores its
check value, both in one transaction. Then storage may use the key (:func:`vault_of`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.config import MISSING_DATA_KEY, ConfigError
from bot.core.database import Database
from bot.privacy.binding import bind
from bot.privacy.keys import DataKey, KeyTextError
from bot.privacy.sealing import needs_sealing, seal_plain_rows
from bot.privacy.vault import Vault

CHECK_META = "data_key_check"


class DataKeyError(ConfigError):
    """The key is missing, malformed, or not the one this database was sealed with."""


def wrong_key_message(database: object) -> str:
    return (
        f"DATA_KEY does not open the database {database} (it was sealed with another key): "
        "put back the key it was made with; to change keys, use `python -m bot rotate-key` "
        "with the old one in place."
    )


def as_key(key: DataKey | str | None) -> DataKey:
    if key is None:
        raise DataKeyError(MISSING_DATA_KEY)
    if isinstance(key, DataKey):
        return key
    try:
        return DataKey.from_text(key)
    except KeyTextError:
        raise DataKeyError("DATA_KEY is not a data key: see `python -m bot keygen`.") from None


async def unlock(db: Database, key: DataKey | str | None, *, today: str | None = None) -> Vault:
    """Check ``key`` against ``db``, seal what is left in the clear, and bind the two."""
    data_key = as_key(key)
    vault = Vault(data_key)
    day = today or datetime.now(UTC).date().isoformat()
    async with db.transaction() as conn:
        async with conn.execute("SELECT value FROM bot_meta WHERE key=?", (CHECK_META,)) as cur:
            row = await cur.fetchone()
        check = None if row is None else row[0]
        if check is not None and check != data_key.check_value:
            raise DataKeyError(wrong_key_message(db.path))  # rolls back: nothing written
        if check is None or await needs_sealing(conn):
            await seal_plain_rows(conn, vault, day)
        if check is None:
            async with conn.execute(
                "INSERT INTO bot_meta (key, value) VALUES (?, ?)",
                (CHECK_META, data_key.check_value),
            ):
                pass
    bind(db, vault)
    return vault
