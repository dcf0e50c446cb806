"""Discord glue every cog shares: the command tree, replies, organizer checks, transformers."""
