"""Packaging without a build: desktop metadata, icons, the install script, the trimming rules.

The desktop file and the AppStream metadata are checked by the freedesktop
validators when they are installed (Debian: desktop-file-utils, appstream);
the frozen bundle itself is tested in tests/test_frozen_app.py.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage, QImageReader

from sciatica_gui import APP_DISPLAY_NAME, APP_NAME, __version__

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_NAME}.desktop"
APP_ID = "io.github.sciatica_gui.sciatica_exercises"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def load(path: Path, name: str) -> ModuleType:
    # By path: a `packaging` package would shadow the library of that name, and scripts/
    # is not a package.
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = load(ROOT / "packaging" / "pyinstaller" / "trim.py", "sciatica_trim")
make_icons = load(ROOT / "scripts" / "make_icons.py", "make_icons")


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# -- desktop file and AppStream metadata ---------------------------------------------


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_the_desktop_file_validates():
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""  # not even a hint


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_the_metainfo_validates_offline_even_pedantically():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation was successful." in result.stdout
    assert "pedantic" not in result.stdout, result.stdout
    assert "info" not in result.stdout, result.stdout


def test_the_desktop_file_matches_what_the_app_tells_the_desktop():
    entry = desktop_entry(DESKTOP)
    assert entry["Name"] == APP_DISPLAY_NAME
    # Wayland matches the app to its desktop file by QGuiApplication.desktopFileName,
    # X11 by WM_CLASS; the app sets both to APP_NAME.
    assert DESKTOP.stem == APP_NAME
    assert entry["StartupWMClass"] == APP_NAME
    assert entry["Icon"] == APP_NAME
    assert entry["Exec"] == APP_NAME
    app = (ROOT / "sciatica_gui" / "app.py").read_text("utf-8")
    assert "setDesktopFileName(APP_NAME)" in app


def test_the_metainfo_names_the_desktop_file_the_version_and_the_readmes_screenshots():
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_DISPLAY_NAME
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/binary") == APP_NAME
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    release = component.find("releases/release")
    assert release is not None
    assert release.get("version") == project["version"] == __version__
    assert component.findtext("project_license") == project["license"]

    readme = (ROOT / "README.md").read_text("utf-8")
    in_readme = re.findall(r"\(docs/screenshots/([\w-]+\.png)\)", readme)
    assert in_readme
    images = component.findall("screenshots/screenshot/image")
    in_metainfo = [(image.text or "").rsplit("/", 1)[-1] for image in images]
    assert sorted(in_metainfo) == sorted(set(in_readme))
    for image, name in zip(images, in_metainfo, strict=True):
        assert (image.text or "").endswith(f"/docs/screenshots/{name}")
        size = png_size((ROOT / "docs" / "screenshots" / name).read_bytes())
        assert (int(image.get("width", 0)), int(image.get("height", 0))) == size, name


# -- icons ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp) -> Path:
    out = tmp_path_factory.mktemp("icons")
    make_icons.make_icons(ROOT / "assets" / "icons" / "app.svg", out)
    return out


def test_the_linux_icons_come_in_every_theme_size_and_are_not_blank(icons):
    for size in make_icons.LINUX_SIZES:
        path = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_NAME}.png"
        assert png_size(path.read_bytes()) == (size, size)
        image = QImage(str(path))
        # The tile's teal shows at the centre; the rounded corners stay transparent.
        assert image.pixelColor(size // 2, size // 4).alpha() == 255
        assert image.pixelColor(0, 0).alpha() == 0
    scalable = icons / "hicolor" / "scalable" / "apps" / f"{APP_NAME}.svg"
    assert scalable.read_bytes() == (ROOT / "assets" / "icons" / "app.svg").read_bytes()


def test_the_windows_icon_holds_a_png_per_size_and_qt_reads_it(icons):
    data = (icons / f"{APP_NAME}.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for index, size in enumerate(make_icons.ICO_SIZES):
        width, height, _, _, _, _, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert (width or 256, height or 256) == (size, size)
        assert png_size(data[offset : offset + length]) == (size, size)
    reader = QImageReader(str(icons / f"{APP_NAME}.ico"))
    assert reader.imageCount() == count
    assert not reader.read().isNull()


def test_the_macos_icon_holds_every_retina_size_and_qt_reads_it(icons):
    data = (icons / f"{APP_NAME}.icns").read_bytes()
    magic, total = struct.unpack_from(">4sI", data)
    assert (magic, total) == (b"icns", len(data))
    offset, found = 8, {}
    while offset < len(data):
        kind, length = struct.unpack_from(">4sI", data, offset)
        found[kind] = png_size(data[offset + 8 : offset + length])
        offset += length
    assert found == {kind: (size, size) for kind, size in make_icons.ICNS_TYPES}
    assert not QImage(str(icons / f"{APP_NAME}.icns")).isNull()


# -- the install script ---------------------------------------------------------------


@pytest.fixture
def fake_bundle(tmp_path) -> Path:
    """A bundle with the layout build.spec makes, whose executable only prints its name."""
    bundle = tmp_path / "bundle"
    executable = bundle / APP_NAME
    executable.parent.mkdir()
    executable.write_text("#!/bin/sh\necho frozen sciatica-gui\n", "utf-8")
    executable.chmod(0o755)
    (bundle / "_internal").mkdir()
    share = bundle / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(DESKTOP, share / "applications")
    (share / "metainfo").mkdir()
    shutil.copy(METAINFO, share / "metainfo")
    for size in (16, 48):
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / f"{APP_NAME}.png").write_bytes(b"png")
    return bundle


def install(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / "install-linux"), *arguments],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": "/nonexistent-home"},
    )


def test_install_puts_bundle_link_desktop_file_metainfo_and_icons_under_the_prefix(
    fake_bundle, tmp_path
):
    prefix = tmp_path / "home dir" / ".local"
    result = install("--bundle", str(fake_bundle), "--prefix", str(prefix))
    assert result.returncode == 0, result.stderr

    target = prefix / "lib" / APP_NAME
    link = prefix / "bin" / APP_NAME
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout == (
        "frozen sciatica-gui\n"
    )
    desktop = prefix / "share" / "applications" / f"{APP_NAME}.desktop"
    entry = desktop_entry(desktop)
    # The full path, quoted because of the space, since ~/.local/bin is often not on PATH.
    assert entry["Exec"] == f'"{target / APP_NAME}"'
    assert entry["TryExec"] == str(target / APP_NAME)
    assert (prefix / "share" / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_NAME}.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert check.returncode == 0, check.stdout

    # Installing again replaces the bundle in place.
    (fake_bundle / "_internal" / "new-file").write_text("2", "utf-8")
    assert install("--bundle", str(fake_bundle), "--prefix", str(prefix)).returncode == 0
    assert (target / "_internal" / "new-file").is_file()

    removed = install("--uninstall", "--prefix", str(prefix))
    assert removed.returncode == 0, removed.stderr
    leftovers = [
        path
        for path in prefix.rglob("*")
        if path.is_file() or path.is_symlink()
        if path.name != "mimeinfo.cache"  # the desktop database's cache, shared by all apps
    ]
    assert leftovers == []


def test_uninstall_leaves_a_folder_that_is_not_the_app_alone(tmp_path):
    prefix = tmp_path / "prefix"
    stranger = prefix / "lib" / APP_NAME
    stranger.mkdir(parents=True)
    (stranger / "precious.txt").write_text("keep", "utf-8")

    result = install("--uninstall", "--prefix", str(prefix))

    assert result.returncode == 1
    assert "left alone" in result.stderr
    assert (stranger / "precious.txt").is_file()


def test_install_without_a_bundle_says_how_to_build_one(tmp_path):
    result = install("--bundle", str(tmp_path / "missing"), "--prefix", str(tmp_path / "p"))
    assert result.returncode == 1
    assert "scripts/build-app" in result.stderr
    assert not (tmp_path / "p" / "lib").exists()


# -- the trimming rules -----------------------------------------------------------------


def test_the_app_imports_no_qt_module_the_bundle_leaves_out():
    used = set()
    for path in (ROOT / "sciatica_gui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                used.add(node.module)
            elif isinstance(node, ast.Import):
                used.update(alias.name for alias in node.names)
    qt_used = {name for name in used if name.startswith("PySide6.")}
    assert {"PySide6.QtMultimedia", "PySide6.QtTextToSpeech", "PySide6.QtSvg"} <= qt_used
    assert qt_used.isdisjoint(trim.EXCLUDED_MODULES)


@pytest.mark.parametrize(
    ("dest", "wanted"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so", True),
        ("PySide6/Qt/plugins/texttospeech/libqtexttospeech_mock.so", True),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\multimedia\\ffmpegmediaplugin.dll", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", None),
        ("python3.11/lib-dynload/_ssl.so", None),
    ],
)
def test_plugins_are_kept_only_when_the_app_uses_them(dest, wanted):
    assert trim.is_wanted_plugin(dest) is wanted


def test_trimming_drops_unused_plugins_translations_and_the_libraries_only_they_linked():
    links = {
        "/w/QtCore.abi3.so": ["/w/lib/libQt6Core.so.6"],
        "/w/QtMultimedia.abi3.so": ["/w/lib/libQt6Multimedia.so.6"],
        "/w/lib/libQt6Multimedia.so.6": ["/w/lib/libQt6Network.so.6", "/w/lib/libQt6Core.so.6"],
        "/w/plugins/platforms/libqxcb.so": ["/w/lib/libQt6XcbQpa.so.6"],
        "/w/plugins/multimedia/libffmpegmediaplugin.so": [
            "/w/lib/libavcodec.so.61",
            "/w/lib/libQt6Quick.so.6",
        ],
    }
    lib = "PySide6/Qt/lib/"
    binaries = [
        ("PySide6/QtCore.abi3.so", "/w/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/QtMultimedia.abi3.so", "/w/QtMultimedia.abi3.so", "EXTENSION"),
        *(
            (lib + name, "/w/lib/" + name, "BINARY")
            for name in (
                "libQt6Core.so.6",
                "libQt6Multimedia.so.6",
                "libQt6Network.so.6",
                "libQt6XcbQpa.so.6",
                "libavcodec.so.61",
                "libQt6Quick.so.6",
            )
        ),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/w/plugins/platforms/libqxcb.so", "BINARY"),
        (
            "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
            "/w/plugins/multimedia/libffmpegmediaplugin.so",
            "BINARY",
        ),
        ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY"),
    ]
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/w/translations/qtbase_de.qm", "DATA"),
        ("sciatica_gui/resources.rcc", "/src/resources.rcc", "DATA"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ]

    kept, kept_datas, report = trim.trim(binaries, datas, lambda path: links.get(path, []))

    assert sorted(dest.rsplit("/", 1)[-1] for dest, _, _ in kept) == [
        "QtCore.abi3.so",
        "QtMultimedia.abi3.so",
        "libQt6Core.so.6",
        "libQt6Multimedia.so.6",
        "libQt6Network.so.6",
        "libQt6XcbQpa.so.6",
        "libpython3.11.so.1.0",
        "libqxcb.so",
    ]
    assert [dest for dest, _, _ in kept_datas] == ["sciatica_gui/resources.rcc", "libQt6Core.so.6"]
    assert "dangling libQt6Quick.so.6" in report
    assert "plugin PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so" in report


def test_both_specs_apply_the_same_trimming():
    for spec in (ROOT / "build.spec", ROOT / "packaging" / "pyinstaller" / "bare_window.spec"):
        text = spec.read_text("utf-8")
        assert "trim.apply(a)" in text
        assert "excludes=list(trim.EXCLUDED_MODULES)" in text
        assert text.count("strip=trim.STRIP") == 2


def test_the_spec_files_pass_the_projects_linter():
    # `ruff check .` skips *.spec; they are Python and held to the same rules.
    specs = [str(ROOT / "build.spec"), str(ROOT / "packaging" / "pyinstaller" / "bare_window.spec")]
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.is_file():
        pytest.skip("ruff is not installed in this environment")
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [str(ruff), *command, "--extension", "spec:python", *specs],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_percent_in_the_prefix_is_doubled_and_a_dollar_is_refused(fake_bundle, tmp_path):
    prefix = tmp_path / "100% mine"
    assert install("--bundle", str(fake_bundle), "--prefix", str(prefix)).returncode == 0
    entry = desktop_entry(prefix / "share" / "applications" / f"{APP_NAME}.desktop")
    assert entry["Exec"] == f'"{str(prefix / "lib" / APP_NAME / APP_NAME).replace("%", "%%")}"'

    refused = install("--bundle", str(fake_bundle), "--prefix", str(tmp_path / "$HOME"))
    assert refused.returncode == 2
    assert not (tmp_path / "$HOME").exists()
