"""What the bot keeps about members, and how to forget it."""
