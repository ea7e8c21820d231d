"""``eventwire eval quotes GOLD.jsonl``: quote extraction against PolNeAR-style gold, the
held-out split (errors never read) and the dev split reported apart."""

from __future__ import annotations

import json
from typing import Any

import click

from ..errors import EventwireError
from .eval_options import errors_option, gold_argument, json_option, limit_option, model_option

_SPLIT_TITLES = {
    "heldout": "held-out split (errors never read)",
    "dev": "dev split (errors read during development)",
    "all": "all documents",
}


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
@click.option(
    "--split",
    type=click.Choice(["heldout", "dev", "all"]),
    default=None,
    help="Score only this split (default: held-out and dev apart; documents not in the "
    "held-out list count as dev).",
)
@errors_option("N wrong cases (never from the held-out split)")
@json_option
def quotes(
    gold: str,
    limit: int | None,
    with_textacy: bool,
    model: str | None,
    min_overlap: float,
    split: str | None,
    errors: int,
    as_json: bool,
) -> None:
    """Direct and indirect quotes: precision, recall, speaker accuracy, end-to-end recall."""
    from ..config import Settings
    from ..evaluate import quotes as evaluation
    from ..pipeline.load import load_pipeline

    try:
        docs = evaluation.load_gold(gold)[:limit]
        heldout = evaluation.heldout_ids()
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
    names = ("heldout", "dev") if split is None else (split,)
    results = {}
    for name in names:
        chosen = evaluation.split_documents(docs, name, heldout)
        results[name] = evaluation.evaluate(
            chosen, nlp, systems=systems, min_overlap=min_overlap, heldout=heldout
        )
    found = [e for r in results.values() for e in r["eventwire"].errors]
    wrong = [e for e in found if e["id"] not in heldout]
    if as_json:
        figures: dict[str, Any] = {
            name: {system: s.as_dict() for system, s in scores.items()}
            for name, scores in results.items()
        }
        figures["errors"] = wrong[:errors]
        click.echo(json.dumps(figures, indent=2))
        return
    for name, scores in results.items():
        click.echo(f"{_SPLIT_TITLES[name]}:")
        click.echo(evaluation.format_table(scores))
    for e in wrong[:errors]:
        click.echo(
            f"{e['error']:<8} {e['kind']:<8} {e['id'].rsplit('/', 1)[-1][:40]}@{e['start']}: "
            f"{e['content'][:160]!r} [{e['speaker']}]"
        )
