"""The ``kgbot`` console entry for the knowledge core: stats, validate, load, export,
derivations. Real stores on disk under tmp_path."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from seeded import seeded_observations

from bot.cli import main
from kg.namespaces import DERIVED_GRAPH

REPO = Path(__file__).resolve().parents[1]
TEST = "https://kgbot.dev/id/test/"
HYPER_QUOTE = "These tech giants are expected to allocate $371 billion to data centers and computing resources in 2025"

NO_UNIT = """
t:no-unit a qb:Observation ;
    kg:subject e:meta ; kg:metric m:capex ; kg:period p:2025 ; kg:value 1.0 ;
    sdmx-attribute:obsStatus sdmx-code:obsStatus-A ; prov:wasDerivedFrom t:source ;
    kg:quote "Meta spent one dollar." .
"""


@pytest.fixture
def store_dir(tmp_path: Path) -> str:
    return str(tmp_path / "store")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _export(store: str, target: Path) -> bytes:
    """The store as sorted N-Quads lines, through `kgbot export -o`."""
    assert main(["--store", store, "export", "--format", "nquads", "-o", str(target)]) == 0
    return b"\n".join(sorted(target.read_bytes().splitlines()))


# ---------------------------------------------------------------- stats


def test_stats(capsys: pytest.CaptureFixture[str], store_dir: str) -> None:
    code, out, _ = run(capsys, "--store", store_dir, "stats")
    assert code == 0
    assert f"store: {store_dir}" in out
    assert f"observations: {seeded_observations()}" in out
    code, out, _ = run(capsys, "--store", store_dir, "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["observations"] == seeded_observations()
    assert stats["conflicts"] == 0


def test_stats_in_memory(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", ":memory:", "stats")
    assert code == 0
    assert "store: in memory" in out
    assert f"observations: {seeded_observations()}" in out


def test_module_entry_point_runs_as_a_process(store_dir: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--store", store_dir, "stats", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["observations"] == seeded_observations()


# ---------------------------------------------------------------- validate


def test_validate_the_shipped_ontology(capsys: pytest.CaptureFixture[str], store_dir: str) -> None:
    code, out, err = run(capsys, "--store", store_dir, "validate")
    assert code == 0, out + err
    lines = out.splitlines()
    assert len(lines) >= 4
    assert all(": valid (" in line for line in lines)
    assert any("seed-ai-inference-shift.ttl" in line for line in lines)


def test_validate_a_file_with_a_violation(
    capsys: pytest.CaptureFixture[str], store_dir: str, make_ttl: Callable[..., Path]
) -> None:
    bad = make_ttl("no-unit.ttl", NO_UNIT)
    code, out, _ = run(capsys, "--store", store_dir, "validate", str(bad))
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith(f"{bad}: ")]
    assert lines
    unit_lines = [line for line in lines if "unitMeasure" in line]
    assert unit_lines, out
    # file: focus: path: message
    assert f"{bad}: {TEST}no-unit: sdmx-attribute:unitMeasure: " in unit_lines[0]
    assert "unit" in unit_lines[0].split("unitMeasure: ", 1)[1]


def test_validate_malformed_turtle_prints_one_line(
    capsys: pytest.CaptureFixture[str], store_dir: str, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix kg: <https://kgbot.dev/ns#> .\n\nkg:a kg:b kg:c .\nkg:a kg:b "oops .\n')
    code, out, err = run(capsys, "--store", store_dir, "validate", str(bad))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}:4: ")


def test_validate_good_and_bad_files_together(
    capsys: pytest.CaptureFixture[str], store_dir: str, make_ttl: Callable[..., Path]
) -> None:
    good = REPO / "ontology" / "data" / "seed-ai-inference-shift.ttl"
    bad = make_ttl("no-unit.ttl", NO_UNIT)
    code, out, _ = run(capsys, "--store", store_dir, "validate", str(good), str(bad))
    assert code == 1
    assert f"{good}: valid" in out
    assert f"{bad}: {TEST}no-unit" in out


# ---------------------------------------------------------------- load


def test_load_good_file(
    capsys: pytest.CaptureFixture[str], store_dir: str, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    good = make_ttl("acme.ttl", core_obs("acme-capex", "e:meta", "m:capex", "p:2025", "70000000000.0"))
    code, out, _ = run(capsys, "--store", store_dir, "load", str(good))
    assert code == 0
    assert out.startswith("loaded ")
    assert "1 file(s)" in out
    code, out, _ = run(capsys, "--store", store_dir, "stats", "--json")
    assert json.loads(out)["observations"] == seeded_observations() + 1


@pytest.mark.parametrize("kind", ["shacl", "syntax"])
def test_load_bad_file_stores_nothing(
    kind: str,
    capsys: pytest.CaptureFixture[str],
    store_dir: str,
    tmp_path: Path,
    make_ttl: Callable[..., Path],
    core_obs: Callable[..., str],
) -> None:
    good = make_ttl("good.ttl", core_obs("acme-capex", "e:meta", "m:capex", "p:2025", "70000000000.0"))
    bad = make_ttl("bad.ttl", NO_UNIT if kind == "shacl" else 't:x kg:value "oops .\n')
    assert main(["--store", store_dir, "stats"]) == 0
    capsys.readouterr()
    before = _export(store_dir, tmp_path / "before.nq")
    code, out, err = run(capsys, "--store", store_dir, "load", str(good), str(bad))
    assert code == 1
    assert out == ""
    assert "nothing was stored" in err
    if kind == "shacl":
        assert f"{TEST}no-unit" in err
    else:
        assert f"{bad}:" in err
    assert _export(store_dir, tmp_path / "after.nq") == before


def test_load_missing_file(capsys: pytest.CaptureFixture[str], store_dir: str, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--store", store_dir, "load", str(tmp_path / "nope.ttl"))
    assert code == 1
    assert "no such file" in err


# ---------------------------------------------------------------- export


def test_export_nquads(capsysbinary: pytest.CaptureFixture[bytes], store_dir: str) -> None:
    assert main(["--store", store_dir, "export", "--format", "nquads"]) == 0
    out, _ = capsysbinary.readouterr()
    quads = list(ox.parse(out, format=ox.RdfFormat.N_QUADS))
    assert any(q.graph_name == ox.NamedNode(DERIVED_GRAPH) for q in quads)
    assert f"<{DERIVED_GRAPH}>".encode() in out


def test_export_to_a_file(capsys: pytest.CaptureFixture[str], store_dir: str, tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    code, out, _ = run(capsys, "--store", store_dir, "export", "--format", "turtle", "-o", str(target))
    assert code == 0
    assert out == ""
    triples = list(ox.parse(target.read_bytes(), format=ox.RdfFormat.TURTLE))
    assert len(triples) > 1000
    assert DERIVED_GRAPH not in target.read_text()


# ---------------------------------------------------------------- derivations


def test_derivations_lists_values_and_conflicts(capsys: pytest.CaptureFixture[str], store_dir: str) -> None:
    code, out, _ = run(capsys, "--store", store_dir, "derivations")
    assert code == 0
    derived = re.search(r"^(\d+) derived value\(s\):", out, re.M)
    assert derived and int(derived.group(1)) > 7  # the article's seven and the filings' quarters
    assert "hyperscalers · data-centre and compute spending · 2024 = $257.6B" in out
    assert "[from = to / (1 + 44%)]" in out
    assert "at least $11.25T" in out
    assert "-26 pp" in out
    assert "0 conflict(s):" in out


def test_derivations_explain_quotes_the_source(capsys: pytest.CaptureFixture[str], store_dir: str) -> None:
    code, out, _ = run(capsys, "--store", store_dir, "derivations", "--explain", "hyperscalers")
    assert code == 0
    assert HYPER_QUOTE in out
    assert "(derived: from = to / (1 + 44%))" in out
    assert "stated relation: a 44% increase from 2024" in out


def test_derivations_explain_unknown(capsys: pytest.CaptureFixture[str], store_dir: str) -> None:
    code, _, err = run(capsys, "--store", store_dir, "derivations", "--explain", "no such thing")
    assert code == 1
    assert "no quantity matches" in err


def test_derivations_strict_fails_on_conflicts(
    capsys: pytest.CaptureFixture[str],
    store_dir: str,
    make_ttl: Callable[..., Path],
    core_obs: Callable[..., str],
) -> None:
    clash = make_ttl(
        "clash.ttl",
        core_obs(
            "hyper-2024",
            "e:hyperscalers",
            "m:dc-compute-spending",
            "p:2024",
            "300000000000.0",
            quote="Hyperscalers spent $300 billion on data centers in 2024.",
        ),
    )
    assert run(capsys, "--store", store_dir, "load", str(clash))[0] == 0
    code, out, _ = run(capsys, "--store", store_dir, "derivations", "--strict")
    assert code == 1
    assert "1 conflict(s):" in out
    assert "hyperscalers · data-centre and compute spending · 2024: stated $300B" in out
    assert run(capsys, "--store", store_dir, "derivations")[0] == 0
