"""Call scripts: a default per act (in the catalog), organizers' templates, placeholders.

A template is plain text with ``{placeholders}``: ``{act}``, ``{short_name}``,
``{bill_number}`` (the current versions, as the statement writes them: "H.R. 1103/S. 490"),
``{house_number}``, ``{senate_number}``, ``{chamber_target}`` ("my Representative and my
Senators") and ``{congress}`` ("118th Congress"). Literal braces are written ``{{`` and
``}}``. A template that names an unknown placeholder, has unbalanced braces, or is longer
than :data:`MAX_TEMPLATE` is refused with a :class:`~bot.core.errors.UserError` naming the
problem, so nothing broken is ever shown to a caller.
"""

from __future__ import annotations

import string

from bot.campaigns.model import Campaign, ordinal
from bot.core.enums import Chamber
from bot.core.errors import UserError
from bot.core.i18n import Locale, catalog, t

MAX_TEMPLATE = 1800  # fits one message with room for the call details around it
PLACEHOLDERS = (
    "act",
    "short_name",
    "bill_number",
    "house_number",
    "senate_number",
    "chamber_target",
    "congress",
)


def validate_template(text: str) -> str:
    """The template, stripped, if it can be filled; :class:`UserError` otherwise."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise UserError("calls.script.empty")
    if len(cleaned) > MAX_TEMPLATE:
        raise UserError("calls.script.too_long", length=len(cleaned), limit=MAX_TEMPLATE)
    try:
        parts = list(string.Formatter().parse(cleaned))
    except ValueError:
        raise UserError("calls.script.bad_braces") from None
    known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name == "":
            raise UserError("calls.script.empty_placeholder", known=known)
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            raise UserError("calls.script.unknown_placeholder", name=shown[:60], known=known)
    return cleaned


def default_template(slug: str, locale: Locale | None = None) -> str:
    key = f"calls.default_script.{slug}"
    if key not in catalog():
        key = "calls.default_script.generic"
    return t(key, locale)


def placeholder_values(campaign: Campaign, locale: Locale | None = None) -> dict[str, str]:
    house = campaign.current(Chamber.HOUSE)
    senate = campaign.current(Chamber.SENATE)
    if house and senate:
        target = t("calls.target.both", locale)
    elif house:
        target = t("calls.target.house", locale)
    else:
        target = t("calls.target.senate", locale)
    congresses = [v.congress for v in campaign.current_versions]
    return {
        "act": campaign.act,
        "short_name": campaign.short_name,
        "bill_number": campaign.numbers_label or campaign.short_name,
        "house_number": house.label if house else "",
        "senate_number": senate.label if senate else "",
        "chamber_target": target,
        "congress": f"{ordinal(max(congresses))} Congress" if congresses else "",
    }


def render(template: str, campaign: Campaign, locale: Locale | None = None) -> str:
    """Fill a template already checked by :func:`validate_template`."""
    return template.format(**placeholder_values(campaign, locale))
