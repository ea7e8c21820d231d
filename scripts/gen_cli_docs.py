"""Regenerate docs/cli.md from the commands' own help texts: python scripts/gen_cli_docs.py"""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.cli.main import cli


def walk(
    command: click.Command, path: list[str], ctx: click.Context
) -> list[tuple[str, click.Command, click.Context]]:
    out = [(" ".join(path), command, ctx)]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                out += walk(sub, [*path, name], click.Context(sub, info_name=name, parent=ctx))
    return out


def render() -> str:
    # make_context applies the group's context settings (-h/--help) exactly as the real CLI does
    root = cli.make_context("eventwire", [], resilient_parsing=True, terminal_width=100)
    parts = [
        "# Command reference\n",
        "Generated from the commands' help by `scripts/gen_cli_docs.py`; "
        "`eventwire COMMAND --help` prints the same.\n",
    ]
    for name, command, ctx in walk(cli, ["eventwire"], root)[1:]:
        parts.append(f"## `{name}`\n\n```\n{command.get_help(ctx).strip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    Path(__file__).resolve().parents[1].joinpath("docs", "cli.md").write_text(
        render(), encoding="utf-8"
    )
