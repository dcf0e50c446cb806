"""Reminders: time parsing, recurrence, planning, the dispatcher, delivery, the DM outbox and its
fan-out, pacing, and storage; servers and members coming and going. No Discord here."""
