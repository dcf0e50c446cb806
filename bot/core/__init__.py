"""The core every feature uses: settings, clock, errors, message catalog, limits, time zones, database."""
