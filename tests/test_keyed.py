"""Content-keyed figures and workbook: only what changed is drawn again, and nothing stale is served."""
from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

import pytest

from dalian_reports.pipeline import build as build_module
from dalian_reports.pipeline import keyed

PACKAGE = Path(__file__).resolve().parents[1] / "dalian_reports"
PROCESSED = {Path("/x/a.csv"): b"a\n1\n", Path("/x/b.csv"): b"b\n2\n"}
REAL_FILE_SHA = keyed._file_sha.__wrapped__


def _with_changed_file(monkeypatch, changed: Path):
    """Pretend one file of the package has other bytes."""
    def fake(path, size, mtime_ns):
        return b"changed" if path.resolve() == changed.resolve() else REAL_FILE_SHA(path, size, mtime_ns)

    monkeypatch.setattr(keyed, "_file_sha", fake)


def test_editing_one_figure_module_changes_the_keys_of_its_figures_only(monkeypatch):
    before = keyed.figure_keys(PROCESSED)
    _with_changed_file(monkeypatch, PACKAGE / "plots" / "ladder.py")
    after = keyed.figure_keys(PROCESSED)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"target_ladder"}


def test_editing_shared_plot_code_or_a_table_changes_every_figure_key(monkeypatch):
    before = keyed.figure_keys(PROCESSED)
    assert all(before[n] != k for n, k in keyed.figure_keys({**PROCESSED, Path("/x/b.csv"): b"b\n3\n"}).items())
    _with_changed_file(monkeypatch, PACKAGE / "plots" / "style.py")
    assert all(before[n] != k for n, k in keyed.figure_keys(PROCESSED).items())


def test_the_workbook_key_ignores_the_plots_but_not_the_export_code(monkeypatch):
    before = keyed.workbook_key(PROCESSED)
    _with_changed_file(monkeypatch, PACKAGE / "plots" / "ladder.py")
    assert keyed.workbook_key(PROCESSED) == before
    _with_changed_file(monkeypatch, PACKAGE / "pipeline" / "export.py")
    assert keyed.workbook_key(PROCESSED) != before


def test_a_recorded_file_is_reused_only_when_key_and_bytes_match(tmp_path, monkeypatch):
    monkeypatch.delenv("DALIAN_REPORTS_REBUILD", raising=False)
    files = {tmp_path / "f_en.png": b"png", tmp_path / "f_en.svg": b"<svg/>"}
    for path, data in files.items():
        path.write_bytes(data)
    record = keyed.FIGURES_RECORD
    (tmp_path / record).write_bytes(keyed.record_bytes({"f": keyed.record_entry("k1", files)}))
    assert keyed.reused_files(tmp_path, record, "f", "k1") == files
    assert keyed.reused_files(tmp_path, record, "f", "k2") is None          # inputs changed
    assert keyed.reused_files(tmp_path, record, "g", "k1") is None          # never recorded
    assert keyed.reused_files(tmp_path, keyed.WORKBOOK_RECORD, "f", "k1") is None   # another record
    monkeypatch.setenv("DALIAN_REPORTS_REBUILD", "1")
    assert keyed.reused_files(tmp_path, record, "f", "k1") is None          # forced
    monkeypatch.delenv("DALIAN_REPORTS_REBUILD")
    (tmp_path / "f_en.png").write_bytes(b"edited by hand")
    assert keyed.reused_files(tmp_path, record, "f", "k1") is None          # never served stale
    (tmp_path / "f_en.png").unlink()
    assert keyed.reused_files(tmp_path, record, "f", "k1") is None
    (tmp_path / record).write_text("{not json", encoding="utf-8")
    assert keyed.reused_files(tmp_path, record, "f", "k1") is None          # a damaged record rebuilds


def test_a_record_cannot_point_outside_its_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DALIAN_REPORTS_REBUILD", raising=False)
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"x")
    folder = tmp_path / "figs"
    folder.mkdir()
    record = {"f": {"key": "k", "files": {"../secret.txt": hashlib.sha256(b"x").hexdigest()}}}
    (folder / keyed.FIGURES_RECORD).write_bytes(keyed.record_bytes(record))
    assert keyed.reused_files(folder, keyed.FIGURES_RECORD, "f", "k") is None


@pytest.mark.slow
def test_a_second_build_draws_nothing_and_a_damaged_figure_is_drawn_again(tmp_path, monkeypatch):
    monkeypatch.delenv("DALIAN_REPORTS_REBUILD", raising=False)
    out, figs = tmp_path / "out", tmp_path / "figs"
    build_module.build(out_dir=out, figure_dir=figs, exports_dir=out, quiet=True)
    first = {p.name: p.read_bytes() for p in list(figs.iterdir()) + list(out.iterdir())}
    # the figures and the workbook are made in forked processes: their calls are logged to files
    calls = tmp_path / "calls"
    calls.mkdir()

    def logged(kind: str, value) -> None:
        with open(calls / kind, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(value) + "\n")

    def called(kind: str) -> list:
        path = calls / kind
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    real_outputs, real_workbook = build_module.figure_outputs, build_module.workbook_contents
    monkeypatch.setattr(build_module, "figure_outputs",
                        lambda *a, **k: logged("figures", k.get("names")) or real_outputs(*a, **k))
    monkeypatch.setattr(build_module, "workbook_contents", lambda t: logged("workbook", 1) or real_workbook(t))
    build_module.build(out_dir=out, figure_dir=figs, exports_dir=out, quiet=True)
    assert called("figures") == [] and called("workbook") == []
    assert {p.name: p.read_bytes() for p in list(figs.iterdir()) + list(out.iterdir())} == first
    (figs / "target_ladder_zh.png").write_bytes(b"damaged")
    build_module.build(out_dir=out, figure_dir=figs, exports_dir=out, quiet=True)
    assert called("figures") == [["target_ladder"]] and called("workbook") == []
    assert (figs / "target_ladder_zh.png").read_bytes() == first["target_ladder_zh.png"]
    from dalian_reports.plots import style                           # one figure's title edited in labels.csv
    table = style.label_table()
    table["fyp13_status_title"]["en"] += " (edited)"
    monkeypatch.setattr(style, "_labels", lambda: table)
    build_module.build(out_dir=out, figure_dir=figs, exports_dir=out, quiet=True)
    assert called("figures")[-1] == ["fyp13_status"] and called("workbook") == []
    assert (figs / "fyp13_status_en.svg").read_bytes() != first["fyp13_status_en.svg"]
    assert (figs / "fyp13_status_zh.svg").read_bytes() == first["fyp13_status_zh.svg"]


def test_no_table_is_computed_from_the_plot_functions():
    """Why the tables' fingerprint may leave out dalian_reports/plots, the workbook writer, the keys of figures
    and workbook and the forked process the workbook is written in (see pipeline/tables/reuse.py); export.py
    only re-exports the workbook writer."""
    table_code = list((PACKAGE / "pipeline" / "tables").rglob("*.py")) + [
        PACKAGE / "pipeline" / name for name in ("metadata.py", "export.py")]
    library = [p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py"
               and p.relative_to(PACKAGE).parts[0] not in ("plots", "pipeline")]   # what the tables may import
    offences = []
    for path in set(table_code + library):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                     [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            left_out = {"plots", "keyed", "forked"} | ({"workbook"} if path.name != "export.py" else set())
            if any(left_out & set(name.split(".")) for name in names):
                offences.append(f"{path.relative_to(PACKAGE)} imports {names}")
    assert not offences, offences
    from dalian_reports.pipeline.tables.reuse import NOT_TABLE_INPUTS
    assert set(NOT_TABLE_INPUTS) == {"dalian_reports/plots", "dalian_reports/pipeline/workbook.py",
                                     "dalian_reports/pipeline/keyed.py", "dalian_reports/pipeline/forked.py"}


def test_stream_chunks_of_a_cell_are_merged_so_flushing_does_not_change_the_notebook():
    import nbformat

    cell = nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="cleaned:"),
                    nbformat.v4.new_output("stream", name="stdout", text=" about 3%\n"),
                    nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
                    nbformat.v4.new_output("stream", name="stdout", text="after\n")]
    nb = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    build_module.coalesce_streams(nb)
    assert [(o.name, o.text) for o in nb.cells[0].outputs] == [
        ("stdout", "cleaned: about 3%\n"), ("stderr", "warning\n"), ("stdout", "after\n")]
    assert "outputs" not in nb.cells[1]
