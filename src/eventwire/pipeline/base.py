"""Shared behaviour of eventwire's components: lazy knowledge, per-document failure isolation."""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Doc

from .extensions import record_error

log = logging.getLogger(__name__)


class ExtractorComponent:
    """A component that runs one pure extractor and attaches its records to the Doc.

    A failure on one document is recorded on that document (``doc._.ew_errors``)
    and never stops the batch.
    """

    name = "eventwire"

    def __init__(self, name: str) -> None:
        self.name = name
        self._knowledge: Any = None

    def load_knowledge(self) -> Any:  # overridden by components that need data files
        return None

    @property
    def knowledge(self) -> Any:
        if self._knowledge is None:
            self._knowledge = self.load_knowledge()
        return self._knowledge

    def initialize(self, get_examples: Any = None, *, nlp: Any = None) -> None:
        self._knowledge = self.load_knowledge()

    def run(self, doc: Doc) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.run(doc)
        except Exception as exc:  # isolate: one bad document must not stop the batch
            log.warning("%s failed on document %s: %s", self.name, doc._.ew_doc_id, exc)
            record_error(doc, self.name, exc)
        return doc
