"""Where the shipped ontology lives: inside the installed wheel, or beside the checkout.

The wheel maps ``ontology/`` to the package ``kg._ontology`` (see ``pyproject.toml``);
a source checkout has it next to ``kg/``.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

__all__ = ["ontology_dir", "ontology_files", "shapes_file"]

_SHAPES = "shapes.ttl"


def ontology_dir() -> Path:
    """The directory holding ``kgbot.ttl``, the other vocabulary files and ``data/``."""
    # kg._ontology has no __init__.py: importlib.resources.files() gives a
    # MultiplexedPath whose str() is not a path, so look beside this module first.
    installed = Path(__file__).resolve().parent / "_ontology"
    if (installed / "kgbot.ttl").is_file():
        return installed
    try:
        root = importlib.resources.files("kg._ontology")
        path = Path(str(root))
        if path.is_dir() and (path / "kgbot.ttl").is_file():
            return path
    except (ImportError, TypeError, ValueError):
        pass
    return Path(__file__).resolve().parent.parent / "ontology"


def shapes_file() -> Path:
    """The SHACL shapes graph (never loaded into the data store)."""
    return ontology_dir() / _SHAPES


def ontology_files() -> list[Path]:
    """Vocabulary files (all but the shapes), then the seed data files, each sorted."""
    root = ontology_dir()
    vocab = sorted(p for p in root.glob("*.ttl") if p.name != _SHAPES)
    return vocab + sorted((root / "data").glob("*.ttl"))
