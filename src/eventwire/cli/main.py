"""Entry point: the ``eventwire`` group and its commands (one module per command family).

Command modules are imported only when their command runs (or for ``--help``), so that a
quick store query does not pay for importing spaCy.
"""

from __future__ import annotations

import importlib
import logging

import click

from .. import __version__

# command name -> (module under eventwire.cli, attribute holding the click command or group)
COMMANDS: dict[str, tuple[str, str]] = {
    "annotate": ("annotate", "annotate"),
    "code": ("annotate", "code"),
    "demo": ("demo", "demo"),
    "eval": ("evaluate", "eval_group"),
    "actors": ("knowledge", "actors_group"),
    "lexicon": ("knowledge", "lexicon_group"),
    "ingest": ("store", "ingest"),
    "export": ("store", "export"),
    "dyad": ("store", "dyad"),
    "top": ("store", "top"),
    "network": ("store", "network"),
    "query": ("store", "query"),
    "recluster": ("store", "recluster"),
    "serve": ("serve", "serve"),
    "run": ("run", "run"),
    "bench": ("bench", "bench"),
    "audit": ("audit", "audit_group"),
}


class FullHelpGroup(click.Group):
    """A group whose command list shows each summary whole (its first sentence), not cut at
    the terminal width with "..."; long summaries wrap."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class LazyGroup(FullHelpGroup):
    """A group whose subcommands live in modules imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module = importlib.import_module(f"{__package__}.{target[0]}")
        command: click.Command = getattr(module, target[1])
        return command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="eventwire")
def cli() -> None:
    """eventwire: political event data from news text, offline.

    Who did what to whom, when and where, coded in CAMEO and PLOVER, each event tied
    to the sentence that supports it. How to read the output (CAMEO, PLOVER, quad class,
    Goldstein, date precision, confidence, evidence, the uncoded actor ---):
    docs/reading-output.md.
    """
    logging.captureWarnings(True)


def main() -> None:
    cli(prog_name="eventwire")
