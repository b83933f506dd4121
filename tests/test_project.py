"""The project's own promises: one version, typed, shipped as a typed package."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import pytest

import coprotool

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
in_checkout = pytest.mark.skipif(not PYPROJECT.is_file(), reason="pyproject.toml lies in a checkout, not an install")


@in_checkout
def test_the_version_is_written_once():
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert "version" not in project["project"], "the version belongs in src/coprotool/__init__.py only"
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "src/coprotool/__init__.py"


def test_installed_metadata_and_the_cli_report_the_same_version(invoke):
    assert importlib.metadata.version("coprotool") == coprotool.__version__
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"coprotool {coprotool.__version__}\n"


def test_the_package_says_it_is_typed():
    assert (Path(coprotool.__file__).parent / "py.typed").is_file()


def test_every_lazy_export_is_listed_and_importable():
    assert set(coprotool.__all__) == {"__version__", *coprotool._EXPORTS}
    for name in coprotool.__all__:
        assert getattr(coprotool, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = coprotool.nothing
