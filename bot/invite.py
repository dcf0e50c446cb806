"""The OAuth2 URL that adds the bot to a server with the permissions it needs."""

from __future__ import annotations

import base64
import sys

import discord

from bot.core.config import Settings

# What the bot does in a server: post reminders and pages, embed them, attach .ics files,
# mention the chosen role, create scheduled events for call days.
PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    mention_everyone=False,
    create_events=True,
    manage_events=True,
)


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(
        application_id, permissions=PERMISSIONS, scopes=("bot", "applications.commands")
    )


def print_invite_url(settings: Settings) -> int:
    """Print the invite URL; the application id is the token's first part, decoded."""
    token = settings.token or ""
    try:
        head = token.split(".")[0]
        app_id = int(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode())
    except (ValueError, UnicodeDecodeError):
        print(
            "error: set DISCORD_TOKEN in .env (copy .env.example) to your bot's token first: "
            "the invite URL is built from it; to try the bot without Discord, run "
            "`python -m bot demo`.",
            file=sys.stderr,
        )
        return 2
    print(invite_url(app_id))
    return 0
