"""Helpers for the exercises (imported by the teacher and student notebooks and by their checks).

A check raises ``AssertionError`` with a message that says what is wrong and where, never the right answer.
It tests the student's reasoning, not the library's: it runs the student's function on the real table and on
a perturbed copy (:func:`altered`, :func:`shuffled`), comparing with the answer recomputed from that copy,
inside :class:`forbid`, which fails when the function reaches the library answer under any name.

>>> check_close(0.1 + 0.2, 0.3, "total")
>>> check_answered(..., "gap")
Traceback (most recent call last):
...
AssertionError: `gap` is not answered yet: replace the `...` with your answer and run its cell
"""
from __future__ import annotations

import importlib
import json
import math
import os
import sys
from pathlib import Path

__all__ = ["check_answered", "check_callable", "check_frame", "check_close", "forbid", "shuffled", "altered",
           "overwritten_tokens", "gdp_growth_figures", "find_notebook"]


# ------------------------------------------------------------------ answers, frames, numbers

def check_answered(value, name: str) -> None:
    """Fail while *value* is still the ``...`` placeholder (or None).

    Parameters
    ----------
    value : object
        The student's answer.
    name : str
        Its name in the notebook.
    """
    if value is Ellipsis or value is None:
        raise AssertionError(f"`{name}` is not answered yet: replace the `...` with your answer and run its cell")


def check_callable(func, name: str) -> None:
    """Fail unless *func* is answered and is a function.

    Parameters
    ----------
    func : object
    name : str
        Its name in the notebook.

    Examples
    --------
    >>> check_callable(3, "f")
    Traceback (most recent call last):
    ...
    AssertionError: `f` should be a function (def f(...): ...), not int
    """
    check_answered(func, name)
    if not callable(func):
        raise AssertionError(f"`{name}` should be a function (def {name}(...): ...), not {type(func).__name__}")


def check_frame(got, expected, name: str, key: str | list[str] | None = None, where: str = "") -> None:
    """Fail unless DataFrame *got* has *expected*'s columns and rows (numbers to 1e-9).

    Rows are matched on *key* (or compared in order when *key* is None); extra columns in *got* are
    allowed; missing values (NaN, NA, None) are equal. The message names the row and column that differ and
    shows the student's value, not the expected one.

    Parameters
    ----------
    got, expected : pandas.DataFrame
        The student's table and the right one.
    name : str
        The table's name in the notebook (or e.g. "targets_of(copy)").
    key : str or list of str, optional
        Columns that identify a row.
    where : str, optional
        Prefix of every message, e.g. "On a shuffled copy of the table: ".

    Examples
    --------
    >>> import pandas as pd
    >>> right = pd.DataFrame({"year": [2012, 2013], "gap": [-2.0, 0.0]})
    >>> check_frame(right.iloc[::-1], right, "gaps", key="year")
    >>> check_frame(right.assign(gap=[-2.0, 1.0]), right, "gaps", key="year")
    Traceback (most recent call last):
    ...
    AssertionError: `gaps`, row with year=2013, column `gap`: your value 1.0 is not right
    """
    import pandas as pd

    check_answered(got, name)
    if not isinstance(got, pd.DataFrame):
        raise AssertionError(f"{where}`{name}` should be a pandas DataFrame, not {type(got).__name__}")
    missing = [c for c in expected.columns if c not in got.columns]
    if missing:
        raise AssertionError(f"{where}`{name}` is missing the column(s) {missing}; it has {list(got.columns)}")
    got, keys = got[list(expected.columns)], [key] if isinstance(key, str) else list(key or [])
    if keys:
        mine, right = _key_set(got, keys), _key_set(expected, keys)
        extra = [i for i, k in enumerate(mine) if k not in right]
        if extra:
            row = {k: got[k].iloc[extra[0]] for k in keys}
            raise AssertionError(f"{where}`{name}` has {len(extra)} row(s) that should not be there, e.g. the row "
                                 f"with {_key_text(row, keys)}")
        if len(got) != len(expected):
            lacking = len([k for k in right if k not in mine])
            raise AssertionError(f"{where}`{name}` " + (f"lacks {lacking} row(s)" if lacking else
                                 f"has {len(got)} rows for {len(expected)} {'/'.join(keys)} keys: a key repeats"))
        got, expected = got.sort_values(keys, kind="stable"), expected.sort_values(keys, kind="stable")
    elif len(got) != len(expected):
        raise AssertionError(f"{where}`{name}` has {len(got)} rows; it should have "
                             f"{'fewer' if len(got) > len(expected) else 'more'}")
    got, expected = got.reset_index(drop=True), expected.reset_index(drop=True)
    for column in expected.columns:
        for row, (g, e) in enumerate(zip(got[column], expected[column])):
            if not _same(g, e):
                at = {k: expected[k].iloc[row] for k in keys}
                label = f"row with {_key_text(at, keys)}" if keys else f"row {row}"
                raise AssertionError(f"{where}`{name}`, {label}, column `{column}`: your value {_show(g)} is not right")


def check_close(got, expected, name: str, tol: float = 1e-9, where: str = "") -> None:
    """Fail unless the number *got* equals *expected* within *tol*; the message does not show *expected*.

    Parameters
    ----------
    got, expected : float
        The student's number and the right one.
    name, where : str
        Its name in the notebook; a prefix of the message.
    tol : float, default 1e-9
        Relative and absolute tolerance.

    Examples
    --------
    >>> check_close(0.5, 0.4, "hit_rate")
    Traceback (most recent call last):
    ...
    AssertionError: `hit_rate`: your value 0.5 is not right
    """
    check_answered(got, name)
    try:
        value = float(got)
    except (TypeError, ValueError):
        raise AssertionError(f"{where}`{name}` should be a number, not {type(got).__name__}") from None
    if not math.isclose(value, float(expected), rel_tol=tol, abs_tol=tol):
        raise AssertionError(f"{where}`{name}`: your value {value!r} is not right")


def _missing(value) -> bool:
    return value is None or type(value).__name__ == "NAType" or (isinstance(value, float) and math.isnan(value))


def _kind(value) -> str:
    if isinstance(value, str) or type(value).__name__ in ("bool", "bool_"):
        return type(value).__name__.rstrip("_")
    try:
        float(value)
    except (TypeError, ValueError):
        return "other"
    return "number"


def _same(a, b) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if _kind(a) != _kind(b):
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9) if _kind(a) == "number" else bool(a == b)


def _key_set(frame, keys: list[str]) -> list[tuple]:
    """Each row's key as a comparable tuple (numbers as float, missing as None)."""
    return [tuple(None if _missing(v) else float(v) if _kind(v) == "number" else str(v) for v in row)
            for row in frame[keys].itertuples(index=False)]


def _key_text(row, keys: list[str]) -> str:
    return ", ".join(f"{k}={_show(row[k])}" for k in keys)


def _show(value) -> str:
    return "missing" if _missing(value) else repr(value.item() if hasattr(value, "item") else value)


# ------------------------------------------------------------------ not the library's answer

class forbid:
    """Context manager: fail when the code run inside it reaches a library answer, under any name.

    It watches every Python call (``sys.setprofile``) while the block runs and fails afterwards if one of
    *answers* was called — whatever name it was imported as, and also a copy of its code. Another exception
    raised inside the block becomes an ``AssertionError`` that names the student's function.

    Parameters
    ----------
    name : str
        The student's function, for the message.
    *answers : str
        What it must not use: ``"dr.hit_or_miss"`` (a public function of ``dalian_reports``), ``"table NAME"``
        (any read of the shipped table NAME: its loader or ``dr.load_table("NAME")``) or a dotted path such
        as ``"dalian_reports.sources.years.judge"``.
    advice : str, optional
        What to do instead (the end of the message).

    Examples
    --------
    >>> import dalian_reports as dr
    >>> rule = dr.hit_or_miss                     # the same function under another name
    >>> def judge(t, h, q, o):
    ...     return rule(t, h, q, o)
    >>> with forbid("judge", "dr.hit_or_miss"):
    ...     _ = judge(6.0, None, "about", 5.6)
    Traceback (most recent call last):
    ...
    AssertionError: `judge` calls dr.hit_or_miss, the library's own answer to this question. Write it yourself.
    """

    def __init__(self, name: str, *answers: str, advice: str = "Write it yourself."):
        self.name, self.answers, self.advice = name, answers, advice
        self.used: list[str] = []

    def __enter__(self):
        from ._load import load_table

        codes, tables = {}, {a.split(" ", 1)[1] for a in self.answers if a.startswith("table ")}
        for answer in (a for a in self.answers if not a.startswith("table ")):
            module, _, attr = ("dalian_reports.x" if answer.startswith("dr.") else answer).rpartition(".")
            obj = getattr(importlib.import_module(module), answer[3:] if answer.startswith("dr.") else attr)
            code = getattr(obj, "__wrapped__", obj).__code__
            codes[code] = codes[(code.co_code, code.co_names, code.co_varnames)] = answer

        def watch(frame, event, arg):
            if event != "call":
                return
            code = frame.f_code
            found = codes.get(code) or codes.get((code.co_code, code.co_names, code.co_varnames))
            if found is None and code is load_table.__code__ and frame.f_locals.get("name") in tables:
                found = f"the library's table `{frame.f_locals['name']}`"
            if found is not None and found not in self.used:
                self.used.append(found)

        self._previous = sys.getprofile()
        sys.setprofile(watch)
        return self

    def __exit__(self, exc_type, exc, tb):
        sys.setprofile(self._previous)
        if self.used:
            what = " and ".join(self.used)
            verb = "reads" if what.startswith("the library's table") else "calls"
            raise AssertionError(f"`{self.name}` {verb} {what}, the library's own answer to this question. "
                                 f"{self.advice}") from exc
        if exc_type is not None and issubclass(exc_type, Exception) and not issubclass(exc_type, AssertionError):
            raise AssertionError(f"`{self.name}` raised {exc_type.__name__}: {exc}") from exc
        return False


def shuffled(frame, seed: int = 0):
    """*frame* with its rows in a seeded random order and a fresh 0..n-1 index.

    Parameters
    ----------
    frame : pandas.DataFrame
    seed : int, default 0

    Examples
    --------
    >>> import pandas as pd
    >>> shuffled(pd.DataFrame({"a": range(5)}), seed=1).a.tolist()
    [2, 1, 4, 0, 3]
    """
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def altered(frame, drop: str | None = None, add=(), seed: int = 0):
    """A perturbed copy of *frame*: the rows matching *drop* removed, synthetic rows added, all shuffled.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to copy.
    drop : str, optional
        A :meth:`pandas.DataFrame.query` expression: the rows to hold out.
    add : iterable of dict
        Synthetic rows. Each dict names a template row with the key ``"like"`` (a query expression; the
        first matching row is copied) and gives the columns to change.
    seed : int, default 0
        Seed of the shuffle.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": [2012, 2013], "value": [13.0, 11.0]})
    >>> altered(f, drop="year == 2013", add=[{"like": "year == 2012", "year": 2031, "value": 4.5}]
    ...         ).sort_values("year").values.tolist()
    [[2012.0, 13.0], [2031.0, 4.5]]
    """
    import pandas as pd

    frame = frame.copy()
    for column, value in ((c, v) for change in add for c, v in change.items() if c != "like"):
        if isinstance(frame[column].dtype, pd.CategoricalDtype) and value not in frame[column].cat.categories:
            frame[column] = frame[column].cat.add_categories([value])
    rows = []
    for change in map(dict, add):
        template = frame.query(change.pop("like")) if "like" in change else frame
        if template.empty:
            raise ValueError(f"no template row for the synthetic row {change}")
        row = template.iloc[[0]].copy()
        for column, value in change.items():
            row[column] = pd.Series([value], index=row.index).astype(row[column].dtype)
        rows.append(row)
    kept = frame if drop is None else frame[~frame.eval(drop).fillna(False).astype(bool)]
    return shuffled(pd.concat([kept, *rows], ignore_index=True), seed=seed)


# ------------------------------------------------------------------ data for the exercises

def overwritten_tokens(source_id: str = "000"):
    """Every overwritten year token of a source, with what a reader knows about it — not what it was.

    Built from the raw text and :func:`dalian_reports.reports` only: the restored years
    (:func:`dalian_reports.year_restorations`) are exercise 2's answer key and are not read.

    Parameters
    ----------
    source_id : str, default "000"
        A source whose year tokens were overwritten (``overwritten_year_token`` in the manifest).

    Returns
    -------
    pandas.DataFrame
        One row per token in a report: ``line``, ``occurrence``, ``column`` (0-based), ``report_id``,
        ``report_year`` (true delivery year), ``section`` (``front`` before the first numbered heading;
        ``review`` / ``review_5y`` under a heading with 回顾 / 五年…回顾; else ``ahead``), ``line_text``,
        ``before``, ``after`` (12 characters).

    Examples
    --------
    >>> t = overwritten_tokens()
    >>> t.loc[t.line == 5, ["report_year", "section", "after"]].values.tolist()
    [[2014, 'review', '年政府工作回顾']]
    """
    import re

    import pandas as pd

    from .loaders import reports
    from .sources.raw import manifest_rows, read_source

    text = read_source(source_id)
    token = next(r["overwritten_year_token"] for r in manifest_rows() if r["source_id"] == source_id)
    rows = []
    for report in reports().query("source_id == @source_id").itertuples():
        heading = None
        for number in range(report.line_start, report.line_end + 1):
            line = text.lines[number - 1]
            found = re.match(r"^\s*[一二三四五六]、(.*)$", line)
            heading = found.group(1) if found else heading
            section = ("front" if heading is None else "ahead" if "回顾" not in heading else
                       "review_5y" if "五年" in heading and "十二五" not in heading else "review")
            for occurrence, match in enumerate(re.finditer(re.escape(token), line), start=1):
                col, end = match.start(), match.end()
                rows.append({"line": number, "occurrence": occurrence, "column": col, "report_id": report.report_id,
                             "report_year": int(report.report_year), "section": section, "line_text": line,
                             "before": line[max(0, col - 12):col], "after": line[end:end + 12]})
    return pd.DataFrame(rows)


FIGURE_COLUMNS = ["jurisdiction", "level", "year", "value", "value_high", "qualifier", "source_file", "line", "quote"]


def gdp_growth_figures(panel, kind: str):
    """One GDP growth figure per jurisdiction and year from :func:`dalian_reports.targets_panel` rows.

    Parameters
    ----------
    panel : pandas.DataFrame
        Rows of ``targets_panel`` (or a copy of it).
    kind : {"target", "estimate"}
        ``"target"``: the year's target — kind ``target``, indicator ``gdp``, measure ``growth``, status
        ``stated``. ``"estimate"``: the next report's own estimate — kind ``outcome``, ``gdp``, ``growth``,
        unit ``%``, ``report_year == year + 1``, ``basis`` empty or 按可比价 (not cumulative), wording not per
        head (人均). Of several, the first (lowest line): the whole jurisdiction comes before its parts.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FIGURE_COLUMNS` (``value`` is a range's low end), sorted by jurisdiction and year.

    Examples
    --------
    >>> import dalian_reports as dr
    >>> t = gdp_growth_figures(dr.targets_panel("dalian"), "target")
    >>> t.loc[t.year == 2013, ["value", "qualifier"]].values.tolist()
    [[11.0, 'about']]
    """
    if kind not in ("target", "estimate"):
        raise ValueError(f"kind must be 'target' or 'estimate', not {kind!r}")
    p = panel[(panel["indicator"] == "gdp") & (panel["measure"] == "growth")]
    if kind == "target":
        p = p[(p["kind"] == "target") & (p["status"] == "stated")]
    else:
        p = p[(p["kind"] == "outcome") & (p["unit"] == "%") & (p["report_year"] == p["year"] + 1)
              & (p["basis"].isna() | (p["basis"] == "按可比价"))
              & ~p["wording"].fillna("").str.contains("人均", regex=False)]
    out = p[FIGURE_COLUMNS].astype({"jurisdiction": "string", "level": "string", "qualifier": "string"})
    out = out.sort_values(["jurisdiction", "year", "line"], kind="stable").drop_duplicates(["jurisdiction", "year"])
    return out.reset_index(drop=True)


# ------------------------------------------------------------------ the grader, under any file name

def _assignment_of(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh).get("metadata", {}).get("otter", {}).get("assignment_name")
    except (OSError, ValueError, AttributeError):
        return None


def _session_paths() -> list[Path]:
    """The notebook the kernel was started for, as Jupyter (``JPY_SESSION_NAME``) and VS Code tell it."""
    paths = [os.environ.get("JPY_SESSION_NAME", "")]
    names = getattr(sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None, "user_ns", {})
    paths += [str(names.get("__vsc_ipynb_file__", "")), str(names.get("__session__", ""))]
    return [Path(p) for p in paths if p and p.endswith(".ipynb")]


def find_notebook(assignment: str, directory: str | os.PathLike | None = None, warn: bool = False) -> str | None:
    """The file of an exercise notebook, whatever it is called: Otter reads the checks stored in it.

    In this order: the notebook the kernel runs for (Jupyter's ``JPY_SESSION_NAME``, VS Code's
    ``__vsc_ipynb_file__``); ``<assignment>.ipynb`` in *directory*; any notebook there whose Otter metadata
    names *assignment*, newest first (a download renamed "01_gdp_target_gap (1).ipynb"). Each student
    notebook's first cell passes it to Otter: ``otter.Notebook(find_notebook("01_gdp_target_gap", warn=True),
    tests_dir="")`` (no ``./tests`` folder, so one in the working directory cannot hide the checks).

    Parameters
    ----------
    assignment : str
        The exercise's name (the notebook's ``otter.assignment_name``).
    directory : str or path-like, optional
        Where to look (default: the working directory).
    warn : bool, default False
        Print what to do when the notebook is not found.

    Returns
    -------
    str or None
        The notebook's resolved path, or None when there is none.
    """
    folder = Path(directory) if directory is not None else Path.cwd()
    try:
        others = sorted(folder.glob("*.ipynb"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        others = []
    for path in _session_paths() + [folder / f"{assignment}.ipynb"] + others:
        if path.is_file() and _assignment_of(path) == assignment:
            return str(path.resolve())
    if warn:
        print(f"Warning: this notebook's file, which holds the checks of {assignment}, was not found in {folder}. "
              f"Run the notebook from the folder it is in, or name the file in this cell: "
              f"grader = otter.Notebook(\"…/your copy.ipynb\", tests_dir=\"\")")
    return None
