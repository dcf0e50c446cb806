"""/me: a member's own settings and data. Each module here adds its subcommands to ``me``."""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from cogs.me._group import me

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


async def setup(bot: AdvocacyClient) -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    bot.tree.add_command(me)


async def teardown(bot: AdvocacyClient) -> None:
    bot.tree.remove_command(me.name)
