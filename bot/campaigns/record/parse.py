"""Read one Bill Status XML file (format 3.x) into a BillRecord, or refuse it with one sentence.

The stdlib parser (expat, which since 2.4 caps entity amplification) reads the file; on top
of that any DOCTYPE is refused before its declarations are read, since a real Bill Status
file never has one, so no entity can be defined, let alone expanded. Parts the bot does not
use (actions, amendments, summaries, text versions...) are skipped while reading, which keeps
memory to about a third of a full tree.

Refused: anything not XML, a cut-short file, an HTML page, another root element, the legacy
format (no ``<version>``), a version other than 3.x, a file without the bill's number, title,
introduced date, sponsor or latest action, malformed dates or member ids, and a file for a
different bill than the one asked for.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from xml.parsers.expat import errors as expat_errors

from bot.campaigns.record.model import (
    BILL_TYPES,
    Action,
    BillId,
    BillRecord,
    Committee,
    Cosponsor,
    Member,
    Title,
    is_bioguide_id,
)

MAX_FILE_BYTES = 32 * 1024 * 1024  # the largest real records (omnibus bills) are a few MB
SUPPORTED_MAJOR = "3"
# Children of <bill> that the bot never reads: not even built into the tree.
_SKIPPED = frozenset(
    {
        "actions",
        "amendments",
        "cboCostEstimates",
        "committeeReports",
        "constitutionalAuthorityStatementText",
        "laws",
        "notes",
        "policyArea",
        "relatedBills",
        "subjects",
        "summaries",
        "textVersions",
        "calendarNumbers",
        "recordedVotes",
    }
)


# Expat's errors for a document that stops in the middle.
_CUT_SHORT = frozenset(
    expat_errors.codes[message]
    for message in (
        expat_errors.XML_ERROR_NO_ELEMENTS,
        expat_errors.XML_ERROR_UNCLOSED_TOKEN,
        expat_errors.XML_ERROR_PARTIAL_CHAR,
        expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
)


class RecordError(ValueError):
    """A file that is not a usable Bill Status record; the message says why, in one sentence."""


class _DoctypeRefused(Exception):
    pass


class _Builder:
    """An expat target that refuses DOCTYPE and leaves out the subtrees in ``_SKIPPED``."""

    def __init__(self) -> None:
        self._tree = ET.TreeBuilder()
        self._depth = 0
        self._skip_at = 0

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DoctypeRefused(name)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self._depth += 1
        if self._skip_at:
            return
        if self._depth == 3 and tag in _SKIPPED:
            self._skip_at = self._depth
            return
        self._tree.start(tag, attrs)

    def end(self, tag: str) -> None:
        depth, self._depth = self._depth, self._depth - 1
        if self._skip_at:
            if depth == self._skip_at:
                self._skip_at = 0
            return
        self._tree.end(tag)

    def data(self, text: str) -> None:
        if not self._skip_at:
            self._tree.data(text)

    def close(self) -> ET.Element:
        return self._tree.close()


def _looks_like_html(data: bytes) -> bool:
    return (
        data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html"))
    )


def _tree(data: bytes) -> ET.Element:
    if not data.strip():
        raise RecordError("the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise RecordError(f"the file is larger than the limit of {MAX_FILE_BYTES:,} bytes")
    if _looks_like_html(data):
        raise RecordError("this is a web page (HTML), not a Bill Status XML file")
    parser = ET.XMLParser(target=_Builder())
    try:
        parser.feed(data)
        return parser.close()
    except _DoctypeRefused:
        raise RecordError(
            "the file declares a DOCTYPE, which real Bill Status files never do, so none of "
            "the entities it may define is expanded"
        ) from None
    except ET.ParseError as exc:
        if exc.code in _CUT_SHORT:
            raise RecordError(f"the file ends too soon ({exc}): it was cut short") from None
        raise RecordError(f"the file is not well-formed XML ({exc})") from None


def _text(parent: ET.Element | None, path: str) -> str | None:
    if parent is None:
        return None
    found = parent.find(path)
    if found is None or found.text is None:
        return None
    text = " ".join(found.text.split())
    return text or None


def _date(parent: ET.Element | None, path: str, what: str) -> date | None:
    text = _text(parent, path)
    if text is None:
        return None
    try:
        if len(text) > 10 and text[10] != "T":
            raise ValueError(text)
        return date.fromisoformat(text[:10])  # "2021-01-22", or the day of "...T13:36:03Z"
    except ValueError:
        raise RecordError(f"{what} is not a date: {text[:40]!r}") from None


def _whole(parent: ET.Element, path: str, what: str) -> int:
    text = _text(parent, path)
    if text is None:
        raise RecordError(f"the file has no {what} (<{path}>), which every Bill Status record has")
    if len(text) > 6 or not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise RecordError(f"the {what} is not a positive whole number: {text[:40]!r}")
    return int(text)


def _member(item: ET.Element, what: str) -> Member:
    bioguide = _text(item, "bioguideId") or _text(item, "identifiers/bioguideId")
    if bioguide is None:
        raise RecordError(f"{what} has no bioguideId")
    if not is_bioguide_id(bioguide):
        raise RecordError(f"{what} has a malformed bioguideId: {bioguide[:40]!r}")
    district = _text(item, "district")
    return Member(
        bioguide,
        _text(item, "fullName"),
        _text(item, "party"),
        _text(item, "state"),
        int(district)
        if district and len(district) < 4 and district.isascii() and district.isdigit()
        else None,
    )


def _flag(text: str | None) -> bool | None:
    lowered = (text or "").casefold()
    return True if lowered == "true" else False if lowered == "false" else None


def _cosponsors(bill: ET.Element) -> tuple[Cosponsor, ...]:
    out = []
    for i, item in enumerate(bill.findall("cosponsors/item"), start=1):
        what = f"cosponsor {i}"
        member = _member(item, what)
        what = f"cosponsor {i} ({member.bioguide})"
        out.append(
            Cosponsor(
                member,
                _date(item, "sponsorshipDate", f"the sponsorship date of {what}"),
                _flag(_text(item, "isOriginalCosponsor")),
                _date(item, "sponsorshipWithdrawnDate", f"the withdrawal date of {what}"),
            )
        )
    return tuple(out)


def _committees(bill: ET.Element) -> tuple[Committee, ...]:
    out = []
    for item in bill.findall("committees/item"):
        name = _text(item, "name")
        if name is None:
            continue  # an empty placeholder item
        activities = [
            (_text(a, "date") or "", _text(a, "name")) for a in item.findall("activities/item")
        ]
        newest = max(activities, default=("", None))
        out.append(
            Committee(
                name,
                _text(item, "chamber"),
                _text(item, "systemCode"),
                _text(item, "type"),
                newest[1],
                newest[0] or None,
            )
        )
    return tuple(out)


def _check_format(root: ET.Element) -> str:
    if root.tag.lower() == "html":
        raise RecordError("this is a web page (HTML), not a Bill Status XML file")
    if root.tag != "billStatus":
        raise RecordError(f"this is not a Bill Status file: its root element is <{root.tag}>")
    version = _text(root, "version")
    if version is None:
        if root.find("bill/billNumber") is not None or root.find("bill/billType") is not None:
            raise RecordError(
                "this file is in the legacy Bill Status format (<billNumber> and <billType>, "
                "no <version>), which the bot does not read; download the current file "
                "(format 3.0.0) from govinfo.gov/bulkdata/BILLSTATUS instead"
            )
        raise RecordError("the file has no <version>, so its format is unknown")
    if version.split(".")[0] != SUPPORTED_MAJOR:
        raise RecordError(
            f"the file is in Bill Status format {version[:20]}, and the bot reads format "
            f"{SUPPORTED_MAJOR}.x only"
        )
    return version


def _bill_id(bill: ET.Element) -> BillId:
    congress = _whole(bill, "congress", "Congress")
    kind = (_text(bill, "type") or "").lower()
    if kind not in BILL_TYPES:
        shown = _text(bill, "type")
        raise RecordError(
            "the file has no bill type (<type>)"
            if shown is None
            else f"the bill type {shown[:20]!r} is not one of the record's types"
        )
    return BillId(congress, kind, _whole(bill, "number", "bill number"))


def parse_billstatus(data: bytes, expected: BillId | None = None) -> BillRecord:
    """The record in ``data``; :class:`RecordError` if it is unusable or not ``expected``."""
    root = _tree(data)
    version = _check_format(root)
    bill = root.find("bill")
    if bill is None:
        raise RecordError("the file has no <bill>")
    found = _bill_id(bill)
    if expected is not None and found != expected:
        raise RecordError(
            f"this file is the record of {found.described}, not of {expected.described}"
        )
    title = _text(bill, "title")
    if title is None:
        raise RecordError("the file has no <title>, which every Bill Status record has")
    introduced = _date(bill, "introducedDate", "the introduced date")
    if introduced is None:
        raise RecordError("the file has no <introducedDate>, which every Bill Status record has")
    sponsors = bill.findall("sponsors/item")
    if not sponsors:
        raise RecordError("the file names no sponsor, which every Bill Status record does")
    action_date = _date(bill, "latestAction/actionDate", "the latest action's date")
    action_text = _text(bill, "latestAction/text")
    if action_date is None or action_text is None:
        raise RecordError("the file has no <latestAction> with a date and a text")
    titles = tuple(
        Title(_text(item, "titleType") or "", text)
        for item in bill.findall("titles/item")
        if (text := _text(item, "title")) is not None
    )
    return BillRecord(
        bill=found,
        format_version=version,
        title=title,
        titles=titles,
        introduced=introduced,
        sponsor=_member(sponsors[0], "the sponsor"),
        cosponsors=_cosponsors(bill),
        latest_action=Action(action_date, action_text),
        committees=_committees(bill),
        updated=_text(bill, "updateDate"),
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bill_from_filename(path: Path) -> BillId | None:
    """``BILLSTATUS-117s35.xml`` -> ``BillId(117, "s", 35)``; None for any other name."""
    stem = path.name.removesuffix(".xml")
    if not stem.upper().startswith("BILLSTATUS-"):
        return None
    rest = stem[len("BILLSTATUS-") :].lower()
    digits = len(rest) - len(rest.lstrip("0123456789"))
    tail = rest[digits:]
    kind = tail.rstrip("0123456789")
    number = tail[len(kind) :]
    if not digits or not number or kind not in BILL_TYPES:
        return None
    try:
        return BillId(int(rest[:digits]), kind, int(number))
    except ValueError:
        return None


def read_billstatus_file(path: Path, expected: BillId | None = None) -> tuple[BillRecord, bytes]:
    """Read and parse a file (the bill its name states is expected, unless given)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RecordError(f"the file is larger than the limit of {MAX_FILE_BYTES:,} bytes")
        data = path.read_bytes()
    except FileNotFoundError:
        raise RecordError("no such file") from None
    except IsADirectoryError:
        raise RecordError("this is a folder, not a file") from None
    except OSError as exc:
        raise RecordError(f"the file could not be read ({exc.strerror})") from None
    return parse_billstatus(data, expected or bill_from_filename(path)), data
