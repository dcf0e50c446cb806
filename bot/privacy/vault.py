"""Pseudonyms and sealed values: what a member-linked row holds instead of a Discord id.

- :meth:`Vault.pseudonym`: HMAC-SHA256 of ``"member:<guild id>:<user id>"`` under the
  key's pseudonym subkey, for rows that only need "the same member again". Without the key
  it can't be turned back into an id, nor matched across servers.
- :meth:`Vault.seal` / :meth:`Vault.open`: AES-256-GCM (authenticated encryption, from the
  ``cryptography`` package) for what the bot must read back (a saved location, an id to
  name or message). Each value has a fresh 96-bit nonce, and its place (table, column,
  server) is bound in as associated data, so a value copied elsewhere doesn't open.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.privacy.keys import DataKey

FORMAT = b"\x01"  # the first byte of every sealed value: this layout, this algorithm
NONCE_BYTES = 12
PSEUDONYM_BYTES = 32


class SealError(Exception):
    """A sealed value did not open: another key, another place, or changed bytes."""


def place_of(table: str, column: str, guild_id: int) -> bytes:
    """The associated data that ties a sealed value to its column and server."""
    return f"{table}.{column}:{guild_id}".encode()


class Vault:
    """Everything one key does to member data; one per unlocked database."""

    def __init__(self, key: DataKey) -> None:
        self.key = key
        self._pseudonym_key = key.pseudonym_key
        self._aead = AESGCM(key.sealing_key)

    def pseudonym(self, guild_id: int, user_id: int) -> bytes:
        message = f"member:{guild_id}:{user_id}".encode()
        return hmac.new(self._pseudonym_key, message, hashlib.sha256).digest()

    def seal(self, data: bytes, place: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, data, place)

    def open(self, sealed: bytes, place: bytes) -> bytes:
        if not isinstance(sealed, bytes) or sealed[:1] != FORMAT:
            raise SealError("not a sealed value")
        nonce, body = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, body, place)
        except InvalidTag:
            raise SealError("the value did not open with this key here") from None

    def seal_text(self, text: str, place: bytes) -> bytes:
        return self.seal(text.encode(), place)

    def open_text(self, sealed: bytes, place: bytes) -> str:
        return self.open(sealed, place).decode()
