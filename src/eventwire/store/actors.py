"""Actor arguments as analysts type them: a code (``RUS``, ``RUSGOV``) or a name ("United
States"), resolved to the code the store's filters match (:func:`resolve_actor`).

A code is taken as given when some stored event's actor matches it (country or code prefix) or
when it is a country code; otherwise the name is looked up in the actor knowledge (the caller's
``lookup``, e.g. ``eventwire actors lookup``'s :func:`eventwire.cli.actors_lookup.explain`);
otherwise StoreError E306 names the close matches among the store's actors and the countries.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from ..errors import Errors, StoreError
from .filters import UNCODED, actor_match

Lookup = Callable[[str], Sequence[dict[str, Any]]]
CODE = re.compile(r"^[A-Z0-9]{3,}$")


def stored_actors(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every actor code and country of the stored events (uncoded left out) -> a name."""
    rows = con.execute(
        f"""
        SELECT code, mode(name ORDER BY name) FROM (
            SELECT source_code AS code, source_name AS name FROM events
            UNION ALL SELECT target_code, target_name FROM events
            UNION ALL SELECT source_country, NULL FROM events
            UNION ALL SELECT target_country, NULL FROM events
        ) WHERE code IS NOT NULL AND code <> '{UNCODED}' GROUP BY code
        """
    ).fetchall()
    return {code: name or "" for code, name in rows}


def _in_store(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    row = con.execute(
        f"SELECT count(*) FROM events e WHERE {actor_match('source')} OR {actor_match('target')}",
        [code] * 4,
    ).fetchone()
    return bool(row and row[0])


def close_matches(con: duckdb.DuckDBPyConnection, text: str, *, n: int = 5) -> list[str]:
    """Up to ``n`` actors near ``text``: stored codes and countries by code or by name."""
    from ..export.codes import countries  # lazy: export imports the store

    names: dict[str, str] = {iso: name for iso, (_, name) in countries().items()}
    names.update({code: name or names.get(code, "") for code, name in stored_actors(con).items()})
    by_name = {name.lower(): code for code, name in names.items() if name}
    found = difflib.get_close_matches(text.upper(), list(names), n=n, cutoff=0.6)
    found += [by_name[m] for m in difflib.get_close_matches(text.lower(), list(by_name), n=n)]
    out = list(dict.fromkeys(found))[:n]
    return [f"{code} ({names[code]})" if names.get(code) else code for code in out]


def resolve_actor(con: duckdb.DuckDBPyConnection, text: str, lookup: Lookup | None = None) -> str:
    """The actor code ``text`` stands for (see the module); StoreError E306 if none."""
    from ..export.codes import countries  # lazy: export imports the store

    given = text.strip()
    if given == UNCODED:
        raise StoreError(
            Errors.E306, actor=given, reason="the null code of actors no dictionary codes"
        )
    code = given.upper()
    if CODE.match(code) and (_in_store(con, code) or code in countries()):
        return code
    if lookup is not None:
        for found in lookup(given):
            if found.get("code") and found["code"] != UNCODED:
                return str(found["code"])
    near = close_matches(con, given)
    reason = "no stored actor code starts with it and the actor knowledge has no such name"
    raise StoreError(
        Errors.E306,
        actor=given,
        reason=reason + (f"; close matches: {', '.join(near)}" if near else ""),
    )
