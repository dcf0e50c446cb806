"""Bill status from the official record: the GPO's Bill Status XML, fetched, parsed, stored.

Discord-free. The record of a bill is global public data (not a server's), stored once for
the whole bot; which bills a server tracks stays in its own rows (bill_versions, with
guild_id). Texts are as the record has them: escape them before showing them on Discord.

The API, by module (import from the module itself):

- ``model``: ``BillId(congress, type, number)`` (``BillId.of(118, "house", 1103)``,
  ``BillId.for_version(version)``, ``.label`` "H.R. 1103", ``.described``,
  ``.congress_gov_url``); ``BillRecord`` (``title``, ``official_title``, ``all_titles``,
  ``introduced``, ``sponsor: Member``, ``cosponsors: tuple[Cosponsor]``,
  ``latest_action: Action``, ``committees``, ``updated``, ``status_of(bioguide)``,
  ``counts()``); ``CosponsorStatus`` (sponsor, cosponsor, withdrawn, not_cosponsor,
  unknown; catalog labels ``record.cosponsor.*``); ``CosponsorCounts(current, withdrawn,
  by_party)``.
- ``storage``: ``get_record(db, bill) -> StoredRecord | None`` (the record, ``source``,
  ``fetched_at``, ``confirmed_at`` = "as of"); ``get_check(db, bill) -> Check | None`` (the
  last attempt: ``outcome`` updated/unchanged/not_found/failed, ``error``);
  ``cosponsor_status(db, bill, bioguide_id) -> (CosponsorStatus, date | None)``;
  ``cosponsor_statuses(db, bill, bioguide_ids) -> dict``;
  ``cosponsor_counts(db, bill) -> CosponsorCounts | None`` (the party counts).
- ``verify``: ``lookup_bill(fetcher, bill) -> Lookup`` (``outcome`` found/not_found/
  unreachable, ``title``, ``official_title``, ``record``); ``remember_lookup(db, lookup,
  now_iso)``; ``title_names_act(title, act)``, ``title_naming_act(record, names)``.
- ``fetch``: ``billstatus_base(settings) -> str | None`` (None: ``BILLSTATUS_URL=off``);
  ``BillStatusFetcher(base)`` (``async with``; ``fetch(bill, etag=, last_modified=)``).
- ``refresh``: ``auto_fetch_enabled(settings)``; ``refresh_forever(db, clock, content,
  base)`` (the daily task the app starts); ``refresh_tracked``; ``tracked_bills``.
- ``parse``: ``parse_billstatus(data, expected) -> BillRecord``, ``RecordError``.
- ``importer``: ``import_files_cli(settings, paths)`` behind ``python -m bot
  import-billstatus``.
"""
