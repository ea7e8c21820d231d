"""Entry point: the ``eventwire`` group and its commands (one module per command family)."""

from __future__ import annotations

import importlib
import logging

import click

from .. import __version__

# module -> names of the click commands/groups it defines; each module is owned by one feature.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "annotate": ("annotate", "code"),
    "demo": ("demo",),
    "evaluate": ("eval_group",),
    "knowledge": ("actors_group", "lexicon_group"),
    "store": ("ingest", "export", "dyad", "top", "network", "query"),
    "serve": ("serve",),
    "run": ("run",),
    "bench": ("bench",),
}


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="eventwire")
def cli() -> None:
    """eventwire: political event data from news text, offline.

    Who did what to whom, when and where, coded in CAMEO and PLOVER, each event tied
    to the sentence that supports it.
    """
    logging.captureWarnings(True)


def _register() -> None:
    for module_name, names in COMMAND_MODULES.items():
        try:
            module = importlib.import_module(f"{__package__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{module_name}":
                raise
            continue
        for name in names:
            command = getattr(module, name, None)
            if command is not None:
                cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="eventwire")
