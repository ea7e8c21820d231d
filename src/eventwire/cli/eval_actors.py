"""``eventwire eval actors GOLD.jsonl``: share of gold actor spans resolved to a country."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from ..errors import EventwireError
from .eval_options import errors_option, gold_argument, json_option, limit_option, model_option


@click.command(name="actors")
@gold_argument
@limit_option("sentences")
@model_option
@errors_option("the N most frequent unresolved gold spans")
@click.option(
    "--reference",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A country-forms CSV (form, iso3) to report a dictionary-lookup baseline.",
)
@json_option
def actors(
    gold: str,
    limit: int | None,
    model: str | None,
    errors: int,
    reference: str | None,
    as_json: bool,
) -> None:
    """Actors: share of gold source/target spans resolved to a country (ConfliBERT JSONL)."""
    from ..evaluate import actors as evaluation
    from ..extract.actors import load_actor_kb

    try:
        records = evaluation.read_gold(Path(gold), limit=limit)
        nlp = evaluation.actors_pipeline(model)
        scores = evaluation.evaluate(records, nlp, iso3=load_actor_kb().countries)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    figures = {"gold_file": Path(gold).name, "sentences": len(records), **scores.to_dict()}
    if reference:
        figures["reference_forms_share"] = evaluation.reference_coverage(records, Path(reference))
    if as_json:
        click.echo(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            click.echo(f"{key:>20}  {value}")
    if errors:
        common = Counter(scores.misses).most_common(errors)
        click.echo("\nunresolved: " + "; ".join(f"{t} ({n})" for t, n in common))
