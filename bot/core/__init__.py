"""The core every feature uses: settings, clock, errors, catalog, limits, zones, database."""
