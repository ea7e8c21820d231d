"""``eventwire eval times GOLD.jsonl``: time expressions against TIMEX3 gold."""

from __future__ import annotations

import json

import click

from ..errors import EventwireError
from .eval_options import errors_option, gold_argument, json_option, limit_option


@click.command(name="times")
@gold_argument
@click.option(
    "--docs",
    "docs_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Documents file joined on doc_id (default: GOLD's name + _docs.jsonl).",
)
@limit_option("documents")
@errors_option("the N most frequent wrong values, misses and spurious expressions")
@json_option
def times(gold: str, docs_path: str | None, limit: int | None, errors: int, as_json: bool) -> None:
    """Time expressions: strict and relaxed span F1, type F1 and value F1 (TempEval-3)."""
    from ..evaluate import times as evaluation

    try:
        docs = evaluation.load_gold(gold, docs_path)[:limit]
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    report = evaluation.evaluate(docs)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(evaluation.format_report(report, errors=errors))
