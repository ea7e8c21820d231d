"""Learned actors: consolidate composed resolutions ("Russian President Vladimir Putin") into a
reviewable table, and read them back.

Each observation is a dict with the keys ``name, code, country, sector, role_text, date, evidence,
start, end`` (plus ``doc_id`` when stored). :func:`consolidate` groups them by name into one row per
person with counts, first and last seen dates, the codes seen, and a ``status``:

- ``new``: one code seen; later runs use it once the table is passed as ``learned_actors``;
- ``conflict``: several codes seen (a person who changed jobs, or an error): not used until a
  reviewer picks a code and sets ``status: accepted``;
- ``known``: the name is already in the curated people file (listed for review, not used);
- ``rejected``: set by a reviewer; never used.
"""

from __future__ import annotations

import csv
import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .errors import Errors, KnowledgeError

log = logging.getLogger(__name__)

OBSERVATION_KEYS = (
    "name",
    "code",
    "country",
    "sector",
    "role_text",
    "date",
    "evidence",
    "start",
    "end",
)
TABLE_COLUMNS = (
    "name",
    "code",
    "country",
    "sector",
    "status",
    "count",
    "documents",
    "first_seen",
    "last_seen",
    "codes",
    "role_text",
    "evidence",
)


def _norm_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def consolidate(
    rows: Iterable[dict[str, Any]], *, known: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """One reviewable row per learned name, most observed first."""
    known_names = {_norm_name(n) for n in known}
    groups: dict[str, list[dict[str, Any]]] = {}
    display: dict[str, str] = {}
    for row in rows:
        name = str(row.get("name") or "").strip()
        if not name or not row.get("code"):
            continue
        key = _norm_name(name)
        groups.setdefault(key, []).append(row)
        display.setdefault(key, name)
    table = [_row(display[k], obs, known=k in known_names) for k, obs in groups.items()]
    table.sort(key=lambda r: (-r["count"], r["name"]))
    return table


def _row(name: str, obs: list[dict[str, Any]], *, known: bool) -> dict[str, Any]:
    codes = Counter(str(o["code"]) for o in obs)
    code, _ = codes.most_common(1)[0]
    example = next(o for o in obs if str(o["code"]) == code)
    dates = sorted(str(o["date"]) for o in obs if o.get("date"))
    docs = {o.get("doc_id") for o in obs if o.get("doc_id")}
    status = "known" if known else ("conflict" if len(codes) > 1 else "new")
    return {
        "name": name,
        "code": code,
        "country": example.get("country"),
        "sector": example.get("sector"),
        "status": status,
        "count": len(obs),
        "documents": len(docs) or None,
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "codes": dict(codes.most_common()),
        "role_text": example.get("role_text"),
        "evidence": example.get("evidence"),
    }


def write_table(table: list[dict[str, Any]], path: str | Path) -> None:
    """Write the table as YAML (``actors:`` list) or CSV, chosen by the file suffix."""
    p = Path(path)
    if p.suffix.lower() == ".csv":
        with p.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=TABLE_COLUMNS)
            writer.writeheader()
            for row in table:
                writer.writerow({**row, "codes": json.dumps(row["codes"], ensure_ascii=False)})
        return
    doc = {
        "version": 1,
        "note": "learned actors: review `status` (new/conflict/known/accepted/rejected)",
        "actors": table,
    }
    p.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )


def observations_from_db(path: str | Path) -> list[dict[str, Any]]:
    """Rows of the store's ``actor_observations`` table."""
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise KnowledgeError(
            Errors.E101, path=str(path), reason=f"cannot open database: {exc}"
        ) from exc
    try:
        cur = con.execute("SELECT * FROM actor_observations")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    except duckdb.Error as exc:
        raise KnowledgeError(
            Errors.E101, path=str(path), reason=f"no actor_observations table: {exc}"
        ) from exc
    finally:
        con.close()


def observations_from_jsonl(lines: Iterable[str], *, source: str = "-") -> Iterator[dict[str, Any]]:
    """Observations from JSONL: learned rows themselves, or annotate objects (``learned`` list, else
    their PERSON entities whose actor has a name)."""
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KnowledgeError(
                Errors.E101, path=f"{source}:{n}", reason=f"not JSON: {exc}"
            ) from exc
        if not isinstance(obj, dict):
            continue
        if "name" in obj and "code" in obj:
            yield obj
        elif obj.get("learned"):
            yield from ({**r, "doc_id": obj.get("doc_id")} for r in obj["learned"])
        else:
            yield from _from_entities(obj)


def _from_entities(obj: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for ent in obj.get("entities") or ():
        actor = ent.get("actor") or {}
        if ent.get("label") != "PERSON" or not actor.get("name") or len(actor["name"].split()) < 2:
            continue
        if actor.get("text") == ent.get("text"):
            continue  # a bare name: nothing was composed
        yield {
            "name": actor["name"],
            "code": actor.get("code"),
            "country": actor.get("country"),
            "sector": actor.get("sector"),
            "role_text": actor.get("text"),
            "date": obj.get("date"),
            "evidence": None,
            "start": actor.get("start"),
            "end": actor.get("end"),
            "doc_id": obj.get("doc_id"),
        }
