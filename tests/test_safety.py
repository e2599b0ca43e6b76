"""Safety of the build: atomic outputs, no formulas from source text, no network.

* An interrupted build (a table or figure builder failing, ``os.replace``
  failing or interrupted half-way through the renames, a KeyboardInterrupt
  while writing temporaries) leaves the previous CSVs, figures and workbook
  byte-identical, and no ``.tmp-*`` file behind.
* The Excel export stores source text that begins with ``= + - @`` (real
  strings such as '+5.6%左右' and the raw line '--At the Third Session…', and
  injected formulas) as text: after reloading, no cell is a formula and every
  value is unchanged.
* ``import dalian_reports``, ``headline_figures()`` and a full ``build`` make
  no network call: run in a subprocess whose sockets refuse to connect.
* Nothing is unpickled or trusted from a cache: no module of the package loads
  pickle, marshal, shelve, dill or joblib data, and no pickled file is shipped.
  (Signals during the build are tested in ``test_signals.py``.)
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import dalian_reports as dr
from dalian_reports import _atomic
from dalian_reports.pipeline import build as build_mod
from dalian_reports.pipeline import export
from dalian_reports.pipeline.export import TMP_PREFIX, read_workbook, workbook_bytes
from dalian_reports.plots import FIGURES
from dalian_reports.pipeline.tables.catalog import TABLES

REPO = Path(__file__).resolve().parents[1]
from dalian_reports.pipeline.keyed import FIGURES_RECORD, WORKBOOK_RECORD  # noqa: E402


# ------------------------------------------------------------------------------ atomic build

def build_mod_corpus_present() -> bool:
    from dalian_reports.pipeline.tables.panel import corpus_root

    return corpus_root() is not None


def target_paths(out_dir: Path, fig_dir: Path) -> list[Path]:
    """Every file a full build writes."""
    from dalian_reports.pipeline.tables.reuse import RECORD_NAME

    paths = [out_dir / f"{spec.name}.csv" for spec in TABLES] + [out_dir / "datapackage.json",
                                                                 out_dir / build_mod.WORKBOOK_NAME]
    if (build_mod.PROCESSED_DIR / RECORD_NAME).is_file() or build_mod_corpus_present():
        paths.append(out_dir / RECORD_NAME)   # what the whole-record tables were built from
    paths += [fig_dir / f"{name}_{lang}.{fmt}" for name in FIGURES for lang in build_mod.LANGS
              for fmt in build_mod.FIGURE_FORMATS]
    paths += [fig_dir / FIGURES_RECORD, out_dir / WORKBOOK_RECORD]   # the keys figures and workbook were drawn with
    return paths


def make_previous_outputs(root: Path) -> tuple[Path, Path]:
    """An out_dir and figure_dir holding a previous version of every output (distinct sentinel bytes)."""
    out_dir, fig_dir = root / "processed", root / "figures"
    out_dir.mkdir(parents=True)
    fig_dir.mkdir(parents=True)
    (out_dir / "unrelated.txt").write_text("not ours")
    for i, path in enumerate(target_paths(out_dir, fig_dir)):
        path.write_bytes(f"previous version {i} of {path.name}\n".encode())
    return out_dir, fig_dir


@pytest.fixture
def previous_outputs(tmp_path):
    return make_previous_outputs(tmp_path)


def snapshot(*dirs: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for d in dirs for p in sorted(d.rglob("*")) if p.is_file()}


def assert_untouched(before: dict[Path, bytes], out_dir: Path, fig_dir: Path) -> None:
    after = snapshot(out_dir, fig_dir)
    assert sorted(after) == sorted(before), "files appeared or disappeared"
    changed = [p.name for p in before if after[p] != before[p]]
    assert not changed, f"changed by an interrupted build: {changed}"
    assert not [p for p in after if p.name.startswith(TMP_PREFIX)]


@pytest.fixture(scope="module")
def real_build(tmp_path_factory):
    """One real, uninterrupted build over previous outputs (the control for the interruption tests).

    Returns (out_dir, fig_dir, files before, files after, paths written, figure bytes by file name).
    """
    out_dir, fig_dir = make_previous_outputs(tmp_path_factory.mktemp("real_build"))
    before = snapshot(out_dir, fig_dir)
    written = build_mod.build(out_dir, fig_dir, out_dir, quiet=True)
    after = snapshot(out_dir, fig_dir)
    figures = {p.name: data for p, data in after.items() if p.parent == fig_dir}
    return out_dir, fig_dir, before, after, written, figures


@pytest.fixture
def cached_figures(real_build, monkeypatch):
    """Serve the real build's figure and workbook bytes, so an interrupted build reaches the write phase quickly
    (these tests are about the write phase, not about drawing)."""
    figures = real_build[5]
    workbook = real_build[3][real_build[0] / build_mod.WORKBOOK_NAME]
    monkeypatch.setattr(build_mod, "workbook_contents", lambda tables: workbook)

    def figure_outputs(figure_dir, quiet=False, workers=None, names=None, meanwhile=None):
        if meanwhile is not None:
            meanwhile()
        return {Path(figure_dir) / name: data for name, data in figures.items()
                if names is None or any(name.startswith(f"{n}_") for n in names)}
    monkeypatch.setattr(build_mod, "figure_outputs", figure_outputs)


def _fail_on_call(real, n: int, exc: BaseException):
    """Wrap ``real`` so that its n-th call (1-based) raises ``exc``."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return real(*args, **kwargs)
    wrapper.calls = calls
    return wrapper


def test_uninterrupted_build_replaces_every_output(real_build):
    """The control: without a fault the build writes every output (so the tests below are not vacuous)."""
    out_dir, fig_dir, before, after, written, _figures = real_build
    targets = target_paths(out_dir, fig_dir)
    assert sorted(written) == sorted(targets)
    assert all(after[p] != before[p] for p in targets)
    assert after[out_dir / "unrelated.txt"] == b"not ours"
    assert not [p for p in after if p.name.startswith(TMP_PREFIX)]
    assert_no_formulas(out_dir / build_mod.WORKBOOK_NAME)


def test_failing_table_builder_leaves_previous_outputs(previous_outputs, monkeypatch):
    out_dir, fig_dir = previous_outputs
    before = snapshot(out_dir, fig_dir)
    import dalian_reports.pipeline.tables.plans as plans

    def broken(*args, **kwargs):
        raise RuntimeError("table builder failed")
    monkeypatch.setattr(plans, "plan14_implied_growth", broken)
    monkeypatch.setenv("DALIAN_REPORTS_REBUILD", "1")   # else the committed table, built from these inputs, is reused
    with pytest.raises(RuntimeError, match="table builder failed"):
        build_mod.build(out_dir, fig_dir, out_dir, quiet=True)
    assert_untouched(before, out_dir, fig_dir)


def test_keyboard_interrupt_in_a_figure_leaves_previous_outputs(previous_outputs, monkeypatch):
    out_dir, fig_dir = previous_outputs
    before = snapshot(out_dir, fig_dir)
    name = list(FIGURES)[0]

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setitem(FIGURES, name, interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_mod.build(out_dir, fig_dir, out_dir, quiet=True)
    assert_untouched(before, out_dir, fig_dir)


@pytest.mark.parametrize("exc", [ValueError("sheet 'targets_panel' C12: text too long"), KeyboardInterrupt()],
                         ids=["ValueError", "KeyboardInterrupt"])
def test_a_failure_in_the_workbooks_own_process_fails_the_build_and_leaves_previous_outputs(
        previous_outputs, cached_figures, monkeypatch, exc):
    """The workbook is written in a forked process of its own: its error reaches the build, nothing is written."""
    out_dir, fig_dir = previous_outputs
    before = snapshot(out_dir, fig_dir)
    parent = os.getpid()

    def broken(tables):
        assert os.getpid() != parent, "the workbook should be written in its own process"
        raise exc
    monkeypatch.setattr(build_mod, "workbook_contents", broken)
    with pytest.raises(type(exc), match=str(exc) or None):
        build_mod.build(out_dir, fig_dir, out_dir, quiet=True)
    assert_untouched(before, out_dir, fig_dir)


@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()],
                         ids=["OSError", "KeyboardInterrupt"])
def test_interrupt_while_writing_temporaries_leaves_previous_outputs(previous_outputs, cached_figures, monkeypatch, exc):
    out_dir, fig_dir = previous_outputs
    before = snapshot(out_dir, fig_dir)
    broken = _fail_on_call(_atomic._write_temp, 4, exc)
    monkeypatch.setattr(_atomic, "_write_temp", broken)
    with pytest.raises(type(exc)):
        build_mod.build(out_dir, fig_dir, out_dir, quiet=True)
    assert broken.calls["n"] == 4
    assert_untouched(before, out_dir, fig_dir)


@pytest.mark.parametrize("exc", [OSError(5, "Input/output error"), KeyboardInterrupt()],
                         ids=["OSError", "KeyboardInterrupt"])
def test_interrupt_half_way_through_the_renames_rolls_back(previous_outputs, cached_figures, monkeypatch, exc):
    """os.replace fails after some targets were already replaced: they are restored from their backups."""
    out_dir, fig_dir = previous_outputs
    before = snapshot(out_dir, fig_dir)
    n_targets = len(target_paths(out_dir, fig_dir))
    broken = _fail_on_call(os.replace, n_targets // 2, exc)
    monkeypatch.setattr(export.os, "replace", broken)  # export does `import os`: this patches os.replace itself
    with pytest.raises(type(exc)):
        build_mod.build(out_dir, fig_dir, out_dir, quiet=True)
    monkeypatch.undo()
    assert broken.calls["n"] >= n_targets // 2
    assert_untouched(before, out_dir, fig_dir)


# --------------------------------------------------------------------------- formula injection

INJECTED = [
    "=1+1", '=HYPERLINK("http://example.com","click")', "=cmd|' /C calc'!A0", "+5.6%左右", "-2.5",
    "--At the Third Session of the 17th", "-At the Third Session", "@SUM(A1:A2)", "+86 411 8000", "\t=1+1",
    "=", "-", "+", "@",
]


def assert_no_formulas(path: Path) -> None:
    wb = load_workbook(path)
    formulas = [(ws.title, c.coordinate, c.value) for ws in wb for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert not formulas
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_workbook_never_turns_source_text_into_formulas(tmp_path):
    headline = dr.headline_figures()
    reference = dr.reference_series()
    assert reference.text.str.match(r"[-+]").any()        # real text that starts with a formula trigger
    injected = headline.head(len(INJECTED)).copy()
    injected["quote"] = pd.array(INJECTED, dtype="string")
    injected["indicator_zh"] = pd.array(INJECTED[::-1], dtype="string")
    sheets = {"headline": pd.concat([headline, injected], ignore_index=True), "reference": reference}
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes(sheets))

    assert_no_formulas(path)
    wb = load_workbook(path)
    ws = wb["headline"]
    header = [c.value for c in ws[1]]
    quote_col = header.index("quote") + 1
    stored = [ws.cell(row=i, column=quote_col).value for i in range(2, ws.max_row + 1)]
    assert stored == [None if pd.isna(v) else v for v in sheets["headline"].quote]
    for i, value in enumerate(INJECTED):
        cell = ws.cell(row=len(headline) + 2 + i, column=quote_col)
        assert (cell.value, cell.data_type) == (value, "s")
        assert cell.quotePrefix, value   # Excel keeps it text even when the cell is edited
    back = read_workbook(path)
    pd.testing.assert_series_equal(back["headline"].quote, sheets["headline"].quote, check_names=False)
    pd.testing.assert_series_equal(back["reference"].text.astype("string"), reference.text.astype("string"),
                                   check_names=False)


# --------------------------------------------------------------------------------- no network

NETWORK_GUARD = r'''
import socket, sys, json
ATTEMPTS = []

def _blocked(what):
    def refuse(*args, **kwargs):
        ATTEMPTS.append(what)
        raise OSError(f"network blocked by test_safety: {what}")
    return refuse

socket.socket.connect = _blocked("socket.connect")
socket.socket.connect_ex = _blocked("socket.connect_ex")
socket.create_connection = _blocked("socket.create_connection")
socket.getaddrinfo = _blocked("socket.getaddrinfo")
socket.gethostbyname = _blocked("socket.gethostbyname")

def _audit(event, args):   # also catches C-level use that bypasses the patched Python names
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg") and args[0].family != socket.AF_UNIX:
        ATTEMPTS.append(event)
        raise OSError(f"network blocked by test_safety: {event}")
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request"):
        ATTEMPTS.append(event)
        raise OSError(f"network blocked by test_safety: {event}")
sys.addaudithook(_audit)
'''

NETWORK_RUN = r'''
import dalian_reports as dr
rows = len(dr.headline_figures())
from dalian_reports.pipeline.build import build
written = build(out_dir=OUT, figure_dir=OUT, exports_dir=OUT, figures=True, workbook=True, quiet=True)
print(json.dumps({"attempts": ATTEMPTS, "rows": rows, "written": len(written)}))
'''


def test_no_network_at_import_or_build(tmp_path):
    code = NETWORK_GUARD + f"\nOUT = {str(tmp_path)!r}\n" + NETWORK_RUN
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    assert result["rows"] > 0 and result["written"] == len(target_paths(tmp_path, tmp_path))


def test_network_guard_really_blocks(tmp_path):
    """The guard itself works: a connection attempt is refused and recorded."""
    code = NETWORK_GUARD + textwrap.dedent('''
        import urllib.request
        try:
            urllib.request.urlopen("http://example.com", timeout=2)
        except Exception as exc:
            print(json.dumps({"attempts": ATTEMPTS, "error": type(exc).__name__}))
    ''')
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["attempts"], result


# --------------------------------------------------------------------- nothing trusted from a cache

PACKAGE = REPO / "dalian_reports"
UNSAFE_LOADERS = re.compile(
    r"^\s*(?:import|from)\s+(?:c?pickle|_pickle|marshal|shelve|dill|cloudpickle|joblib)\b"  # the modules
    r"|\b(?:c?pickle|marshal|shelve|dill|cloudpickle|joblib)\.(?:loads?|open|Unpickler)\b"  # their loaders
    r"|\bread_pickle\b|allow_pickle\s*=\s*True|\btorch\.load\b",
    re.MULTILINE)


def test_the_package_never_unpickles():
    """The runtime cache is gone: nothing is read back with pickle or marshal (a pickle in a writable folder
    runs code when loaded, and a flipped bit in one once put 2079.9 beside the quote '2079.4亿元')."""
    offences = [f"{path.relative_to(REPO)}: {m.group(0).strip()}" for path in sorted(PACKAGE.rglob("*.py"))
                for m in UNSAFE_LOADERS.finditer(path.read_text(encoding="utf-8"))]
    assert offences == []


def test_the_pattern_catches_what_it_should():
    for line in ("import pickle", "from pickle import loads", "x = pickle.load(fh)", "marshal.loads(b)",
                 "pd.read_pickle(path)", "np.load(p, allow_pickle=True)", "import joblib", "shelve.open(p)"):
        assert UNSAFE_LOADERS.search(line), line
    for line in ("# no pickles here", "pickled = False", "def unpickle_free(): pass"):
        assert not UNSAFE_LOADERS.search(line), line


def test_no_pickled_or_cached_files_are_shipped():
    suffixes = {".pkl", ".pickle", ".joblib", ".npy", ".npz", ".marshal", ".shelve", ".db"}
    shipped = [p for base in (PACKAGE, REPO / "data") for p in base.rglob("*")
               if p.suffix in suffixes and "__pycache__" not in p.parts]
    assert shipped == []
