"""``eventwire eval confidence``: calibration and precision/recall of ``Event.confidence`` on
judged events (ECE, Brier, thresholds), with a reliability diagram and a PR curve."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import EventwireError
from .eval_options import json_option, model_option


@click.command(name="confidence")
@click.option(
    "--labels",
    type=click.Path(exists=True, dir_okay=False),
    default="labels/events_judged.jsonl",
    show_default=True,
    help="Judged events (docs/labelling.md).",
)
@click.option(
    "--heldout",
    type=click.Path(exists=True, dir_okay=False),
    default="labels/confidence_heldout.txt",
    show_default=True,
    help="Document ids of the never-read split.",
)
@click.option(
    "--shared",
    type=click.Path(exists=True, file_okay=False),
    default="../shared",
    show_default=True,
    help="Folder holding dev/bench_newswire.jsonl and samples/wikinews/.",
)
@click.option(
    "--split",
    type=click.Choice(["heldout", "train", "all"]),
    default="heldout",
    show_default=True,
    help="Labels to score: the never-read documents, the others, or all.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Threshold to report (default: the model's documented default).",
)
@click.option(
    "--conflibert",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Also score the main events of this ConfliBERT training file (events_conflibert_train."
    "jsonl): its held-out split with --split heldout, else its dev split.",
)
@click.option(
    "--img-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Write the reliability diagram and PR curve PNGs here (e.g. docs/img).",
)
@click.option(
    "--page",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the figures into this Markdown page (e.g. docs/evaluation/confidence.md).",
)
@model_option
@json_option
def confidence(
    labels: str,
    heldout: str,
    shared: str,
    split: str,
    threshold: float | None,
    conflibert: str | None,
    img_dir: str | None,
    page: str | None,
    model: str | None,
    as_json: bool,
) -> None:
    """Whether `confidence` means what it says: annotate the labelled documents, match each
    emitted event to its label by key, and report expected calibration error (10 bins), Brier
    score and precision / share of right events kept at each threshold, on the never-read
    split by default."""
    from ..annotate import Annotator
    from ..config import Settings
    from ..evaluate.confidence import evaluate_confidence, event_settings
    from ..evaluate.confidence_report import markdown, write_report

    try:
        annotator = Annotator(event_settings(Settings().with_(model=model)))
        figures = evaluate_confidence(
            Path(labels),
            Path(heldout),
            Path(shared),
            annotator,
            split=split,
            threshold=threshold,
            conflibert=Path(conflibert) if conflibert else None,
        )
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    if img_dir or page:
        written = write_report(
            figures, img_dir=Path(img_dir or "docs/img"), page=Path(page) if page else None
        )
        click.echo(f"eventwire: wrote {', '.join(map(str, written))}", err=True)
    if as_json:
        click.echo(json.dumps(figures, indent=2))
    else:
        click.echo(markdown(figures))
