"""A small synthetic store for the server's tests and for trying the dashboard without a model.

The articles below are invented for eventwire's tests (not news); their annotations are built
by hand with exact offsets and written through :class:`eventwire.store.Store`, exactly as
ingest writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..records import (
    Actor,
    Annotation,
    Document,
    Entity,
    Event,
    Place,
    Quote,
    Span,
    TimeExpression,
    stable_id,
)
from ..store import Store

# (code, country, sector) for the actors the sample articles mention
ACTORS = {
    "Russia": ("RUS", "RUS", None),
    "Moscow": ("RUSGOV", "RUS", "GOV"),
    "China": ("CHN", "CHN", None),
    "Beijing": ("CHNGOV", "CHN", "GOV"),
    "Ukraine": ("UKR", "UKR", None),
    "Kyiv": ("UKRGOV", "UKR", "GOV"),
    "the United States": ("USA", "USA", None),
    "Washington": ("USAGOV", "USA", "GOV"),
    "the foreign minister": ("RUSGOVFRM", "RUS", "GOV"),
}
PLACES = {
    "Moscow": ("Moscow", "RUS", 55.7558, 37.6173, "PPLC"),
    "Beijing": ("Beijing", "CHN", 39.9042, 116.4074, "PPLC"),
    "Kyiv": ("Kyiv", "UKR", 50.4501, 30.5234, "PPLC"),
    "Geneva": ("Geneva", "CHE", 46.2044, 6.1432, "PPL"),
}
# CAMEO code -> (root, PLOVER, quad class, Goldstein)
CODES = {
    "036": ("03", "AGREE", 1, 4.0),
    "042": ("04", "CONSULT", 1, 1.9),
    "057": ("05", "AGREE", 1, 8.0),
    "061": ("06", "COOPERATE", 2, 6.4),
    "112": ("11", "ACCUSE", 3, -2.0),
    "163": ("16", "SANCTION", 3, -8.0),
    "190": ("19", "FIGHT", 4, -10.0),
}


@dataclass(frozen=True)
class SampleEvent:
    source: str  # surface text of the source actor (a key of ACTORS)
    target: str
    trigger: str
    cameo: str
    date: str | None = None
    place: str | None = None  # surface text of the location (a key of PLACES)


@dataclass(frozen=True)
class SampleDoc:
    date: str
    source: str
    title: str
    sentences: tuple[tuple[str, tuple[SampleEvent, ...]], ...]
    quote: tuple[str, str, str] | None = None  # (speaker, cue, quoted words)


SAMPLE_DOCS: tuple[SampleDoc, ...] = (
    SampleDoc(
        "2018-01-15",
        "AP",
        "Russia and China hold talks in Moscow",
        (
            (
                "Russia hosted talks with China in Moscow on Monday.",
                (SampleEvent("Russia", "China", "hosted talks", "042", "2018-01-15", "Moscow"),),
            ),
            (
                "Beijing agreed to expand trade with Moscow.",
                (SampleEvent("Beijing", "Moscow", "agreed", "057", "2018-01-15", None),),
            ),
        ),
        quote=("the foreign minister", "said", "Our partnership has never been stronger"),
    ),
    SampleDoc(
        "2018-01-16",
        "AFP",
        "Chinese and Russian officials meet",
        (
            (
                "China held talks with Russia in Moscow.",
                (SampleEvent("China", "Russia", "held talks", "042", "2018-01-15", "Moscow"),),
            ),
        ),
    ),
    SampleDoc(
        "2018-02-20",
        "Xinhua",
        "Beijing and Moscow sign cooperation deal",
        (
            (
                "China signed a military cooperation deal with Russia in Beijing.",
                (SampleEvent("China", "Russia", "signed", "061", "2018-02-20", "Beijing"),),
            ),
            (
                "Washington accused Moscow of interference.",
                (SampleEvent("Washington", "Moscow", "accused", "112", "2018-02-20", None),),
            ),
        ),
    ),
    SampleDoc(
        "2018-03-05",
        "AP",
        "Fighting flares in the east",
        (
            (
                "Russia clashed with Ukraine near Kyiv on Sunday.",
                (SampleEvent("Russia", "Ukraine", "clashed", "190", "2018-03-04", "Kyiv"),),
            ),
            (
                "Kyiv accused Moscow of shelling.",
                (SampleEvent("Kyiv", "Moscow", "accused", "112", "2018-03-05", None),),
            ),
        ),
        quote=("Kyiv", "said", "The attacks must stop"),
    ),
    SampleDoc(
        "2018-04-10",
        "Reuters",
        "Washington imposes sanctions",
        (
            (
                "At talks in Geneva, the United States imposed sanctions on Russia.",
                (
                    SampleEvent(
                        "the United States",
                        "Russia",
                        "imposed sanctions",
                        "163",
                        "2018-04-10",
                        "Geneva",
                    ),
                ),
            ),
            (
                "Russia accused the United States of hostility.",
                (SampleEvent("Russia", "the United States", "accused", "112", "2018-04-10", None),),
            ),
        ),
    ),
    SampleDoc(
        "2018-04-12",
        "AFP",
        "Moscow and Beijing vow closer ties",
        (
            (
                "Russia pledged support to China.",
                (SampleEvent("Russia", "China", "pledged", "057", "2018-04-12", None),),
            ),
            (
                "China expressed a wish to cooperate with Russia.",
                (SampleEvent("China", "Russia", "expressed a wish", "036", "2018-04-12", None),),
            ),
        ),
    ),
)


def _actor(text: str, start: int) -> Actor:
    code, country, sector = ACTORS[text]
    return Actor(
        text=text,
        start=start,
        end=start + len(text),
        code=code,
        country=country,
        sector=sector,
        name=None,
    )


def _find(text: str, needle: str, start: int) -> int:
    pos = text.find(needle, start)
    if pos < 0:
        raise ValueError(f"{needle!r} not in {text[start : start + 80]!r}")
    return pos


def build_annotation(doc: SampleDoc) -> Annotation:
    """One sample document with exact offsets for every annotation."""
    body = " ".join(s for s, _ in doc.sentences)
    if doc.quote:
        speaker, cue, words = doc.quote
        body += f' "{words}," {speaker} {cue}.'
    header = f" date {doc.date} {doc.source}\n"
    text = header + body
    document = Document(
        doc_id=stable_id("sample", doc.title),
        text=text,
        date=doc.date,
        source=doc.source,
        title=doc.title,
        origin="sample",
        body_start=len(header),
    )
    ann = Annotation(document=document)
    offset = len(header)
    for sent_index, (sentence, events) in enumerate(doc.sentences):
        s_start, s_end = offset, offset + len(sentence)
        for ev in events:
            src = _actor(ev.source, _find(text, ev.source, s_start))
            tgt = _actor(ev.target, _find(text, ev.target, src.end))
            trig_start = _find(text, ev.trigger, s_start)
            root, plover, quad, goldstein = CODES[ev.cameo]
            place = None
            if ev.place:
                name, country, lat, lon, feature = PLACES[ev.place]
                p_start = _find(text, ev.place, s_start)
                place = Place(
                    ev.place, p_start, p_start + len(ev.place), name, country, lat, lon, feature
                )
            ann.events.append(
                Event(
                    event_id=stable_id(document.doc_id, sent_index, ev.cameo, src.code, tgt.code),
                    doc_id=document.doc_id,
                    sentence_index=sent_index,
                    source=src,
                    target=tgt,
                    cameo=ev.cameo,
                    cameo_root=root,
                    plover=plover,
                    quad_class=quad,
                    goldstein=goldstein,
                    trigger=Span(ev.trigger, trig_start, trig_start + len(ev.trigger)),
                    evidence=sentence,
                    date=ev.date,
                    date_precision="day" if ev.date else "publication",
                    location=place,
                    confidence=0.8,
                    evidence_start=s_start,
                    evidence_end=s_end,
                )
            )
            for actor in (src, tgt):
                ann.entities.append(Entity(actor.text, actor.start, actor.end, "GPE", actor=actor))
            if place is not None:
                ann.places.append(place)
        for word in ("Monday", "Sunday"):
            pos = sentence.find(word)
            if pos >= 0:
                ann.times.append(
                    TimeExpression(
                        word,
                        s_start + pos,
                        s_start + pos + len(word),
                        "DATE",
                        next(e.date for e in events if e.date) or doc.date,
                    )
                )
        offset = s_end + 1
    if doc.quote:
        speaker, cue, words = doc.quote
        c_start = _find(text, words, offset)
        sp_start = _find(text, speaker, c_start + len(words))
        cue_start = _find(text, cue, sp_start + len(speaker))
        ann.quotes.append(
            Quote(
                content=Span(words, c_start, c_start + len(words)),
                direct=True,
                speaker=_actor(speaker, sp_start),
                cue=Span(cue, cue_start, cue_start + len(cue)),
            )
        )
    return ann


def sample_annotations() -> list[Annotation]:
    return [build_annotation(d) for d in SAMPLE_DOCS]


def build_sample_store(path: str | Path) -> Path:
    """Writes the sample corpus into a new store at ``path`` (one batch) and returns the path."""
    path = Path(path)
    with Store.connect(path) as store:
        store.write_batch(sample_annotations())
    return path
