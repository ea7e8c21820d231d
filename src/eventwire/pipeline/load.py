"""Load the base spaCy pipeline by name and add eventwire's components after it."""

from __future__ import annotations

import importlib
import logging
import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from ..config import DICTIONARIES, Settings
from ..errors import ConfigError, Errors
from ..knowledge import load_yaml
from . import extensions, headlines, past_forms
from .registry import extractors as extractors_registry
from .registry import run_order

log = logging.getLogger(__name__)


def _import_components(extractors: tuple[str, ...] | None = None) -> None:
    """Imports the modules registering the selected (all when None) extractors' factories."""
    specs = extractors_registry()
    for name in run_order(extractors):
        module = specs[name].module
        if module:
            importlib.import_module(module)


def base_components_for(extractors: tuple[str, ...]) -> set[str]:
    """The base spaCy components the selected extractors need (the others are disabled)."""
    specs = extractors_registry()
    needed: set[str] = set()
    for name in extractors:
        needed |= specs[name].base_needs
    return needed


def dictionary_components() -> dict[str, str]:
    """dictionary setting -> the extractor whose component config takes it (under that key)."""
    return {key: s.name for s in extractors_registry().values() for key in s.dictionaries}


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
            configs.setdefault(dictionary_components()[key], {})[key] = path
    return configs


def _check_accepts(component: str, config: dict[str, object]) -> None:
    """E202 for a dictionary setting the component of this build does not take."""
    factory = extractors_registry()[component].factory
    accepted = Language.get_factory_meta(factory).default_config or {}
    for key in config:
        if key not in accepted:
            raise ConfigError(
                Errors.E202,
                name=key,
                value=config[key],
                reason=f"the {component} component of this build does not take it",
            )


def split_attitude_hyphens(nlp: Language) -> None:
    """An attitude prefix whose hyphen is set apart from its word ("an anti- Gondor parade") is
    split as spaCy splits the joined one ("anti-Gondor": anti, -, Gondor), so the parser reads one
    noun phrase (not a sentence ending at "anti-") and the actors extractor reads an attitude
    ("pro-Iranian group"), not a nationality. The prefixes: ``attitude_prefixes`` in
    actors/agents.yaml."""
    prefixes = load_yaml("actors/agents.yaml").get("attitude_prefixes") or ()
    if not prefixes:
        return
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer: its own rules
    suffixes = "|".join(f"(?<=^{re.escape(p)})-$" for p in prefixes)
    tokenizer.suffix_search = _with_rule(tokenizer.suffix_search, f"(?i:{suffixes})").search


def _with_rule(rule: Any, extra: str) -> re.Pattern[str]:
    """The tokenizer rule's regular expression (a compiled pattern's bound method, or None) with
    one more alternative."""
    pattern = rule.__self__.pattern if rule is not None else ""
    return re.compile(f"{pattern}|{extra}" if pattern else extra)


# a hyphen after an abbreviation's final period, before a word ("U.S.-South Korean", "U.N.-backed")
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def split_abbreviation_hyphens(nlp: Language) -> None:
    """A hyphen joining a dotted abbreviation to a word is split as spaCy splits the undotted one
    ("US-South Korea": US, -, South, Korea), so "U.S.-South Korean drills" names both countries
    and "U.S.-led" reads as "US-led"."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer: its own rules
    tokenizer.infix_finditer = _with_rule(tokenizer.infix_finditer, _ABBREVIATION_HYPHEN).finditer


@lru_cache(maxsize=4)  # one pipeline per process and configuration
def _load(
    model: str,
    extractors: tuple[str, ...],
    learned_actors: str | None = None,
    dictionaries: tuple[tuple[str, str | None], ...] = (),
) -> Language:
    extensions.register_extensions()
    order = run_order(extractors)
    _import_components(order)
    configs = component_configs(learned_actors, dictionaries)
    for name in order:
        _check_accepts(name, configs.get(name, {}))
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise ConfigError(Errors.E201, name=model, reason=str(exc).splitlines()[0]) from exc
    split_attitude_hyphens(nlp)
    split_abbreviation_hyphens(nlp)
    needed = base_components_for(extractors)
    for name in nlp.pipe_names:
        if name not in needed:
            nlp.disable_pipe(name)
    if "lemmatizer" in nlp.pipe_names:  # "forgave" tagged as a present verb keeps no lemma
        nlp.add_pipe(past_forms.FACTORY)
    if "parser" in nlp.pipe_names:  # a headline's verb read as a noun ("Watch denounces crackdown")
        nlp.add_pipe(headlines.FACTORY)
    specs = extractors_registry()
    for name in order:
        nlp.add_pipe(specs[name].factory, name=specs[name].factory, config=configs.get(name, {}))
    log.debug("pipeline %s: %s", model, nlp.pipe_names)
    return nlp
