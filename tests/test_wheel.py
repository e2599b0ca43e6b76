"""The installed library, away from the checkout: every table and its metadata, offline, nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in (".git", ".venv", "__pycache__")]
        for name in filenames:
            path = Path(dirpath) / name
            st = path.stat()
            out[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(wheels), str(REPO)], check=True, capture_output=True)
    wheel = next(wheels.glob("dalian_reports-*.whl"))
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    return wheel, target


def test_the_wheel_carries_the_tables_metadata_and_seeds_once(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "dalian_reports/_data/processed/datapackage.json" in names
    assert any(n.startswith("dalian_reports/_data/raw/000_") for n in names)
    assert "dalian_reports/py.typed" in names
    assert not any(n.endswith((".xlsx", ".pkl")) or "/.cache/" in n or "pipeline/../" in n for n in names)


def test_every_table_loads_from_the_installed_copy_with_nothing_written(installed, tmp_path):
    _, target = installed
    code = (
        "import dalian_reports as dr, sys\n"
        "assert dr.__file__.startswith(sys.argv[1]), dr.__file__\n"
        "for name in dr.list_tables():\n"
        "    df = dr.load_table(name); meta = dr.get_metadata(name)\n"
        "    assert list(df.columns) == meta.column_names and len(df) > 0, name\n"
        "assert dr.headline_figures().quote.notna().all()\n"
        "assert len(dr.report_text('dalian-2024-zh').text) > 1000\n"
        "print(len(dr.list_tables()))\n"
    )
    before_site, before_repo = _snapshot(target), _snapshot(REPO)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DALIAN_REPORTS", "PYTHON"))}
    env["PYTHONPATH"] = str(target)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run([sys.executable, "-c", code, str(target)], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) >= 12
    assert _snapshot(target) == before_site, "the library wrote under its install"
    assert _snapshot(REPO) == before_repo, "the installed library wrote into the checkout"
    assert list(tmp_path.iterdir()) == [], "the library wrote into the working directory"
