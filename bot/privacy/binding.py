"""Which vault opens which database: set by :func:`bot.privacy.unlock.unlock`, read by storage.

A database is bound to a vault only after its check value matched the key, so no code can
write member data under a wrong key: without a binding, :func:`vault_of` refuses.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from bot.core.database import Database
from bot.privacy.vault import Vault

_VAULTS: WeakKeyDictionary[Database, Vault] = WeakKeyDictionary()


class LockedError(RuntimeError):
    """Member data was touched on a database no key has unlocked (a bug, not a user error)."""


def bind(db: Database, vault: Vault) -> None:
    _VAULTS[db] = vault


def is_bound(db: Database) -> bool:
    return db in _VAULTS


def vault_of(db: Database) -> Vault:
    try:
        return _VAULTS[db]
    except KeyError:
        raise LockedError(
            "member data needs the data key: call bot.privacy.unlock.unlock(db, key) first"
        ) from None
