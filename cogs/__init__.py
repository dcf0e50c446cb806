"""Discord glue, one feature per cog. Cogs call ``bot/``; they never hold SQL or parsing."""
