"""Doc extension attributes that eventwire's components read and write.

``ew_date``/``ew_doc_id``/``ew_dateline`` are set before the pipeline runs; each component
then attaches its records. Registered once, idempotently.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .registry import extractors

_ATTRS: dict[str, object] = {
    "ew_doc_id": None,
    "ew_date": None,  # ISO date of the document, or None
    "ew_dateline": None,
    "ew_dateline_start": None,  # where the dateline sits in the header (Document.text offset)
    "ew_body_start": 0,
    "ew_errors": None,  # list[str]: extractor failures for this document
    "ew_actors": None,  # list[ActorMention]
    "ew_roles": None,  # list[ActorMention]: roles no actor anchors ("the finance minister")
    "ew_entities": None,  # list[Entity]
    "ew_times": None,  # list[TimeMention]
    "ew_places": None,  # list[PlaceMention]
    "ew_events": None,  # list[Event]
    "ew_quotes": None,  # list[Quote]
    "ew_learned": None,  # list[dict]: composed actor resolutions to learn from
}


def register_extensions() -> None:
    """The attributes above plus each registered extractor's ``doc_attr`` (default None)."""
    attrs = dict(_ATTRS)
    for spec in extractors().values():
        attrs.setdefault(spec.doc_attr, None)
    for name, default in attrs.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def record_error(doc: Doc, component: str, exc: BaseException) -> None:
    errors = doc._.ew_errors or []
    errors.append(f"{component}: {type(exc).__name__}: {exc}")
    doc._.ew_errors = errors


register_extensions()
