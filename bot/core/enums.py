"""Named values (statuses, outcomes, repeats) whose labels live in the message catalog."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class CatalogEnum(StrEnum):
    """A StrEnum whose members have a label at ``<key_prefix>.<value>`` in the catalog.

    The catalog test walks every subclass, so a new member without a label fails it.
    """

    key_prefix: ClassVar[str]

    @property
    def catalog_key(self) -> str:
        return f"{self.key_prefix}.{self.value}"
