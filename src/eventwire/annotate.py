"""Annotate documents: parse in batches, run the extractors, assemble the contract records."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .config import Settings
from .errors import Errors, InputError
from .extract.doctext import seed_text
from .io import ReadResult
from .pipeline import load_pipeline
from .pipeline.registry import extractors
from .records import Annotation, Document

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A document that was read but could not be annotated."""

    document: Document
    reason: str

    def __str__(self) -> str:
        return f"{self.document.origin or self.document.doc_id}: {self.reason}"


Result = Annotation | InputError | DocumentFailure


def parse_text(document: Document) -> str:
    """The text handed to spaCy: the wire header blanked out so offsets stay exact.

    Replacing the header with spaces keeps every character offset identical to
    ``Document.text`` while stopping the header from gluing onto the first sentence.
    """
    if not document.body_start:
        return document.text
    head = document.text[: document.body_start]
    return "".join(c if c in "\r\n" else " " for c in head) + document.text[document.body_start :]


_SENTENCE_ENDS = frozenset({".", "!", "?", "…", "。", "！", "？"})


def cap_sentences(doc: Doc, max_tokens: int) -> int:
    """Force a sentence start after ``max_tokens`` tokens without sentence-final punctuation.

    The parser keeps preset sentence starts, so text without punctuation (lists, debris,
    hostile input) cannot make one sentence of thousands of tokens. Returns how many
    starts were forced.
    """
    run = forced = 0
    for token in doc:
        if run >= max_tokens and token.text not in _SENTENCE_ENDS:
            token.is_sent_start = True
            run = 0
            forced += 1
        run += 1
        if token.text in _SENTENCE_ENDS or "\n" in token.text:
            run = 0
    return forced


def is_paragraph_break(token: Token) -> bool:
    """A whitespace token holding a blank line (two line breaks, with only spaces between)."""
    return token.is_space and token.text.replace("\r", "").replace(" ", "").count("\n") >= 2


def mark_paragraphs(doc: Doc) -> int:
    """Start a sentence at the first word after every blank line, before the parser runs.

    A paragraph break always ends a sentence, for every extractor: the parser keeps preset
    sentence starts, so no event, quote or evidence string spans two paragraphs. Returns how
    many starts were set.
    """
    marked = 0
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or is_paragraph_break(token)
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
            marked += 1
        after_break = False
    return marked


def dateline_start(document: Document) -> int | None:
    """Where the dateline sits in the wire header (it ends the header line), or None."""
    if not document.dateline or not document.body_start:
        return None
    found = document.text.rfind(document.dateline, 0, document.body_start)
    return found if found >= 0 else None


def make_doc(nlp: Language, document: Document, *, max_sentence_tokens: int | None = None) -> Doc:
    text = parse_text(document)
    doc = nlp.make_doc(text)
    seed_text(doc, text)  # lossless tokenisation: doc.text == text, without rebuilding it
    mark_paragraphs(doc)
    if max_sentence_tokens and len(doc) > max_sentence_tokens:
        forced = cap_sentences(doc, max_sentence_tokens)
        if forced:
            log.info(
                "%s: %d sentence starts forced (max_sentence_tokens=%d)",
                document.origin or document.doc_id,
                forced,
                max_sentence_tokens,
            )
    doc._.ew_doc_id = document.doc_id
    doc._.ew_date = document.date
    doc._.ew_dateline = document.dateline
    doc._.ew_dateline_start = dateline_start(document)
    doc._.ew_body_start = document.body_start
    return doc


def assemble(doc: Doc, document: Document) -> Annotation:
    return Annotation(
        document=document,
        entities=list(doc._.ew_entities or ()),
        events=list(doc._.ew_events or ()),
        quotes=list(doc._.ew_quotes or ()),
        times=list(doc._.ew_times or ()),
        places=list(doc._.ew_places or ()),
        learned=list(doc._.ew_learned or ()),
        records={  # extractors beyond the five (pipeline/registry.py) that ran on this doc
            s.name: list(doc._.get(s.doc_attr))
            for s in extractors().values()
            if s.field is None
            and Doc.has_extension(s.doc_attr)
            and doc._.get(s.doc_attr) is not None
        },
    )


class Annotator:
    """Loads the pipeline once and annotates streams of documents."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp or load_pipeline(self.settings)

    def annotate_documents(
        self, documents: Iterable[Document]
    ) -> Iterator[Annotation | DocumentFailure]:
        cap = self.settings.max_sentence_tokens
        docs = ((make_doc(self.nlp, d, max_sentence_tokens=cap), d) for d in documents)
        for doc, document in self.nlp.pipe(
            docs, as_tuples=True, batch_size=self.settings.batch_size
        ):
            if doc._.ew_errors:
                yield DocumentFailure(document, "; ".join(doc._.ew_errors))
            else:
                yield assemble(doc, document)

    def annotate(self, inputs: Iterable[ReadResult]) -> Iterator[Result]:
        """Annotations for good documents and errors for bad inputs, in input order."""
        pending: list[Document] = []
        for item in inputs:
            if isinstance(item, InputError):
                yield from self.annotate_documents(pending)
                pending.clear()
                yield item
                continue
            pending.append(item)
            if len(pending) >= self.settings.batch_size:
                yield from self.annotate_documents(pending)
                pending.clear()
        yield from self.annotate_documents(pending)

    def annotate_text(
        self, text: str, *, date: str | None = None, doc_id: str | None = None
    ) -> Annotation:
        """Convenience for one string (library use and tests)."""
        from .io import read_text_document

        document = read_text_document(
            text, source=doc_id or "<text>", date=date, max_chars=self.settings.max_doc_chars
        )
        if doc_id:
            document = dataclasses.replace(document, doc_id=doc_id)
        result = next(iter(self.annotate_documents([document])))
        if isinstance(result, DocumentFailure):
            raise InputError(document.origin, Errors.E010, reason=result.reason)
        return result
