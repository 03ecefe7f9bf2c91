"""The core (content, timeline, engine) must not load Qt: checked in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import sciatica_gui.core

CORE = Path(sciatica_gui.core.__file__).parent


def test_importing_the_core_loads_no_pyside6_module():
    modules = [
        f"sciatica_gui.core.{path.stem}"
        for path in sorted(CORE.glob("*.py"))
        if path.stem != "__init__"
    ]
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in modules)
        + "print(','.join(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert len(modules) >= 6
    assert result.stdout.strip() == ""


def test_no_core_source_file_mentions_qt_in_an_import():
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(("PySide6", "shiboken6")), path
                if name.startswith("sciatica_gui"):
                    assert name.startswith("sciatica_gui.core"), path
