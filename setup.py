"""Compile resources.qrc into the package while it is built or installed.

Everything else about the project lives in pyproject.toml. This hook exists
because the compiled resources are build output and must never be committed:
`pyside6-rcc --binary` turns resources.qrc into `sciatica_gui/resources.rcc`,
which the app maps at start-up with `QResource.registerResource` and reads by
`:/` paths. A binary bundle is memory-mapped rather than imported, so even the
sound cues cost start-up nothing until they are played.

For an editable install (`pip install -e .`) the file is written into the
source tree, where the package is imported from; `.gitignore` keeps it out of
version control.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
QRC = HERE / "resources.qrc"
RCC_NAME = "resources.rcc"


def find_rcc() -> list[str]:
    """The `pyside6-rcc` of the environment doing the build."""
    exe = shutil.which("pyside6-rcc", path=str(Path(sys.executable).parent))
    if exe is None:
        exe = shutil.which("pyside6-rcc")
    if exe is None:
        raise RuntimeError(
            "pyside6-rcc was not found: install PySide6-Essentials in the build environment"
        )
    return [exe]


def compile_resources(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [*find_rcc(), "--binary", "--compress-algo", "zlib", str(QRC), "-o", str(target)],
        check=True,
        cwd=HERE,
    )


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            compile_resources(HERE / "sciatica_gui" / RCC_NAME)
        else:
            compile_resources(Path(self.build_lib) / "sciatica_gui" / RCC_NAME)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs: list[str] = super().get_outputs(include_bytecode)
        if not getattr(self, "editable_mode", False):
            outputs.append(str(Path(self.build_lib) / "sciatica_gui" / RCC_NAME))
        return outputs


setup(cmdclass={"build_py": BuildPyWithResources})
