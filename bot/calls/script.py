"""Call scripts: defaults per act (in the catalog), organizers' templates, placeholders.

A template is plain text with ``{placeholders}``: ``{act}``, ``{short_name}``,
``{bill_number}`` (the current versions, as the statement writes them: "H.R. 1103/S. 490"),
``{house_number}``, ``{senate_number}``, ``{chamber_target}`` ("my Representative and my
Senators") and ``{congress}`` ("118th Congress"). Literal braces are written ``{{`` and
``}}``. A template that names an unknown placeholder, has unbalanced braces, or is longer
than :data:`MAX_TEMPLATE` is refused with a :class:`~bot.core.errors.UserError` naming the
problem, so nothing broken is ever shown to a caller.

Each act has three scripts (:class:`~bot.calls.standing.ScriptVariant`): the general one,
shown when an office's cosponsorship isn't known, and one each for an office that
cosponsors (thanked, asked to press for a vote) and one that doesn't (asked to cosponsor).
The last two also fill :data:`OFFICE_PLACEHOLDERS`: ``{office}`` ("Senator Avery
Example"), ``{office_bill}`` (the version of the office's chamber, "S. 900") and
``{cosponsorship}`` (a sentence saying where the office stands). Scripts are read aloud to
US offices, so what fills them is English whatever the member's language.
"""

from __future__ import annotations

import string

from bot.calls.standing import OfficeStanding, ScriptVariant
from bot.campaigns.model import Campaign, format_date, ordinal
from bot.campaigns.record.model import CosponsorStatus
from bot.core.enums import Chamber
from bot.core.errors import UserError
from bot.core.i18n import Locale, catalog, t
from bot.reps.contact import title_kind

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
OFFICE_PLACEHOLDERS = ("office", "office_bill", "cosponsorship")


def placeholders_for(variant: ScriptVariant = ScriptVariant.GENERAL) -> tuple[str, ...]:
    """The placeholders a template of that variant may use."""
    if variant is ScriptVariant.GENERAL:
        return PLACEHOLDERS
    return PLACEHOLDERS + OFFICE_PLACEHOLDERS


def validate_template(text: str, variant: ScriptVariant = ScriptVariant.GENERAL) -> str:
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
    allowed = placeholders_for(variant)
    known = ", ".join(f"{{{p}}}" for p in allowed)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name == "":
            raise UserError("calls.script.empty_placeholder", known=known)
        if name not in allowed or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            if name in OFFICE_PLACEHOLDERS and not (spec or conversion):
                raise UserError("calls.script.office_placeholder", name=shown, known=known)
            raise UserError("calls.script.unknown_placeholder", name=shown[:60], known=known)
    return cleaned


def default_template(
    slug: str, locale: Locale | None = None, variant: ScriptVariant = ScriptVariant.GENERAL
) -> str:
    """The act's default script of that variant (the generic one for an act without its own)."""
    base = "calls.default_script"
    if variant is not ScriptVariant.GENERAL:
        base += f".{variant.value}"
    key = f"{base}.{slug}"
    if key not in catalog():
        key = f"{base}.generic"
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


def office_values(standing: OfficeStanding, locale: Locale | None = None) -> dict[str, str]:
    """``{office}``, ``{office_bill}``, ``{cosponsorship}`` for one office (in English)."""
    kind = title_kind(standing.office)
    office = t(f"calls.target.office_{kind}", locale, name=standing.office.name)
    bill = standing.version.label if standing.version else ""
    status = standing.status
    key = f"calls.target.cosponsorship_{status.value}"
    if status is CosponsorStatus.COSPONSOR and standing.since is None:
        key += "_undated"
    since = format_date(standing.since) if standing.since else ""
    sentence = t(key, locale, office=office, bill=bill or "?", date=since)
    return {"office": office, "office_bill": bill, "cosponsorship": sentence}


def render(
    template: str,
    campaign: Campaign,
    locale: Locale | None = None,
    standing: OfficeStanding | None = None,
) -> str:
    """Fill a template already checked by :func:`validate_template` (for ``standing``'s office
    when it is an office's script)."""
    values = placeholder_values(campaign, locale)
    if standing is not None:
        values |= office_values(standing, locale)
    return template.format(**values)


def render_example(
    template: str,
    campaign: Campaign,
    locale: Locale | None = None,
    variant: ScriptVariant = ScriptVariant.GENERAL,
) -> str:
    """Fill a template for the organizer's preview: an office's placeholders as [hints]."""
    values = placeholder_values(campaign, locale)
    if variant is not ScriptVariant.GENERAL:
        office = t("calls.target.example_office", locale)
        bill = " / ".join(v.label for v in campaign.current_versions) or campaign.short_name
        status = CosponsorStatus.COSPONSOR if variant is ScriptVariant.COSPONSOR else None
        key = f"calls.target.cosponsorship_{(status or CosponsorStatus.NOT_COSPONSOR).value}"
        date = t("calls.target.example_date", locale)
        sentence = t(key, locale, office=office, bill=bill, date=date)
        values |= {"office": office, "office_bill": bill, "cosponsorship": sentence}
    return template.format(**values)
