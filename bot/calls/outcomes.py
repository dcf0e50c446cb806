"""How a call went: the three outcomes a member reports, with their catalog keys.

The values are what the ``calls`` table stores (its CHECK lists them); each outcome has a
label (``calls.outcome_label.*``, in ``/call-stats``), a button (``calls.button.*``) and a
phrase for the thank-you (``calls.outcome.name_*``).
"""

from __future__ import annotations

from bot.core.enums import CatalogEnum


class Outcome(CatalogEnum, key_prefix="calls.outcome_label"):
    REACHED = "reached"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"

    @property
    def button_key(self) -> str:
        """The label of the button a member taps to report this outcome."""
        return f"calls.button.{self.value}"

    @property
    def phrase_key(self) -> str:
        """How the thank-you words it ("you left a voicemail")."""
        return f"calls.outcome.name_{self.value}"


# Set after the class body, where an assignment would make it a member.
