"""``python -m bot import-billstatus [--db PATH] FILE...``: one line per file, stored or why not."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from record_support import FIXTURES, MADE_UP, MADE_UP_BILL, shared_billstatus

from bot.__main__ import ENV_FILE_VAR, main
from bot.campaigns.record.storage import get_record
from bot.core.database import Database


@pytest.fixture(autouse=True)
def no_developer_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / "test.env"
    env.write_text("# nothing set\n", encoding="utf-8")
    monkeypatch.setenv(ENV_FILE_VAR, str(env))


def _run(capsys, *argv: str) -> tuple[int, list[str]]:
    status = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, captured.out.strip().splitlines()


async def _stored(db_file: Path, bill=MADE_UP_BILL):
    db = Database(db_file)
    await db.open()
    try:
        return await get_record(db, bill)
    finally:
        await db.close()


def test_good_files_are_stored_one_line_each(tmp_path: Path, capsys):
    db = tmp_path / "bot.db"
    status, lines = _run(capsys, "import-billstatus", "--db", str(db), str(MADE_UP))
    assert status == 0
    assert lines == [
        f"{MADE_UP}: stored H.R. 9999 (119th Congress), “Example Freedom & Accountability Act "
        "of 2025”: 3 current cosponsors, latest action 2025-03-03. No campaign tracks this bill "
        "yet.",
        "1 stored, 0 refused. A refused file changes nothing: the copy stored before (if any) "
        "is kept.",
    ]
    stored = asyncio.run(_stored(db))
    assert stored is not None and stored.source == str(MADE_UP) and stored.etag is None


def test_bad_files_are_refused_and_change_nothing(tmp_path: Path, capsys):
    db = tmp_path / "bot.db"
    assert main(["import-billstatus", "--db", str(db), str(MADE_UP)]) == 0
    capsys.readouterr()
    misnamed = tmp_path / "BILLSTATUS-119s9999.xml"
    misnamed.write_bytes(MADE_UP.read_bytes())
    older = tmp_path / "older.xml"
    older.write_bytes(
        MADE_UP.read_bytes()
        .replace(b"2025-03-04T12:00:00Z", b"2025-03-01T12:00:00Z")
        .replace(b"Voice Vote", b"Other Vote")
    )
    truncated = tmp_path / "BILLSTATUS-119hr9999.xml"
    truncated.write_bytes(MADE_UP.read_bytes()[:900])
    files = [
        FIXTURES / "error_page.html",
        FIXTURES / "billion_laughs.xml",
        misnamed,
        older,
        truncated,
        tmp_path / "missing.xml",
    ]
    status, lines = _run(capsys, "import-billstatus", *map(str, files), "--db", str(db))
    assert status == 2 and len(lines) == len(files) + 1
    said = [
        "a web page (HTML)",
        "declares a DOCTYPE",
        "not of S. 9999 (119th Congress)",
        "(updated 2025-03-01T12:00:00Z) is older than the stored one (updated 2025-03-04T12",
        "it was cut short",
        "no such file",
    ]
    for path, line, why in zip(files, lines, said, strict=False):
        assert line.startswith(f"{path}: refused: ") and why in line, line
    assert lines[-1].startswith("0 stored, 6 refused.")
    stored = asyncio.run(_stored(db))
    assert stored is not None and stored.record.latest_action is not None
    assert "Voice Vote" in stored.record.latest_action.text


@pytest.mark.skipif(shared_billstatus() is None, reason="../shared/billstatus is not here")
def test_the_real_samples_load_and_the_legacy_one_is_refused(tmp_path: Path, capsys):
    folder = shared_billstatus()
    assert folder is not None
    files = sorted(folder.glob("*.xml"))
    status, lines = _run(
        capsys, "--db", str(tmp_path / "bot.db"), "import-billstatus", *map(str, files)
    )
    assert status == 2
    by_file = dict(zip([str(f) for f in files], lines, strict=False))
    assert "stored S. 35 (117th Congress)" in by_file[str(folder / "BILLSTATUS-117s35.xml")]
    assert (
        "72 current cosponsors, latest action 2021-02-18"
        in by_file[str(folder / "BILLSTATUS-117s35.xml")]
    )
    legacy = by_file[str(folder / "legacy-BILLSTATUS-114s1300.xml")]
    assert "refused: this file is in the legacy Bill Status format" in legacy
    assert lines[-1].startswith("4 stored, 1 refused.")


def test_a_path_that_is_not_a_database_is_named(tmp_path: Path, capsys):
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello, this is not SQLite " * 100)
    assert main(["import-billstatus", "--db", str(not_db), str(MADE_UP)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and str(not_db) in captured.err
