"""Commands load lazily: `upback --help` imports none of them, yet lists exactly what it would
with every command loaded; a command's module is imported only when the command is used."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.cli.conftest import Upback
from upback.cli.command_index import COMMANDS

# Runs `upback ARGS` in a fresh process (after importing MODULES, if given), then reports which
# command modules were imported.
FRESH = """
import importlib, os, sys
from upback.cli.main import run
for module in filter(None, os.environ.get("MODULES", "").split(",")):
    importlib.import_module(module)
sys.argv = ["upback", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
loaded = sorted({m for m in sys.modules if m.endswith("_cmd")})
print("LOADED:" + ",".join(loaded), file=sys.stderr)
"""


def fresh(*args: str, modules: str = "") -> tuple[str, list[str]]:
    env = {**os.environ, "COLUMNS": "120", "MODULES": modules}
    done = subprocess.run(
        [sys.executable, "-c", FRESH, *args], capture_output=True, text=True, env=env, check=True
    )
    loaded = done.stderr.rsplit("LOADED:", 1)[1].strip()
    return done.stdout, [name for name in loaded.split(",") if name]


def test_help_imports_no_command_and_lists_them_as_if_all_were_loaded() -> None:
    lazy_help, loaded = fresh("--help")
    assert loaded == []
    eager_help, _ = fresh("--help", modules=",".join({e.module for e in COMMANDS.values()}))
    assert lazy_help == eager_help
    assert all(f"\n  {name} " in lazy_help for name in COMMANDS)


def test_a_command_imports_its_own_module_and_no_other() -> None:
    _, loaded = fresh("sleep", "--help")
    assert loaded == ["upback.cli.sleep_cmd"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_in_the_index_is_found_and_shows_its_help(upback: Upback, name: str) -> None:
    result = upback(name, "--help")
    assert result.exit_code == 0, result.output
    assert f"upback {name}" in result.stdout


def test_a_mistyped_command_still_suggests_one_not_yet_loaded() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "upback.cli.main", "hbit"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Did you mean 'habit'?" in done.stderr
