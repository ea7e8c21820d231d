"""``eventwire eval``: measure the extractors on gold files (one module per area)."""

from __future__ import annotations

import importlib

import click

from .main import FullHelpGroup

# module (under eventwire.cli) -> click command it defines, named after the area.
EVAL_MODULES = {
    "eval_events": "events",
    "eval_actors": "actors",
    "eval_quotes": "quotes",
    "eval_times": "times",
    "eval_places": "places",
    "eval_clusters": "clusters",
    "eval_confidence": "confidence",
}


@click.group(name="eval", cls=FullHelpGroup)
def eval_group() -> None:
    """Evaluate against a gold file: precision, recall, F1 and error tables."""


for _module, _name in EVAL_MODULES.items():
    try:
        _mod = importlib.import_module(f"{__package__}.{_module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{_module}":
            raise
        continue
    eval_group.add_command(getattr(_mod, _name))
