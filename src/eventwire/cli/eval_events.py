"""``eventwire eval events GOLD.jsonl``: event coding scores (three levels, or 5-way class, or raters)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..errors import EventwireError
from .eval_options import errors_option, gold_argument, json_option, limit_option, model_option

PENTA = ["statement/appeal", "verbal coop", "material coop", "verbal conflict", "material conflict"]


@click.command(name="events")
@gold_argument
@limit_option("records")
@model_option
@errors_option("N misclassified sentences (5-way files)")
@json_option
def events(gold: str, limit: int | None, model: str | None, errors: int, as_json: bool) -> None:
    """Events: P/R/F1 (quad class, dyad + root, exact code) and errors by root; for ConfliBERT
    5-way files the sentence accuracy and a confusion table; for multi-rater files agreement with
    the raters."""
    from ..evaluate import events as evaluation

    try:
        kind, rows = evaluation.read_gold(Path(gold), limit=limit)
        figures = _run(kind, rows, model)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(
            json.dumps(
                {"gold_file": Path(gold).name, "kind": kind, **figures}, indent=2, default=str
            )
        )
        return
    click.echo(f"gold: {Path(gold).name} ({kind}, {len(rows)} records)")
    _print(kind, figures, errors)


def _run(kind: str, rows: list[dict[str, Any]], model: str | None) -> dict[str, Any]:
    from ..config import Settings
    from ..evaluate import events as evaluation

    settings = Settings().with_(model=model)
    if kind == "events":
        from ..annotate import Annotator

        return evaluation.evaluate_events(
            rows, Annotator(settings.with_(extractors=("actors", "events")))
        )
    import spacy

    nlp = spacy.load(settings.model)
    if kind == "rounds":
        return evaluation.evaluate_rounds(rows, nlp)
    scores = evaluation.evaluate_pentaclass(rows, nlp)
    return {**scores.to_dict(), "errors": scores.errors}


def _print(kind: str, figures: dict[str, Any], errors: int) -> None:
    if kind == "events":
        click.echo(f"{'level':<12} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
        for name, s in figures["levels"].items():
            click.echo(
                f"{name:<12} {s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1']:>7.3f} "
                f"{s['tp']:>5} {s['fp']:>5} {s['fn']:>5}"
            )
        click.echo("errors by CAMEO root (missed / spurious):")
        for root, e in figures["errors_by_root"].items():
            click.echo(f"  {root}: {e['missed']} / {e['spurious']}")
        return
    if kind == "rounds":
        for key, value in figures.items():
            if key != "top_confusions":
                click.echo(f"{key:<28} {value}")
        click.echo("top confusions (raters' majority root -> ours):")
        for c in figures["top_confusions"]:
            click.echo(f"  {c['gold']} -> {c['ours']}: {c['n']}")
        return
    click.echo(
        f"5-way sentence accuracy: {figures['accuracy']:.4f} ({figures['sentences']} sentences)"
    )
    click.echo("confusion (rows gold, columns ours):")
    click.echo(" " * 20 + "".join(f"{i:>7}" for i in range(5)))
    for g, row in enumerate(figures["confusion"]):
        click.echo(f"{g} {PENTA[g]:<18}" + "".join(f"{n:>7}" for n in row))
    click.echo(f"{'class':<20} {'P':>7} {'R':>7} {'F1':>7}")
    for c, s in figures["per_class"].items():
        click.echo(f"{c} {PENTA[c]:<18} {s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1']:>7.3f}")
    for e in figures["errors"][:errors]:
        click.echo(f"  gold {e['gold']} ours {e['pred']} ({e['code']}): {e['text'][:160]}")
