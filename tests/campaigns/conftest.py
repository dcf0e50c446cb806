"""Fixtures of the tests that read the official record from a local server (tests/bill_records)."""

from tests.bill_records import online, record_server

__all__ = ["online", "record_server"]
