"""``eventwire eval quotes GOLD.jsonl``: quote extraction against PolNeAR-style gold."""

from __future__ import annotations

import json

import click

from ..errors import EventwireError
from .eval_options import gold_argument, json_option, limit_option, model_option


@click.command(name="quotes")
@gold_argument
@limit_option("documents")
@click.option(
    "--textacy",
    "with_textacy",
    is_flag=True,
    help="Also score textacy's direct_quotations on the same parses (needs textacy installed).",
)
@model_option
@click.option(
    "--min-overlap",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Share of a gold content span a match must cover (0: any overlap).",
)
@json_option
def quotes(
    gold: str,
    limit: int | None,
    with_textacy: bool,
    model: str | None,
    min_overlap: float,
    as_json: bool,
) -> None:
    """Direct and indirect quotes: precision, recall, speaker accuracy, end-to-end recall."""
    from ..config import Settings
    from ..evaluate import quotes as evaluation
    from ..pipeline.load import load_pipeline

    try:
        docs = evaluation.load_gold(gold)[:limit]
        nlp = load_pipeline(Settings().with_(model=model, extractors=("actors", "quotes")))
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    systems = {"eventwire": evaluation.ours}
    if with_textacy:
        try:
            import textacy  # noqa: F401
        except ImportError as exc:
            raise click.ClickException("textacy is not installed (pip install textacy)") from exc
        systems["textacy"] = evaluation.textacy_predictions
    scores = evaluation.evaluate(docs, nlp, systems=systems, min_overlap=min_overlap)
    if as_json:
        click.echo(json.dumps({name: s.as_dict() for name, s in scores.items()}, indent=2))
    else:
        click.echo(evaluation.format_table(scores))
