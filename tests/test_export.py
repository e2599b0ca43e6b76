"""Atomic writes, deterministic CSV and the Excel workbook."""
from __future__ import annotations

import datetime as dt
import io
import math
import os
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dalian_reports import _atomic
from dalian_reports.pipeline import export
from dalian_reports.pipeline.export import (
    atomic_directory_update,
    atomic_output,
    atomic_write_bytes,
    atomic_write_text,
    csv_bytes,
    read_csv,
    read_workbook,
    workbook_bytes,
    write_csv,
    write_workbook,
)

INJECTIONS = ["=1+1", "-12-", "+86 411", "@SUM(A1)", '=HYPERLINK("http://x")', "\t=1", "\r=2", "#N/A"]


def _listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def _mixed_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": ["地区生产总值增长", "=1+1", "一般公共预算收入", None, "金州区 GDP", "@SUM(A1)"],
        "value": [6.5, np.nan, 0.1 + 0.2, -0.0, 1e-20, 123456.789],
        "year": pd.array([2024, None, 2023, 2022, 2021, 2020], dtype="Int64"),
        "count": np.arange(6, dtype="int64"),
        "flag": [True, False, True, True, False, False],
        "date": pd.to_datetime(["2024-01-20", None, "2023-01-15", "2022-01-10", "2021-01-05", "2020-01-01"]),
        "note": ["左右", "+86 411", "a\r\nb", " leading", "\ttab", ""],
    })


# --- atomic writes --------------------------------------------------------------------

def test_atomic_write_bytes_and_text(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    assert atomic_write_bytes(target, b"one") == target
    assert target.read_bytes() == b"one"
    atomic_write_text(target, "二\nline\r\n")
    assert target.read_bytes() == "二\nline\r\n".encode("utf-8")
    assert _listing(target.parent) == ["out.txt"]


def test_atomic_write_gives_normal_permissions_and_keeps_existing_ones(tmp_path):
    fresh = tmp_path / "fresh.txt"
    atomic_write_bytes(fresh, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.txt"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    atomic_write_bytes(kept, b"new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_atomic_write_refuses_text_as_bytes(tmp_path):
    with pytest.raises(TypeError):
        atomic_write_bytes(tmp_path / "x", "text")  # type: ignore[arg-type]
    assert _listing(tmp_path) == []


def test_atomic_output_replaces_only_on_success(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"previous")
    with atomic_output(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".xlsx" and tmp.name.startswith(".tmp-")
        assert target.read_bytes() == b"previous"  # not yet
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert _listing(tmp_path) == ["book.xlsx"]


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_atomic_output_failure_leaves_previous_file_and_no_temp(tmp_path, error):
    target = tmp_path / "out.csv"
    target.write_bytes(b"previous")
    with pytest.raises(error), atomic_output(target) as tmp:
        tmp.write_bytes(b"half writ")
        raise error()
    assert target.read_bytes() == b"previous"
    assert _listing(tmp_path) == ["out.csv"]


def test_atomic_write_failing_replace_leaves_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")

    def broken(src, dst):
        raise OSError("disk went away")

    monkeypatch.setattr(export.os, "replace", broken)
    with pytest.raises(OSError, match="disk went away"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"previous"
    assert _listing(tmp_path) == ["out.bin"]


def _previous_outputs(tmp_path: Path) -> dict[Path, bytes]:
    old = {tmp_path / "a.csv": b"a-old", tmp_path / "b.csv": b"b-old", tmp_path / "c.xlsx": b"c-old"}
    for path, data in old.items():
        path.write_bytes(data)
    return old


def test_directory_update_writes_all(tmp_path):
    _previous_outputs(tmp_path)
    new = {tmp_path / "a.csv": b"a-new", tmp_path / "b.csv": "b-新", tmp_path / "d" / "e.txt": b"e"}
    assert atomic_directory_update(new) == list(new)
    assert (tmp_path / "a.csv").read_bytes() == b"a-new"
    assert (tmp_path / "b.csv").read_bytes() == "b-新".encode()
    assert (tmp_path / "d" / "e.txt").read_bytes() == b"e"
    assert _listing(tmp_path) == ["a.csv", "b.csv", "c.xlsx", "d"]


def test_directory_update_replace_failing_on_the_second_file_restores_the_first(tmp_path, monkeypatch):
    old = _previous_outputs(tmp_path)
    real_replace, calls = os.replace, []

    def replace(src, dst):
        calls.append(Path(dst).name)
        if Path(dst).name == "b.csv" and calls.count("b.csv") == 1:
            raise OSError("interrupted on the second file")
        return real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", replace)
    with pytest.raises(OSError, match="second file"):
        atomic_directory_update({tmp_path / "a.csv": b"a-new", tmp_path / "b.csv": b"b-new",
                                 tmp_path / "c.xlsx": b"c-new", tmp_path / "new.txt": b"n"})
    assert calls[:2] == ["a.csv", "b.csv"]  # a.csv really had been replaced
    assert {p: p.read_bytes() for p in old} == old
    assert _listing(tmp_path) == ["a.csv", "b.csv", "c.xlsx"]  # no temp, backup or new file


def test_directory_update_rolls_back_a_file_that_did_not_exist(tmp_path, monkeypatch):
    old = _previous_outputs(tmp_path)
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst).name == "a.csv" and ".tmp-" in Path(src).name and not str(src).endswith(".bak"):
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        atomic_directory_update({tmp_path / "brand_new.txt": b"n", tmp_path / "a.csv": b"a-new"})
    assert {p: p.read_bytes() for p in old} == old
    assert _listing(tmp_path) == ["a.csv", "b.csv", "c.xlsx"]


def test_directory_update_exception_while_writing_replaces_nothing(tmp_path, monkeypatch):
    old = _previous_outputs(tmp_path)
    real_write, written = _atomic._write_temp, []

    def write(target, data):
        if written:
            raise OSError("no space left on device")
        written.append(target)
        return real_write(target, data)

    monkeypatch.setattr(_atomic, "_write_temp", write)
    with pytest.raises(OSError, match="no space"):
        atomic_directory_update({p: b"new" for p in old})
    assert {p: p.read_bytes() for p in old} == old
    assert _listing(tmp_path) == ["a.csv", "b.csv", "c.xlsx"]


def test_directory_update_refuses_the_same_path_twice(tmp_path):
    with pytest.raises(ValueError, match="twice"):
        atomic_directory_update({tmp_path / "a": b"1", tmp_path / "x" / ".." / "a": b"2"})


def _run_killed(tmp_path: Path, kill_in: str) -> None:
    """Run an update in a child that dies (os._exit) at the given point."""
    code = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        from dalian_reports import _atomic
        from dalian_reports.pipeline import export
        d = Path(sys.argv[1])
        real_replace, real_write, state = os.replace, _atomic._write_temp, {{"n": 0}}
        def replace(src, dst):
            if {kill_in!r} == "replace" and Path(dst).name == "b.csv":
                os._exit(9)
            return real_replace(src, dst)
        def write(target, data):
            state["n"] += 1
            if {kill_in!r} == "write" and state["n"] == 2:
                os._exit(9)
            return real_write(target, data)
        _atomic.os.replace, _atomic._write_temp = replace, write
        export.atomic_directory_update({{d / "a.csv": b"a-new", d / "b.csv": b"b-new"}})
    """)
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)])
    assert result.returncode == 9


def test_hard_kill_while_writing_leaves_previous_outputs(tmp_path):
    old = {p: b for p, b in _previous_outputs(tmp_path).items() if p.suffix == ".csv"}
    _run_killed(tmp_path, "write")
    assert {p: p.read_bytes() for p in old} == old
    # the temp file of the first output is left behind (ignored by .gitignore)
    assert [n for n in _listing(tmp_path) if n.startswith(".tmp-")]


def test_hard_kill_inside_the_replace_loop_is_the_documented_window(tmp_path):
    _previous_outputs(tmp_path)
    _run_killed(tmp_path, "replace")
    # a.csv is new, b.csv old: the window the module docstring describes;
    # the backup of a.csv's previous version is left for recovery.
    assert (tmp_path / "a.csv").read_bytes() == b"a-new"
    assert (tmp_path / "b.csv").read_bytes() == b"b-old"
    backups = [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-a.csv") and p.name.endswith(".bak")]
    assert [p.read_bytes() for p in backups] == [b"a-old"]


# --- CSV --------------------------------------------------------------------------------

def test_csv_is_deterministic_utf8_with_lf_and_empty_na(tmp_path):
    df = _mixed_frame()
    path = write_csv(df, tmp_path / "t.csv")
    data = path.read_bytes()
    write_csv(df, path)
    assert path.read_bytes() == data == csv_bytes(df)
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert "\r\n" not in text.replace('"a\r\nb"', "")
    lines = text.split("\n")
    assert lines[0] == "indicator,value,year,count,flag,date,note"
    assert lines[2].startswith("=1+1,,,1,False,,")  # NaN, <NA> and NaT are empty fields
    assert "0.30000000000000004" in text and "-0.0" in text and "1e-20" in text
    assert _listing(tmp_path) == ["t.csv"]


def test_csv_bom_on_request():
    assert csv_bytes(pd.DataFrame({"a": ["金"]}), encoding="utf-8-sig").startswith(b"\xef\xbb\xbf")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=False), st.none()), min_size=1, max_size=20))
def test_csv_floats_round_trip_exactly(values):
    df = pd.DataFrame({"x": pd.array(values, dtype="float64")})
    data = csv_bytes(df)
    back = read_csv(io.BytesIO(data), dtype={"x": "float64"})
    for a, b in zip(df.x, back.x):
        assert (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    # a lone empty field is written as "" so the row is not a blank line
    fields = data.decode().split("\n")[1:-1]
    assert [float(f) if f != '""' else None for f in fields] == values


def test_read_csv_keeps_na_words_as_text(tmp_path):
    df = pd.DataFrame({"word": ["NA", "None", "null", "N/A", "nan", None, "金州区"], "n": range(7)})
    back = read_csv(write_csv(df, tmp_path / "w.csv"))
    assert back.word.tolist() == ["NA", "None", "null", "N/A", "nan", np.nan, "金州区"]
    assert read_csv(io.BytesIO(csv_bytes(df, encoding="utf-8-sig"))).columns.tolist() == ["word", "n"]


# --- workbook: formulas -----------------------------------------------------------------

def test_formula_like_text_stays_text(tmp_path):
    df = pd.DataFrame({"text": INJECTIONS, "=header": INJECTIONS})
    path = write_workbook(tmp_path / "w.xlsx", {"data": df}, sheet_notes={"data": "=cmd|' /C calc'!A0"},
                          column_docs={"data": {"text": "@evil"}})
    wb = load_workbook(path)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    ws = wb["data"]
    assert [c.value for c in ws["A"]][1:] == INJECTIONS
    assert all(c.data_type == "s" for c in ws["A"][1:])
    assert ws["B1"].value == "=header" and ws["B1"].data_type == "s"
    assert all(c.quotePrefix for c in ws["A"][1:len(INJECTIONS)])  # not "#N/A"
    # the raw XML has no <f> element at all
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)
    back = read_workbook(path)["data"]
    assert back["text"].tolist() == INJECTIONS and back["=header"].tolist() == INJECTIONS


# --- workbook: round trip ---------------------------------------------------------------

def test_mixed_frame_round_trips(tmp_path):
    df = _mixed_frame()
    path = write_workbook(tmp_path / "w.xlsx", {"指标": df, "second": df.iloc[:2]},
                          units={"指标": {"value": "%"}})
    back = read_workbook(path)
    assert list(back) == ["指标", "second"]
    pd.testing.assert_frame_equal(back["指标"], df)
    pd.testing.assert_frame_equal(back["second"], df.iloc[:2])
    # exact floats, including the sign of zero and 0.1 + 0.2
    assert repr(float(back["指标"].value[2])) == "0.30000000000000004"
    assert math.copysign(1, back["指标"].value[3]) == -1
    assert back["指标"].note.tolist() == df.note.tolist()  # CR, tab and leading spaces survive


def test_nullable_boolean_and_object_dates_round_trip(tmp_path):
    df = pd.DataFrame({"b": pd.array([True, None, False], dtype="boolean"),
                       "d": [dt.date(2024, 1, 1), None, dt.date(2021, 3, 4)],
                       "t": pd.to_datetime(["2024-01-01 12:30:05", "2020-02-29 00:00:01", None]),
                       "s": pd.array(["甲", None, "=x"], dtype="string")})
    back = read_workbook(write_workbook(tmp_path / "w.xlsx", {"t": df}))["t"]
    pd.testing.assert_frame_equal(back, df)


def test_empty_table_still_gets_a_header(tmp_path):
    df = pd.DataFrame({"a": pd.Series([], dtype="float64"), "b": pd.Series([], dtype=object)})
    path = write_workbook(tmp_path / "w.xlsx", {"empty": df})
    ws = load_workbook(path)["empty"]
    assert [c.value for c in ws[1]] == ["a", "b"] and ws.auto_filter.ref == "A1:B1"
    pd.testing.assert_frame_equal(read_workbook(path)["empty"], df, check_index_type=False)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.floats(allow_nan=False, allow_infinity=False),
                          st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)),
                min_size=1, max_size=8))
def test_random_floats_and_text_round_trip(tmp_path_factory, rows):
    df = pd.DataFrame(rows, columns=["x", "s"])
    path = tmp_path_factory.mktemp("wb") / "w.xlsx"
    back = read_workbook(write_workbook(path, {"r": df}))["r"]
    assert [repr(v) for v in back.x] == [repr(v) for v in df.x]
    assert back.s.tolist() == df.s.tolist()


# --- workbook: layout -------------------------------------------------------------------

def test_sheets_are_formatted_tables(tmp_path):
    df = _mixed_frame()
    path = write_workbook(tmp_path / "w.xlsx", {"data": df}, units={"data": {"value": "%", "year": "年"}})
    wb = load_workbook(path)
    assert wb.sheetnames == ["about", "data"]
    ws = wb["data"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:G{len(df) + 1}"
    headers = [c.value for c in ws[1]]
    assert headers == ["indicator", "value (%)", "year (年)", "count", "flag", "date", "note"]
    for cell in ws[1]:
        assert cell.font.b and cell.fill.fill_type == "solid"
    formats = {ws.cell(1, j).value: ws.cell(2, j).number_format for j in range(1, 8)}
    assert formats["year (年)"] == "0" and formats["count"] == "0" and formats["date"] == "yyyy-mm-dd"
    assert formats["value (%)"] == "General"  # 1e-20 would show as 0.000000 otherwise
    assert isinstance(ws["F2"].value, dt.datetime) and ws["F2"].is_date
    assert ws["E2"].data_type == "b"
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    # "地区生产总值增长" is 8 CJK characters = 16 columns wide, plus 2 of padding; the file stores
    # Excel's width with its own cell padding (5 pixels of 7 per character: 18 -> 18.71)
    assert math.floor(widths["A"]) == 18
    assert all(6 <= math.floor(w) <= 60 for w in widths.values())


def test_float_columns_get_as_many_decimals_as_needed(tmp_path):
    df = pd.DataFrame({"one": [6.5, 7.0], "two": [0.25, 1.0], "whole": [7.0, 8.0]})
    ws = load_workbook(write_workbook(tmp_path / "w.xlsx", {"d": df}))["d"]
    assert [ws.cell(2, j).number_format for j in (1, 2, 3)] == ["0.0", "0.00", "0.0"]


def test_long_text_width_is_capped(tmp_path):
    df = pd.DataFrame({"text": ["大连" * 100]})
    ws = load_workbook(write_workbook(tmp_path / "w.xlsx", {"d": df}))["d"]
    assert math.floor(ws.column_dimensions["A"].width) == 60   # Excel's stored width: 60 + cell padding


def test_about_sheet_lists_sheets_sources_and_columns(tmp_path):
    about = pd.DataFrame({"source_id": ["001", "002"],
                          "title": ["大连市2024年政府工作报告", "金州区2021年政府工作报告"]})
    path = write_workbook(tmp_path / "w.xlsx", {"targets": _mixed_frame()},
                          sheet_notes={"targets": "增长目标 growth targets"}, about=about,
                          column_docs={"targets": {"value": "target value"}}, units={"targets": {"value": "%"}})
    values = [row for row in load_workbook(path)["about"].iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "增长目标 growth targets" in flat and "大连市2024年政府工作报告" in flat and "001" in flat
    assert ("targets", "value", "value (%)", "%", "number 数值", "float64", "target value") in [
        tuple(row[:7]) for row in values]
    assert ("targets", "year", "year", None, "integer 整数", "Int64", None) in [tuple(row[:7]) for row in values]


# --- workbook: determinism --------------------------------------------------------------

def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_workbook_is_deterministic(tmp_path):
    kw = dict(sheet_notes={"t": "note"}, about=pd.DataFrame({"source_id": ["001"]}),
              column_docs={"t": {"value": "v"}}, units={"t": {"value": "%"}})
    a = write_workbook(tmp_path / "a.xlsx", {"t": _mixed_frame()}, **kw)
    b = write_workbook(tmp_path / "b.xlsx", {"t": _mixed_frame()}, **kw)
    assert _members(a) == _members(b)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    wb = load_workbook(a)
    assert wb.properties.creator == "dalian-reports"
    assert wb.properties.created == wb.properties.modified == dt.datetime(2000, 1, 1)
    stamp = dt.datetime(2024, 3, 5, 8, 0)
    c = workbook_bytes({"t": _mixed_frame()}, timestamp=stamp, **kw)
    assert load_workbook(io.BytesIO(c)).properties.modified == stamp


def _restored(data: bytes, **form) -> bytes:
    """*data*'s zip stored anew with every member's fields set to *form* (as another platform would store it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=form.get("date_time", info.date_time))
            member.compress_type = form.get("compress_type", zipfile.ZIP_DEFLATED)
            member.create_system = form.get("create_system", info.create_system)
            member.external_attr = form.get("external_attr", info.external_attr)
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


@pytest.mark.parametrize("form", [{"create_system": 0}, {"external_attr": 0o644 << 16},
                                  {"date_time": (1980, 1, 31, 0, 0, 0)}, {"compress_type": zipfile.ZIP_STORED}])
def test_a_workbook_zip_made_otherwise_is_rebuilt_to_the_same_bytes(form):
    """XlsxWriter's zip is kept when its members are already in the fixed form; one made on Windows, with
    other file modes, dates or compression is rebuilt, and comes out byte for byte the same."""
    from dalian_reports.pipeline.workbook import _deterministic_zip

    sheets = {"t": _mixed_frame().drop(columns=["note"])}   # no carriage return: the kept zip is XlsxWriter's own
    data = workbook_bytes(sheets)
    other = _restored(data, **form)
    assert other != data
    assert _deterministic_zip(other) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {(i.create_system, i.external_attr, i.date_time) for i in z.infolist()} == {
            (3, 0o600 << 16, (1980, 1, 1, 0, 0, 0))}


def test_workbook_deterministic_across_processes(tmp_path):
    code = ("import sys, pandas as pd; from dalian_reports.pipeline.export import write_workbook; "
            "write_workbook(sys.argv[1], {'t': pd.DataFrame({'a': [1.5, 2.0], 'b': ['金', '=1']})})")
    for name in ("a.xlsx", "b.xlsx"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


# --- workbook: refusals -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["", "a" * 32, "a/b", "x[1]", "about", "About", "'q'", "History"])
def test_bad_sheet_names_are_refused(tmp_path, name):
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "w.xlsx", {name: pd.DataFrame({"a": [1]})})
    assert _listing(tmp_path) == []


@pytest.mark.parametrize("df, match", [
    (pd.DataFrame({"a": [math.inf]}), "cannot store"),
    (pd.DataFrame({"a": ["x" * 32768]}), "32767"),
    (pd.DataFrame({"a": ["\U00020000" * 16384]}), "32767"),   # 16,384 characters, 32,768 UTF-16 units
    (pd.DataFrame({"a": ["bell\x07"]}), "control character"),
    (pd.DataFrame({"a": [2 ** 60]}), "too large"),
    (pd.DataFrame({"a": [1, 2 ** 53 + 1]}), r"A3 .*too large"),   # a double would round it to 2**53
    (pd.DataFrame({"a": pd.to_datetime(["2024-01-01"]).tz_localize("UTC")}), "timezone"),
    (pd.DataFrame([[1, 2]], columns=["a", "a"]), "duplicate"),
])
def test_values_excel_cannot_hold_are_refused(tmp_path, df, match):
    with pytest.raises(ValueError, match=match):
        write_workbook(tmp_path / "w.xlsx", {"d": df})


def test_unknown_sheets_or_columns_in_options_are_refused(tmp_path):
    df = pd.DataFrame({"a": [1]})
    with pytest.raises(ValueError, match="unknown sheets"):
        write_workbook(tmp_path / "w.xlsx", {"d": df}, sheet_notes={"x": "n"})
    with pytest.raises(ValueError, match="unknown columns"):
        write_workbook(tmp_path / "w.xlsx", {"d": df}, units={"d": {"b": "%"}})
    with pytest.raises(ValueError, match="unknown columns"):
        write_workbook(tmp_path / "w.xlsx", {"d": df}, column_docs={"d": {"b": "x"}})


def test_failed_workbook_write_leaves_previous_file(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"d": pd.DataFrame({"a": [1]})})
    before = path.read_bytes()
    with pytest.raises(ValueError):
        write_workbook(path, {"d": pd.DataFrame({"a": [math.inf]})})
    assert path.read_bytes() == before and _listing(tmp_path) == ["w.xlsx"]


# --- import weight ----------------------------------------------------------------------

def test_importing_export_is_light():
    code = ("import sys, dalian_reports.pipeline.export; "
            "print([m for m in ('pandas', 'numpy', 'openpyxl', 'matplotlib') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_escape_like_text_and_carriage_returns_round_trip(tmp_path):
    """The writer escapes CR as _x000D_ and literal _xHHHH_ text as _x005F_xHHHH_; both must read back as written.
    (Text that itself holds the escape of an escape, "_x005F_x000D_", does not: openpyxl drops every "x005F_".)"""
    texts = ["_x000D_", "a\rb", "\r", "_x0041_ and \r\n", "x_x000D_\r", "_x005F"]
    path = write_workbook(tmp_path / "w.xlsx", {"t": pd.DataFrame({"s": texts})})
    assert read_workbook(path)["t"]["s"].tolist() == texts
    assert [c.value for c in load_workbook(path)["t"]["A"]][1:] == texts


def test_empty_text_and_missing_values_stay_apart(tmp_path):
    import dalian_reports as dr

    manifest = dr.manifest()  # has both "" and None in text columns
    df = pd.DataFrame({"s": ["x", "", None, " "], "t": [None, "", "", "y"]})
    back = read_workbook(write_workbook(tmp_path / "w.xlsx", {"m": manifest, "d": df}))
    pd.testing.assert_frame_equal(back["d"], df)
    pd.testing.assert_frame_equal(back["m"], manifest)
