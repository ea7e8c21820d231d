"""``eventwire eval events GOLD``: scores of the events ``annotate`` emits (ConfliBERT 5-way class
with held-out and dev splits, PETRARCH unit tests, multi-rater roots, golden YAML, our JSONL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..errors import EventwireError
from .dictionary_options import dictionary_options
from .eval_options import errors_option, gold_argument, json_option, limit_option, model_option

PENTA = ["statement/appeal", "verbal coop", "material coop", "verbal conflict", "material conflict"]
SPLIT_TITLES = {
    "heldout": "held-out split (errors never read)",
    "dev": "dev split (errors read during development)",
    "all": "all sentences",
}


@click.command(name="events")
@gold_argument
@limit_option("records")
@model_option
@errors_option("N wrong cases (never from the held-out split)")
@json_option
@click.option(
    "--split",
    type=click.Choice(["heldout", "dev", "all"]),
    default=None,
    help="ConfliBERT training file: score only this split (default: held-out and dev apart).",
)
@dictionary_options
def events(
    gold: str,
    limit: int | None,
    model: str | None,
    errors: int,
    as_json: bool,
    split: str | None,
    dictionaries: dict[str, str | None],
) -> None:
    """Events as `annotate` emits them, against GOLD (kind recognised by content): ConfliBERT
    sentences (5-way class of the main event, no event counted wrong; actor span overlap;
    confusion; held-out and dev splits), PETRARCH unit-test XML (exact source/target/code sets,
    coded with the dictionaries its <Environment> names unless --verbs/--actors/--agents/--discards
    are given), multi-rater rounds, golden YAML cases, or our events JSONL."""
    from ..annotate import Annotator
    from ..config import Settings
    from ..evaluate.events import read_gold
    from ..evaluate.events_run import eval_settings, evaluate_events

    try:
        parsed = read_gold(Path(gold), limit=limit)
        if split and parsed.kind != "conflibert":
            raise click.UsageError("--split applies to the ConfliBERT training file only")
        settings = eval_settings(parsed, Settings().with_(model=model), dictionaries)
        figures = evaluate_events(parsed, Annotator(settings), split=split)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    figures["errors"] = figures["errors"][:errors]
    if as_json:
        click.echo(json.dumps({"gold_file": Path(gold).name, **figures}, indent=2, default=str))
        return
    click.echo(
        f"gold: {Path(gold).name} ({figures['kind']}, {figures['records']} records, "
        f"{figures['seconds']} s; {figures['failed_documents']} documents failed)"
    )
    PRINTERS[figures["kind"]](figures)
    if errors:
        _print_errors(figures)


def _print_conflibert(figures: dict[str, Any]) -> None:
    click.echo(f"main event: {figures['main_event_rule']}")
    for name, s in figures["splits"].items():
        click.echo(f"\n{SPLIT_TITLES[name]}: {s['sentences']} sentences")
        click.echo(f"  5-way accuracy (no event = wrong)   {s['accuracy']:.4f}")
        click.echo(f"  gold class among any event's        {s['accuracy_any_event']:.4f}")
        click.echo(f"  no-event rate                       {s['no_event_rate']:.4f}")
        for role in ("source", "target"):
            sp = s[f"{role}_spans"]
            click.echo(
                f"  {role} span found: main {sp['found_main']:.4f}, any {sp['found_any']:.4f} "
                f"({sp['gold_spans']} gold spans; {sp['gold_spans_not_in_text']} not in the text)"
            )
        click.echo("  confusion (rows gold, columns ours; - = no event):")
        click.echo(" " * 22 + "".join(f"{c:>6}" for c in ["0", "1", "2", "3", "4", "-"]))
        for g, row in enumerate(s["confusion"]):
            click.echo(f"  {g} {PENTA[g]:<18}" + "".join(f"{n:>6}" for n in row))
        click.echo(f"  {'class':<20} {'P':>7} {'R':>7} {'F1':>7}")
        for c, m in s["per_class"].items():
            click.echo(
                f"  {c} {PENTA[int(c)]:<18} {m['precision']:>7.3f} {m['recall']:>7.3f} {m['f1']:>7.3f}"
            )


def _print_petr(figures: dict[str, Any]) -> None:
    for name, path in figures["dictionaries"].items():
        click.echo(f"{name}: {path}")
    s = figures["scored"]
    t = s["triples"]
    click.echo(
        f"exact (source, target, code) sets: {s['exact']:.4f} "
        f"({s['exact_sentences']} / {s['sentences']} sentences)"
    )
    click.echo(
        f"triples: P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f} "
        f"(tp {t['tp']}, fp {t['fp']}, fn {t['fn']})"
    )
    click.echo(f"{'category':<12} {'sentences':>9} {'exact':>7}")
    for c, m in s["by_category"].items():
        click.echo(f"{c:<12} {m['sentences']:>9} {m['exact']:>7.3f}")
    k = figures["skipped"]
    click.echo(
        f"skipped (marked in the file, scored apart): {k['sentences']} sentences, exact {k['exact']:.4f}"
    )
    for r in k["records"]:
        click.echo(f"  {r['id']}: {r['reason']}")


def _print_rounds(figures: dict[str, Any]) -> None:
    for key, value in figures.items():
        if key.startswith(("root", "pentaclass", "raters", "no_action", "with", "texts")) or (
            "span_found" in key
        ):
            click.echo(f"{key:<28} {value}")
    click.echo("top confusions (raters' majority root -> ours):")
    for c in figures["top_confusions"]:
        click.echo(f"  {c['gold']} -> {c['ours']}: {c['n']}")


def _print_golden(figures: dict[str, Any]) -> None:
    d = figures["dyad_root"]
    click.echo(f"main root (none = no event): {figures['root_accuracy']:.4f} of {figures['cases']}")
    click.echo(f"  of which xfail cases: {figures['xfail_right']} / {figures['xfail_cases']} right")
    click.echo(
        f"country dyad + root on {figures['cases_with_events']} cases listing events: "
        f"P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f}"
    )
    click.echo(f"absent triples emitted: {figures['absent_emitted']}")


def _print_levels(figures: dict[str, Any]) -> None:
    click.echo(f"{'level':<12} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
    for name, s in figures["levels"].items():
        click.echo(
            f"{name:<12} {s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1']:>7.3f} "
            f"{s['tp']:>5} {s['fp']:>5} {s['fn']:>5}"
        )
    click.echo("errors by CAMEO root (missed / spurious):")
    for root, e in figures["errors_by_root"].items():
        click.echo(f"  {root}: {e['missed']} / {e['spurious']}")


PRINTERS = {
    "conflibert": _print_conflibert,
    "petr": _print_petr,
    "rounds": _print_rounds,
    "golden": _print_golden,
    "events": _print_levels,
}


def _print_errors(figures: dict[str, Any]) -> None:
    if figures["kind"] == "conflibert":
        click.echo("\nwrong (dev split only; the held-out split is never listed):")
    else:
        click.echo("\nwrong:")
    for e in figures["errors"]:
        detail = {k: v for k, v in e.items() if k not in ("id", "text")}
        click.echo(f"  {e['id']} {json.dumps(detail, default=str)}: {e['text'][:200]}")
