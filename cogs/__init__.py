"""Discord glue, one feature per cog. Cogs call ``bot/``; they never hold SQL or parsing.

The wiring (``bot.app``) takes the command tree and the translator from here.
"""

from cogs._common.language import remember_language
from cogs._common.translator import CatalogTranslator
from cogs._common.tree import BotTree

__all__ = ["BotTree", "CatalogTranslator", "remember_language"]
