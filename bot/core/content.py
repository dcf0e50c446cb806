"""The statement, signatories, places and bills from ``data/``, validated at load time.

A malformed file raises :class:`ContentError` naming the file and the problem, so the bot
refuses to start rather than quote something wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from bot.core.enums import Chamber

# data/ of the checkout, installed inside the package as bot._data (see setup.py).
DATA_DIR = Path(str(resources.files("bot._data")))


class ContentError(Exception):
    """A data file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Statement:
    title: str
    paragraphs: tuple[Paragraph, ...]

    def paragraph(self, number: int) -> Paragraph | None:
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None


@dataclass(frozen=True, slots=True)
class Location:
    """Where a group is, as far as its name says (source ``name``) or an organizer set it."""

    city: str | None
    state: str | None
    metro: str | None
    source: str  # "name" or "organizer"
    evidence: str | None = None  # the words of the name it comes from


@dataclass(frozen=True, slots=True)
class Signatory:
    position: int
    name: str
    short_name: str | None
    location: Location | None


@dataclass(frozen=True, slots=True)
class Metro:
    id: str
    name: str
    state: str
    within: str | None
    aliases: tuple[str, ...]
    cities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BillVersionSeed:
    congress: int
    chamber: Chamber
    number: int


@dataclass(frozen=True, slots=True)
class CampaignSeed:
    slug: str
    act: str
    short_name: str
    aliases: tuple[str, ...]
    versions: tuple[BillVersionSeed, ...]
    statement_status: str | None
    statement_ask: str


@dataclass(frozen=True, slots=True)
class Content:
    statement: Statement
    signatories: tuple[Signatory, ...]
    metros: dict[str, Metro]
    states: dict[str, str]
    campaigns: tuple[CampaignSeed, ...]
    congress_ends: dict[int, str]  # congress number -> ISO date it ended or ends

    def signatory(self, position: int) -> Signatory | None:
        if 1 <= position <= len(self.signatories):
            return self.signatories[position - 1]
        return None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"{path}: the file is missing") from None
    except json.JSONDecodeError as exc:
        raise ContentError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def _require(cond: bool, path: Path, problem: str) -> None:
    if not cond:
        raise ContentError(f"{path}: {problem}")


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _load_statement(path: Path) -> Statement:
    raw = _read_json(path)
    _require(isinstance(raw, dict), path, "expected an object with 'title' and 'paragraphs'")
    _require(_text(raw.get("title")), path, "'title' must be non-empty text")
    paras = raw.get("paragraphs")
    _require(isinstance(paras, list) and bool(paras), path, "'paragraphs' must be a non-empty list")
    out = []
    for i, p in enumerate(paras, start=1):
        _require(isinstance(p, dict), path, f"paragraph {i} must be an object")
        _require(p.get("number") == i, path, f"paragraph {i} has number {p.get('number')!r}")
        _require(_text(p.get("text")), path, f"paragraph {i} has no text")
        out.append(Paragraph(i, p["text"]))
    return Statement(raw["title"], tuple(out))


def _load_location(raw: Any, path: Path, where: str) -> Location | None:
    if raw is None:
        return None
    _require(isinstance(raw, dict), path, f"{where}: 'location' must be an object or null")
    for key in ("city", "state", "metro"):
        _require(raw.get(key) is None or _text(raw.get(key)), path, f"{where}: bad '{key}'")
    _require(_text(raw.get("evidence")), path, f"{where}: 'evidence' must quote the name")
    _require(
        bool(raw.get("city") or raw.get("state") or raw.get("metro")),
        path,
        f"{where}: a location needs a city, state or metro",
    )
    return Location(raw.get("city"), raw.get("state"), raw.get("metro"), "name", raw["evidence"])


def _load_signatories(path: Path) -> tuple[Signatory, ...]:
    raw = _read_json(path)
    _require(isinstance(raw, list) and bool(raw), path, "expected a non-empty list of signatories")
    out = []
    for i, s in enumerate(raw, start=1):
        where = f"signatory {i}"
        _require(isinstance(s, dict), path, f"{where} must be an object")
        _require(s.get("position") == i, path, f"{where} has position {s.get('position')!r}")
        _require(_text(s.get("name")), path, f"{where} has no name")
        _require(
            s.get("short_name") is None or _text(s.get("short_name")),
            path,
            f"{where}: bad 'short_name'",
        )
        loc = _load_location(s.get("location"), path, where)
        if loc is not None:
            _require(
                loc.evidence in s["name"],
                path,
                f"{where}: evidence {loc.evidence!r} is not in the group's name",
            )
        out.append(Signatory(i, s["name"], s.get("short_name"), loc))
    return tuple(out)


def _load_places(path: Path) -> tuple[dict[str, Metro], dict[str, str]]:
    raw = _read_json(path)
    _require(isinstance(raw, dict), path, "expected an object with 'metros' and 'states'")
    states = raw.get("states")
    _require(isinstance(states, dict) and bool(states), path, "'states' must map codes to names")
    for code, name in states.items():
        _require(len(code) == 2 and code.isupper() and _text(name), path, f"bad state {code!r}")
    metros: dict[str, Metro] = {}
    for m in raw.get("metros") or []:
        _require(isinstance(m, dict) and _text(m.get("id")), path, "every metro needs an 'id'")
        where = f"metro {m['id']!r}"
        _require(_text(m.get("name")), path, f"{where} has no name")
        _require(m.get("state") in states, path, f"{where} has an unknown state")
        metros[m["id"]] = Metro(
            m["id"],
            m["name"],
            m["state"],
            m.get("within"),
            tuple(m.get("aliases") or ()),
            tuple(m.get("cities") or ()),
        )
    for m in metros.values():
        _require(
            m.within is None or m.within in metros,
            path,
            f"metro {m.id!r} is within unknown metro {m.within!r}",
        )
    return metros, states


def _load_bills(path: Path) -> tuple[tuple[CampaignSeed, ...], dict[int, str]]:
    raw = _read_json(path)
    _require(isinstance(raw, dict), path, "expected an object with 'campaigns'")
    ends = {}
    for num, info in (raw.get("congresses") or {}).items():
        _require(
            str(num).isdigit() and isinstance(info, dict) and _text(info.get("end")),
            path,
            f"congress {num!r} needs an 'end' date",
        )
        ends[int(num)] = info["end"]
    camps = []
    for c in raw.get("campaigns") or []:
        _require(isinstance(c, dict) and _text(c.get("slug")), path, "every campaign needs a slug")
        where = f"campaign {c['slug']!r}"
        for key in ("act", "short_name", "statement_ask"):
            _require(_text(c.get(key)), path, f"{where} has no '{key}'")
        versions = []
        for v in c.get("versions") or []:
            ok = (
                isinstance(v, dict)
                and isinstance(v.get("congress"), int)
                and v.get("chamber") in {c.value for c in Chamber}
                and isinstance(v.get("number"), int)
                and v["number"] > 0
            )
            _require(ok, path, f"{where} has a malformed version {v!r}")
            versions.append(BillVersionSeed(v["congress"], Chamber(v["chamber"]), v["number"]))
        _require(bool(versions), path, f"{where} has no versions")
        camps.append(
            CampaignSeed(
                c["slug"],
                c["act"],
                c["short_name"],
                tuple(c.get("aliases") or ()),
                tuple(versions),
                c.get("statement_status"),
                c["statement_ask"],
            )
        )
    _require(bool(camps), path, "no campaigns")
    return tuple(camps), ends


def load_content(data_dir: Path = DATA_DIR) -> Content:
    """Load and validate every data file; raise :class:`ContentError` on the first problem."""
    statement = _load_statement(data_dir / "statement.json")
    signatories = _load_signatories(data_dir / "signatories.json")
    metros, states = _load_places(data_dir / "places.json")
    for s in signatories:
        if s.location and s.location.metro:
            _require(
                s.location.metro in metros,
                data_dir / "signatories.json",
                f"signatory {s.position} names unknown metro {s.location.metro!r}",
            )
        if s.location and s.location.state:
            _require(
                s.location.state in states,
                data_dir / "signatories.json",
                f"signatory {s.position} names unknown state {s.location.state!r}",
            )
    campaigns, ends = _load_bills(data_dir / "bills.json")
    return Content(statement, signatories, metros, states, campaigns, ends)
