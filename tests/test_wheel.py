"""The wheel carries the ontology: build it, install it into a fresh venv, run ``kgbot``
from a directory outside the repository."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from seeded import seeded_observations

REPO = Path(__file__).resolve().parents[1]


def _run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "KGBOT_STORE")}
    return env


@pytest.mark.slow
def test_installed_wheel_ships_the_ontology(tmp_path: Path) -> None:
    # build from a copy, so that no build/ or egg-info lands in the checkout
    src = tmp_path / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("kg", "bot", "ontology"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, src / name)
    dist = tmp_path / "dist"
    if importlib.util.find_spec("build") is not None:
        _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(src)], src)
    else:
        _run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-w", str(dist)], src)
    [wheel] = list(dist.glob("kgbot-*.whl"))

    # a fresh venv; the dependencies come from this interpreter's site-packages
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    vpython = bindir / "python"
    site = _run(
        [str(vpython), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "_outer_site.pth").write_text("\n".join(sorted(ours)) + "\n")
    _run([str(vpython), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], tmp_path, env=_clean_env())

    # run from a directory that is neither the repository nor the build copy
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env()
    where = _run(
        [str(vpython), "-c", "import kg, kg.resources as r; print(kg.__file__); print(r.ontology_dir())"],
        elsewhere,
        env=env,
    ).stdout.splitlines()
    assert Path(where[0]).resolve().is_relative_to(venv.resolve()), where
    assert Path(where[1]).resolve().is_relative_to(venv.resolve()), where
    assert (Path(where[1]) / "kgbot.ttl").is_file()
    assert (Path(where[1]) / "shapes.ttl").is_file()
    assert list((Path(where[1]) / "data").glob("*.ttl"))

    out = _run([str(bindir / "kgbot"), "--store", ":memory:", "stats"], elsewhere, env=env).stdout
    assert f"observations: {seeded_observations()}" in out
    out = _run([str(bindir / "kgbot"), "--store", ":memory:", "stats", "--json"], elsewhere, env=env).stdout
    assert json.loads(out)["observations"] == seeded_observations()  # the article's and the shipped filings'
    assert (Path(where[1]) / "filings" / "PROVENANCE.md").is_file()
