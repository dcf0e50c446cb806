"""Discord glue, one feature per cog. Cogs call ``bot/``; they never hold SQL or parsing.

The wiring (``bot.app``) takes the bot's shape, the command tree, the translator and the
language listener from here.
"""

from cogs._common.client import AdvocacyClient
from cogs._common.language import remember_language
from cogs._common.storage_notices import tell_organizers
from cogs._common.translator import CatalogTranslator
from cogs._common.tree import BotTree

__all__ = [
    "AdvocacyClient",
    "BotTree",
    "CatalogTranslator",
    "remember_language",
    "tell_organizers",
]
