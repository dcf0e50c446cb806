"""Running the bot for real: paths, the instance lock, backups, health checks and logs."""
