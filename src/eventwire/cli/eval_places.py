"""``eventwire eval places GOLD.xml``: toponyms and geocoding against GeoWebNews or LGL."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from ..errors import EventwireError
from .eval_options import errors_option, gold_argument, json_option, limit_option


@click.command(name="places")
@gold_argument
@limit_option("articles")
@click.option(
    "--all-types",
    is_flag=True,
    help="GeoWebNews: score every toponym type (adjectives, embedded names too).",
)
@click.option(
    "--adjectives/--no-adjectives",
    default=True,
    show_default=True,
    help="GeoWebNews: score nationality adjectives annotated as modifiers ('Russian troops').",
)
@click.option(
    "--embedded/--no-embedded",
    default=True,
    show_default=True,
    help="GeoWebNews: score place names inside organisation names ('Georgia Bureau').",
)
@errors_option("the N most frequent misses, spurious places and far-off resolutions")
@json_option
def places(
    gold: str,
    limit: int | None,
    all_types: bool,
    adjectives: bool,
    embedded: bool,
    errors: int,
    as_json: bool,
) -> None:
    """Places: toponym precision/recall/F1 and the share geocoded within 161 km."""
    from ..evaluate import places as evaluation

    try:
        docs = evaluation.read_gold(
            Path(gold), all_types=all_types, adjectives=adjectives, embedded=embedded
        )[:limit]
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    scores = evaluation.evaluate(docs, evaluation.pipeline_extractor())
    figures = {"gold_file": Path(gold).name, "documents": len(docs), **scores.to_dict()}
    if as_json:
        click.echo(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            click.echo(f"{key:>20}  {value}")
    if errors:
        for kind in ("fn", "fp", "far", "unresolved"):
            common = Counter(text for k, text in scores.misses if k == kind).most_common(errors)
            click.echo(f"\n{kind}: " + ", ".join(f"{t} ({n})" for t, n in common))
