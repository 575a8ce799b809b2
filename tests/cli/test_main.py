"""lib.__main__: one command line, every subcommand listed with Chinese help."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lib import config
from lib.__main__ import build_parser, main

COMMANDS = ("catalogue", "status", "template", "import", "report", "schema")


def test_build_parser_lists_every_command():
    help_text = build_parser().format_help()
    assert all(command in help_text for command in COMMANDS)


def test_main_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["nonsense"])
    assert exit_info.value.code == 2


def test_python_m_lib_help_runs_as_module():
    result = subprocess.run(
        [sys.executable, "-m", "lib", "--help"], capture_output=True, text=True, cwd=config.ROOT, timeout=60
    )
    assert result.returncode == 0 and "博山区妇女发展规划监测工具" in result.stdout
