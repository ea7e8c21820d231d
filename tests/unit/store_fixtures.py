"""Hand-built annotations for the store, export and cluster tests (no model needed)."""

from __future__ import annotations

from eventwire.records import (
    Actor,
    Annotation,
    Document,
    Entity,
    Event,
    Place,
    Quote,
    Span,
    TimeExpression,
    content_hash,
    stable_id,
)

ACTORS = {
    "RUSGOV": Actor("Moscow", 0, 6, "RUSGOV", "RUS", "GOV", "Russia"),
    "CHNGOV": Actor("Beijing", 0, 7, "CHNGOV", "CHN", "GOV", "China"),
    "USAGOV": Actor("Washington", 0, 10, "USAGOV", "USA", "GOV", "United States"),
    "UKRMIL": Actor("Ukrainian troops", 0, 16, "UKRMIL", "UKR", "MIL", None),
}
ROOTS = {
    "04": ("040", "CONSULT", 1, 1.0),
    "05": ("057", "AGREE", 1, 8.0),
    "11": ("112", "DISAPPROVE", 3, -2.0),
    "19": ("190", "FIGHT", 4, -10.0),
}
MOSCOW = Place("Moscow", 0, 6, "Moscow", "RUS", 55.75, 37.62, "city", 524901)
KYIV = Place("Kyiv", 0, 4, "Kyiv", "UKR", 50.45, 30.52, "city", 703448)


def make_event(
    doc_id: str,
    i: int,
    src: str,
    tgt: str | None,
    root: str,
    *,
    date: str | None = None,
    precision: str = "publication",
    location: Place | None = None,
    negated: bool = False,
    text: str = "",
) -> Event:
    cameo, plover, quad, goldstein = ROOTS[root]
    trigger = Span("met", 7, 10)
    return Event(
        event_id=stable_id(doc_id, i, cameo),
        doc_id=doc_id,
        sentence_index=i,
        source=ACTORS[src],
        target=ACTORS[tgt] if tgt else None,
        cameo=cameo,
        cameo_root=root,
        plover=plover,
        quad_class=quad,
        goldstein=goldstein,
        trigger=trigger,
        evidence=text or f"Sentence {i}.",
        date=date,
        date_precision=precision,
        location=location,
        confidence=0.8,
        negated=negated,
        evidence_start=0,
        evidence_end=len(text or f"Sentence {i}."),
    )


def make_annotation(
    text: str,
    *,
    date: str = "2018-06-08",
    source: str = "AP",
    doc_id: str | None = None,
    events: list[tuple] = (),
    url: str | None = None,
) -> Annotation:  # type: ignore[assignment]
    doc_id = doc_id or stable_id(text)
    doc = Document(
        doc_id=doc_id,
        text=text,
        date=date,
        source=source,
        dateline="MOSCOW",
        title="T",
        url=url,
        origin=f"test:{doc_id}",
    )
    evs = [
        make_event(doc_id, i, *spec[:3], **(spec[3] if len(spec) > 3 else {}))
        for i, spec in enumerate(events)
    ]
    ent = Entity("Moscow", 0, min(6, len(text)), "GPE", ACTORS["RUSGOV"], ("Moskva",))
    quote = Quote(
        content=Span("we agree", 0, 8),
        direct=True,
        speaker=ACTORS["RUSGOV"],
        cue=Span("said", 9, 13),
    )
    return Annotation(
        document=doc,
        entities=[ent],
        events=evs,
        quotes=[quote],
        times=[TimeExpression("Friday", 0, 6, "DATE", date)],
        places=[MOSCOW],
        learned=[
            {
                "text": "Foreign Minister X",
                "name": "X",
                "role": "foreign minister",
                "code": "RUSGOV",
                "country": "RUS",
                "sector": "GOV",
                "start": 0,
                "end": 5,
            }
        ],
    )


__all__ = ["make_annotation", "make_event", "content_hash", "MOSCOW", "KYIV"]
