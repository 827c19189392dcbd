"""The README's front door stays true: two commands, every setting documented."""
from __future__ import annotations

import re

from ingest.settings import Settings

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table():
    documented = set(re.findall(r"`KANSENWIJZER_([A-Z_]+)`", README))
    assert {name.upper() for name in Settings.model_fields} <= documented


def test_quickstart_is_the_two_make_commands_and_ci_runs_the_test_command():
    quickstart = README.split("## Quickstart", 1)[1].split("```", 2)[1]
    assert [line.split("#")[0].strip() for line in quickstart.strip().splitlines()[1:]] == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def shown_default(value) -> str:
    """A default as the README's table writes it."""
    from pathlib import Path

    from pydantic import SecretStr

    from ingest.settings import PROJECT_ROOT

    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if value is None:
        return "(unset)"
    if value == "":
        return "(empty)"
    if isinstance(value, Path):
        relative = value.relative_to(PROJECT_ROOT).as_posix()
        return f"`{relative}/`" if relative != "." else "project root"
    return str(value)


def test_the_configuration_table_says_what_the_code_does():
    """One source of truth: every row's default and meaning are the settings object's own."""
    rows = dict(re.findall(r"^\| `KANSENWIJZER_([A-Z_]+)` \| (.+) \|$", README, re.M))
    for name, field in Settings.model_fields.items():
        default, meaning = rows[name.upper()].split(" | ", 1)
        assert (default, meaning) == (shown_default(field.default), field.description), name
