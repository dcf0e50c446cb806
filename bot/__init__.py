"""Core of the Hong Kong advocacy bot: importable and testable without Discord."""
