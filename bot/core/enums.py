"""Named values (statuses, outcomes, repeats) whose labels live in the message catalog."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class CatalogEnum(StrEnum):
    """A StrEnum whose members have a label at ``<key_prefix>.<value>`` in the catalog.

    Name the prefix where the class is declared: ``class Chamber(CatalogEnum,
    key_prefix="calls.chamber")``. The catalog test walks every subclass, so a new member
    without a label fails it. Values are what the database stores; renaming a member's
    value is a data migration.
    """

    key_prefix: ClassVar[str]

    def __init_subclass__(cls, *, key_prefix: str | None = None, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if key_prefix is not None:
            cls.key_prefix = key_prefix

    @property
    def catalog_key(self) -> str:
        return f"{self.key_prefix}.{self.value}"


class Chamber(CatalogEnum, key_prefix="calls.chamber"):
    """A chamber of Congress: bill versions, current marks and members belong to one."""

    HOUSE = "house"
    SENATE = "senate"
