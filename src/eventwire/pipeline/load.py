"""Load the base spaCy pipeline by name and add eventwire's components after it."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from ..config import DICTIONARIES, EXTRACTORS, Settings
from ..errors import ConfigError, Errors
from . import extensions

log = logging.getLogger(__name__)

# extractor name -> spaCy factory name; order matters: events read actors, times and places.
COMPONENTS: dict[str, str] = {
    "actors": "eventwire_actors",
    "times": "eventwire_times",
    "places": "eventwire_places",
    "events": "eventwire_events",
    "quotes": "eventwire_quotes",
}
# Base components each extractor needs; the rest are disabled for the run.
BASE_NEEDS: dict[str, set[str]] = {
    "actors": {"tok2vec", "tagger", "attribute_ruler", "parser", "ner"},
    "times": {"tok2vec", "tagger", "attribute_ruler", "parser", "ner", "lemmatizer"},
    "places": {
        "tok2vec",
        "tagger",
        "attribute_ruler",
        "parser",
        "ner",
    },  # parse: demonyms as places
    "events": {"tok2vec", "tagger", "attribute_ruler", "parser", "lemmatizer", "ner"},
    "quotes": {"tok2vec", "tagger", "attribute_ruler", "parser", "lemmatizer", "ner"},
}


def _import_components() -> None:
    # Importing the modules registers the factories.
    from . import actors, events, places, quotes, times  # noqa: F401


def base_components_for(extractors: tuple[str, ...]) -> set[str]:
    needed: set[str] = set()
    for name in extractors:
        needed |= BASE_NEEDS[name]
    return needed


# dictionary setting -> the component whose config takes it (under the same key)
DICTIONARY_COMPONENTS: dict[str, str] = {
    "verbs": "events",
    "discards": "events",
    "actors": "actors",
    "agents": "actors",
}


def load_pipeline(settings: Settings | None = None) -> Language:
    """The base pipeline ``settings.model`` with the components the run needs."""
    settings = settings or Settings()
    return _load(
        settings.model,
        tuple(settings.extractors),
        settings.learned_actors,
        tuple((name, getattr(settings, name)) for name in DICTIONARIES),
    )


def component_configs(
    learned_actors: str | None, dictionaries: tuple[tuple[str, str | None], ...]
) -> dict[str, dict[str, object]]:
    """Each component's config: only the keys that are set, so a component that does not take a
    key is not handed it unless the user asked for it (then spaCy's check names it)."""
    configs: dict[str, dict[str, object]] = {"actors": {"learned_actors": learned_actors}}
    for key, path in dictionaries:
        if path is not None:
            configs.setdefault(DICTIONARY_COMPONENTS[key], {})[key] = path
    return configs


def _check_accepts(component: str, config: dict[str, object]) -> None:
    """E202 for a dictionary setting the component of this build does not take."""
    accepted = Language.get_factory_meta(COMPONENTS[component]).default_config or {}
    for key in config:
        if key not in accepted:
            raise ConfigError(
                Errors.E202,
                name=key,
                value=config[key],
                reason=f"the {component} component of this build does not take it",
            )


@lru_cache(maxsize=4)  # one pipeline per process and configuration
def _load(
    model: str,
    extractors: tuple[str, ...],
    learned_actors: str | None = None,
    dictionaries: tuple[tuple[str, str | None], ...] = (),
) -> Language:
    extensions.register_extensions()
    _import_components()
    configs = component_configs(learned_actors, dictionaries)
    for name in EXTRACTORS:
        if name in extractors:
            _check_accepts(name, configs.get(name, {}))
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise ConfigError(Errors.E201, name=model, reason=str(exc).splitlines()[0]) from exc
    needed = base_components_for(extractors)
    for name in nlp.pipe_names:
        if name not in needed:
            nlp.disable_pipe(name)
    for name in EXTRACTORS:
        if name in extractors:
            nlp.add_pipe(COMPONENTS[name], config=configs.get(name, {}))
    log.debug("pipeline %s: %s", model, nlp.pipe_names)
    return nlp
