"""The data key (``DATA_KEY``): making one, reading its text, and the subkeys derived from it.

The key lives outside the database (in ``.env``, or a key file beside it; the demo keeps its
own beside its database). From it, HKDF derives one subkey per job, so a value computed for
one job (a check value, a pseudonym) says nothing about another (the encryption key).
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
KEY_FILE_SUFFIX = ".key"  # the demo's key beside its database: demo.db -> demo.db.key


class KeyTextError(ValueError):
    """The text is not a key ``python -m bot keygen`` makes."""


def _derive(raw: bytes, label: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label.encode())
    return hkdf.derive(raw)


@dataclass(frozen=True, slots=True)
class DataKey:
    """32 random bytes; ``text`` is how ``.env`` holds them (URL-safe base64, 43 characters)."""

    raw: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES:
            raise KeyTextError(f"a data key is {KEY_BYTES} bytes, not {len(self.raw)}")

    @classmethod
    def generate(cls) -> DataKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def from_text(cls, text: str) -> DataKey:
        cleaned = text.strip()
        try:
            raw = base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
        except (binascii.Error, ValueError):
            raise KeyTextError("not base64 text") from None
        return cls(raw)

    @property
    def text(self) -> str:
        return base64.urlsafe_b64encode(self.raw).decode().rstrip("=")

    @property
    def check_value(self) -> str:
        """What the database keeps to recognise its key (it reveals nothing of the key)."""
        return _derive(self.raw, "hk-advocacy-bot/check").hex()[:32]

    @property
    def pseudonym_key(self) -> bytes:
        return _derive(self.raw, "hk-advocacy-bot/pseudonym")

    @property
    def sealing_key(self) -> bytes:
        return _derive(self.raw, "hk-advocacy-bot/seal")


def key_beside(database: Path) -> Path:
    """Where the demo keeps the key of its database (``demo.db`` -> ``demo.db.key``)."""
    return database.with_name(database.name + KEY_FILE_SUFFIX)


def write_key_file(path: Path, key: DataKey) -> None:
    """Write a key file readable by its owner only, replacing any file there at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key.text + "\n")
    os.replace(temporary, path)


def demo_key(database: Path) -> DataKey:
    """The demo's key: read from beside its database, or made and saved there."""
    path = key_beside(database)
    if path.exists():
        return DataKey.from_text(path.read_text(encoding="utf-8"))
    key = DataKey.generate()
    write_key_file(path, key)
    return key
