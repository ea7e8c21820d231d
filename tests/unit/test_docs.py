"""Docs that are checked: every command has help and is documented, and docs/cli.md is current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_has_help_and_a_section():
    from eventwire.cli.main import cli

    gen = load_generator()
    root = cli.make_context("eventwire", [], resilient_parsing=True)
    cli_md = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = gen.walk(cli, ["eventwire"], root)[1:]
    assert len(commands) >= 15
    for name, command, _ in commands:
        assert (command.help or "").strip(), f"{name} has no help text"
        assert f"## `{name}`" in cli_md, f"{name} missing from docs/cli.md"


def test_cli_reference_is_up_to_date():
    gen = load_generator()
    assert gen.render() == (ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), (
        "docs/cli.md is stale: run python scripts/gen_cli_docs.py"
    )


def test_readme_names_the_two_commands_and_every_top_level_command():
    from eventwire.cli.main import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    missing = [name for name in COMMANDS if f"eventwire {name}" not in readme]
    assert not missing, f"README does not show: {missing}"
