"""Discord's limits that the bot checks before sending (see shared/discord-api-spec)."""

MESSAGE_CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FIELDS = 25
EMBED_FOOTER = 2048
EMBED_TOTAL = 6000
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
BUTTON_LABEL = 80
CUSTOM_ID = 100
MODAL_TEXT_INPUT = 4000
SCHEDULED_EVENT_NAME = 100
SCHEDULED_EVENT_DESCRIPTION = 1000


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """Shorten ``text`` to ``limit`` characters, marking the cut."""
    return text if len(text) <= limit else text[: limit - len(ellipsis)] + ellipsis


# Application commands: names, and their localizations, match this pattern (Discord's, for
# the ``regex`` module) and are lowercase; descriptions and choice names are 1 to 100.
COMMAND_NAME = 32
COMMAND_NAME_PATTERN = r"^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$"
COMMAND_DESCRIPTION = 100
