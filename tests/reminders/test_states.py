"""Statuses, repeats and delivery states: the enums hold exactly what SQL allows and labels."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

from bot.core.database import MIGRATIONS_DIR
from bot.core.i18n import catalog
from bot.reminders.recurrence import Repeat
from bot.reminders.states import DeliveryState, Status


def allowed(column: str) -> set[str]:
    """The values the reminders migration's CHECK allows in ``column``."""
    sql = (MIGRATIONS_DIR / "0003_reminders.sql").read_text()
    found = re.search(rf"CHECK \({column} IN \(([^)]*)\)\)", sql)
    assert found, column
    return set(re.findall(r"'([^']*)'", found.group(1)))


@pytest.mark.parametrize(
    ("enum", "column"), [(Status, "status"), (Repeat, "repeat"), (DeliveryState, "state")]
)
def test_each_enum_is_what_its_column_allows(enum: type[StrEnum], column: str):
    assert {member.value for member in enum} == allowed(column)


def test_every_repeat_has_a_choice_name():
    missing = [r.choice_key for r in Repeat if r.choice_key not in catalog()]
    assert not missing
