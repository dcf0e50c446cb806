"""SQLite storage: one connection, numbered migrations, one repository module per domain."""

from .database import Database, MigrationError

__all__ = ["Database", "MigrationError"]
