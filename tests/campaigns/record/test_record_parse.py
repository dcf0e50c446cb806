"""Parsing Bill Status XML: every real sample in ../shared/billstatus, and malformed files."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from record_support import FIXTURES, MADE_UP, MADE_UP_BILL, shared_billstatus

from bot.campaigns.record import parse
from bot.campaigns.record.model import BillId, CosponsorStatus
from bot.campaigns.record.parse import (
    RecordError,
    bill_from_filename,
    parse_billstatus,
    read_billstatus_file,
)

SHARED = shared_billstatus()
needs_shared = pytest.mark.skipif(
    SHARED is None, reason="../shared/billstatus (the real samples) is not beside this checkout"
)

# What each real sample says, read from the files themselves.
EXPECTED = {
    "BILLSTATUS-117hr2471.xml": {
        "bill": BillId(117, "hr", 2471),
        "title": "Consolidated Appropriations Act, 2022",
        "introduced": date(2021, 4, 13),
        "sponsor": ("J000294", "Rep. Jeffries, Hakeem S. [D-NY-8]", "D", "NY", 8),
        "cosponsors": 7,
        "original": 1,
        "by_party": {"R": 4, "D": 3},
        "action": (date(2022, 3, 15), "Became Public Law No: 117-103."),
        "committees": ["Foreign Relations Committee", "Foreign Affairs Committee"],
        "last": ("G000593", date(2021, 6, 15), False),
        "official": "Making consolidated appropriations for the fiscal year ending September 30",
    },
    "BILLSTATUS-117hr6658.xml": {
        "bill": BillId(117, "hr", 6658),
        "title": "Protecting Family and Small Business Tax Cuts Act of 2022",
        "introduced": date(2022, 2, 9),
        "sponsor": ("D000619", "Rep. Davis, Rodney [R-IL-13]", "R", "IL", 13),
        "cosponsors": 111,
        "original": 89,
        "by_party": {"R": 111},
        "action": (date(2022, 2, 9), "Referred to the House Committee on Ways and Means."),
        "committees": ["Ways and Means Committee"],
        "last": ("F000475", date(2022, 11, 16), False),
        "official": "To amend the Internal Revenue Code of 1986",
    },
    "BILLSTATUS-117s35.xml": {
        "bill": BillId(117, "s", 35),
        "title": "Officer Eugene Goodman Congressional Gold Medal Act",
        "introduced": date(2021, 1, 22),
        "sponsor": ("V000128", "Sen. Van Hollen, Chris [D-MD]", "D", "MD", None),
        "cosponsors": 72,
        "original": 35,
        "by_party": {"D": 46, "R": 24, "I": 2},
        "action": (date(2021, 2, 18), "Held at the desk."),
        "committees": ["Banking, Housing, and Urban Affairs Committee"],
        "last": ("M000355", date(2021, 2, 12), False),
        "official": "A bill to award a Congressional Gold Medal to Officer Eugene Goodman.",
    },
    "BILLSTATUS-117sconres7.xml": {
        "bill": BillId(117, "sconres", 7),
        "title": (
            "A concurrent resolution recognizing the heroism of the United States Capitol "
            "personnel and journalists during the insurrectionist attack on the United States "
            "Capitol on January 6, 2021."
        ),
        "introduced": date(2021, 3, 1),
        "sponsor": ("K000367", "Sen. Klobuchar, Amy [D-MN]", "D", "MN", None),
        "cosponsors": 38,
        "original": 38,
        "by_party": {"D": 37, "I": 1},
        "action": (date(2021, 3, 1), "Referred to the Committee on Rules and Administration."),
        "committees": ["Rules and Administration Committee"],
        "last": ("O000174", date(2021, 3, 1), True),
        "official": "A concurrent resolution recognizing the heroism",
    },
}
LEGACY = "legacy-BILLSTATUS-114s1300.xml"


@needs_shared
def test_every_sample_in_shared_is_known_to_these_tests():
    assert SHARED is not None
    names = {p.name for p in SHARED.glob("*.xml")}
    assert names == {*EXPECTED, LEGACY}, "a new sample needs its expected values here"


@needs_shared
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_real_record_gives_its_values(name: str):
    assert SHARED is not None
    want = EXPECTED[name]
    record, data = read_billstatus_file(SHARED / name)
    assert data == (SHARED / name).read_bytes()
    assert record.bill == want["bill"] and record.format_version == "3.0.0"
    assert record.title == want["title"]
    assert record.official_title.startswith(want["official"])
    assert record.introduced == want["introduced"]
    s = record.sponsor
    assert s is not None and (s.bioguide, s.name, s.party, s.state, s.district) == want["sponsor"]
    assert len(record.cosponsors) == want["cosponsors"]
    assert sum(1 for c in record.cosponsors if c.original) == want["original"]
    assert not [c for c in record.cosponsors if c.withdrawn]  # none withdrew in these samples
    last = record.cosponsors[-1]
    assert (last.bioguide, last.since, last.original) == want["last"]
    counts = record.counts()
    assert counts.by_party == want["by_party"] and counts.withdrawn == 0
    action = record.latest_action
    assert action is not None and (action.date, action.text) == want["action"]
    assert [c.name for c in record.committees] == want["committees"]
    assert record.status_of(s.bioguide)[0] is CosponsorStatus.SPONSOR


@needs_shared
def test_the_cosponsors_of_amendments_are_not_the_bills():
    assert SHARED is not None
    raw = (SHARED / "BILLSTATUS-117hr2471.xml").read_bytes()
    assert raw.count(b"<sponsorshipDate>") == 22  # 15 of them belong to amendments
    record, _ = read_billstatus_file(SHARED / "BILLSTATUS-117hr2471.xml")
    assert len(record.cosponsors) == 7


@needs_shared
def test_the_legacy_file_is_refused_with_one_clear_sentence():
    assert SHARED is not None
    with pytest.raises(RecordError) as err:
        read_billstatus_file(SHARED / LEGACY, BillId(114, "s", 1300))
    message = str(err.value)
    assert "legacy Bill Status format" in message and "3.0.0" in message
    assert "\n" not in message


def test_the_made_up_record_with_withdrawn_cosponsors():
    record, _ = read_billstatus_file(MADE_UP)
    assert record.bill == MADE_UP_BILL and record.bill.label == "H.R. 9999"
    assert record.title == "Example Freedom & Accountability Act of 2025"
    assert record.official_titles == ("To require an example, and for other purposes.",)
    withdrawn = [c for c in record.cosponsors if c.withdrawn]
    assert [(c.bioguide, c.withdrawn) for c in withdrawn] == [
        ("Z000003", date(2025, 2, 24)),
        ("Z000004", date(2025, 2, 12)),
    ]
    assert record.status_of("Z000001") == (CosponsorStatus.SPONSOR, date(2025, 2, 3))
    assert record.status_of("Z000002") == (CosponsorStatus.COSPONSOR, date(2025, 2, 3))
    assert record.status_of("Z000003") == (CosponsorStatus.WITHDRAWN, date(2025, 2, 24))
    assert record.status_of("Z000004") == (CosponsorStatus.COSPONSOR, date(2025, 3, 1))
    assert record.status_of("Z000009") == (CosponsorStatus.NOT_COSPONSOR, None)
    emery = record.cosponsors[-1]  # the record leaves out party and "original"
    assert (emery.member.party, emery.original) == (None, None)
    counts = record.counts()
    assert (counts.current, counts.withdrawn) == (3, 1)
    assert counts.by_party == {"": 1, "I": 1, "R": 1}
    committee = record.committees[0]
    assert (committee.system_code, committee.activity) == ("hsfa00", "Markup by")
    assert committee.activity_at == "2025-02-20T15:00:00Z"


GOOD = MADE_UP.read_bytes()


def _edit(old: str, new: str) -> bytes:
    assert old.encode() in GOOD, old
    return GOOD.replace(old.encode(), new.encode(), 1)


# Every kind of malformed input tried, and the sentence each one gets.
MALFORMED = {
    "empty": (b"", "the file is empty"),
    "whitespace": (b"  \n ", "the file is empty"),
    "not XML": (b"PK\x03\x04 a zip file", "not well-formed XML"),
    "cut short": (
        GOOD[: len(GOOD) // 2],
        "ends too soon (no element found: line 62, column 8): it was cut short",
    ),
    "HTML page": ((FIXTURES / "error_page.html").read_bytes(), "a web page (HTML)"),
    "HTML without doctype": (b"<html><body>502 Bad Gateway</body></html>", "a web page (HTML)"),
    "HTML after a comment": (b"<!-- x --><html><body>Oops</body></html>", "a web page (HTML)"),
    "cut inside a tag": (GOOD[:-30], "it was cut short"),
    "cut inside a character": (GOOD[:1000] + "’".encode()[:2], "it was cut short"),
    "billion laughs": ((FIXTURES / "billion_laughs.xml").read_bytes(), "declares a DOCTYPE"),
    "external entity": ((FIXTURES / "external_entity.xml").read_bytes(), "declares a DOCTYPE"),
    "undeclared entity": (_edit("Voice Vote.", "&xxe;"), "undefined entity"),
    "not UTF-8": (GOOD.replace(b"Voice Vote", b"Voice \xff"), "not well-formed XML"),
    "other root": (b"<?xml version='1.0'?><rss><channel/></rss>", "its root element is <rss>"),
    "no version": (_edit("<version>3.0.0</version>", ""), "no <version>"),
    "version 4": (_edit("<version>3.0.0</version>", "<version>4.0.0</version>"), "format 4.0.0"),
    "no bill": (b"<billStatus><version>3.0.0</version></billStatus>", "no <bill>"),
    "no number": (_edit("<number>9999</number>", ""), "no bill number"),
    "number not a number": (_edit("<number>9999</number>", "<number>9x</number>"), "9x"),
    "number zero": (_edit("<number>9999</number>", "<number>0</number>"), "not a positive"),
    "number negative": (_edit("<number>9999</number>", "<number>-5</number>"), "'-5'"),
    "number superscript": (_edit("<number>9999</number>", "<number>9²</number>"), "'9²'"),
    "number 5,000 digits": (
        _edit("<number>9999</number>", f"<number>{'9' * 5000}</number>"),
        "not a positive",
    ),
    "no congress": (_edit("<congress>119</congress>", ""), "no Congress"),
    "unknown type": (_edit("<type>HR</type>", "<type>HAMDT</type>"), "'HAMDT' is not one"),
    "no type": (_edit("<type>HR</type>", ""), "no bill type"),
    "no title": (
        _edit("<title>Example Freedom &amp; Accountability Act of 2025</title>\n", ""),
        "no <title>",
    ),
    "no introduced date": (
        _edit("<introducedDate>2025-02-03</introducedDate>", ""),
        "no <introducedDate>",
    ),
    "bad introduced date": (_edit("2025-02-03</intro", "2025-02-30</intro"), "not a date"),
    "no sponsor": (
        _edit("<sponsors>", "<nobody>").replace(b"</sponsors>", b"</nobody>"),
        "no sponsor",
    ),
    "sponsor without id": (
        _edit("<bioguideId>Z000001</bioguideId>", ""),
        "the sponsor has no bioguideId",
    ),
    "sponsor bad id": (
        _edit("<bioguideId>Z000001<", "<bioguideId>z1<"),
        "malformed bioguideId: 'z1'",
    ),
    "cosponsor without id": (
        _edit("<bioguideId>Z000003</bioguideId>", ""),
        "cosponsor 2 has no bioguideId",
    ),
    "cosponsor bad date": (
        _edit("2025-02-10<", "10/02/2025<"),
        "sponsorship date of cosponsor 2 (Z000003)",
    ),
    "bad withdrawal date": (_edit("2025-02-24<", "soon<"), "withdrawal date of cosponsor 2"),
    "no latest action": (
        _edit("<text>Ordered to be Reported by Voice Vote.</text>", ""),
        "no <latestAction>",
    ),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_file_is_refused_with_a_sentence(name: str):
    data, said = MALFORMED[name]
    with pytest.raises(RecordError) as err:
        parse_billstatus(data, MADE_UP_BILL)
    assert said in str(err.value)
    assert "\n" not in str(err.value) and "Traceback" not in str(err.value)


def test_a_file_for_another_bill_is_refused():
    with pytest.raises(RecordError) as err:
        parse_billstatus(GOOD, BillId(119, "s", 9999))
    assert str(err.value) == (
        "this file is the record of H.R. 9999 (119th Congress), not of S. 9999 (119th Congress)"
    )


def test_the_billion_laughs_are_refused_at_once():
    started = time.perf_counter()
    with pytest.raises(RecordError):
        parse_billstatus((FIXTURES / "billion_laughs.xml").read_bytes())
    assert time.perf_counter() - started < 1.0


def test_a_file_over_the_size_cap_is_refused(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(parse, "MAX_FILE_BYTES", 1000)
    with pytest.raises(RecordError, match="larger than"):
        parse_billstatus(GOOD)
    copy = tmp_path / "BILLSTATUS-119hr9999.xml"
    copy.write_bytes(GOOD)
    with pytest.raises(RecordError, match="larger than"):
        read_billstatus_file(copy)


def test_a_file_named_for_one_bill_must_hold_it(tmp_path: Path):
    misnamed = tmp_path / "BILLSTATUS-118hr1103.xml"
    misnamed.write_bytes(GOOD)
    with pytest.raises(RecordError, match=r"not of H\.R\. 1103 \(118th Congress\)"):
        read_billstatus_file(misnamed)
    with pytest.raises(RecordError, match="no such file"):
        read_billstatus_file(tmp_path / "missing.xml")
    with pytest.raises(RecordError, match="folder"):
        read_billstatus_file(tmp_path)


@pytest.mark.parametrize(
    ("name", "bill"),
    [
        ("BILLSTATUS-117s35.xml", BillId(117, "s", 35)),
        ("BILLSTATUS-117sconres7.xml", BillId(117, "sconres", 7)),
        ("billstatus-118HR1103.xml", BillId(118, "hr", 1103)),
        ("BILLSTATUS-117xx35.xml", None),
        ("BILLSTATUS-s35.xml", None),
        ("BILLSTATUS-117s.xml", None),
        ("BILLSTATUS-117s0.xml", None),
        ("legacy-BILLSTATUS-114s1300.xml", None),
        ("bill.xml", None),
    ],
)
def test_the_bill_a_file_name_states(name: str, bill: BillId | None):
    assert bill_from_filename(Path(name)) == bill


def test_bill_ids_and_their_labels():
    assert BillId.of(118, "house", 1103) == BillId(118, "hr", 1103)
    assert BillId.of(118, "Senate", 490).label == "S. 490"
    assert BillId.of(117, "SCONRES", 7).label == "S.Con.Res. 7"
    assert BillId(117, "hjres", 3).congress_gov_url == (
        "https://www.congress.gov/bill/117th-congress/house-joint-resolution/3"
    )
    assert BillId(121, "s", 1).described == "S. 1 (121st Congress)"
    for bad in ((118, "hamdt", 1), (0, "hr", 1), (118, "hr", 0)):
        with pytest.raises(ValueError):
            BillId(*bad)
