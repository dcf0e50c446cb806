"""Reminders: time parsing, recurrence, planning, the dispatcher, delivery and storage."""
