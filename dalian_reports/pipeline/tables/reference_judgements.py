"""The project's judgements about the rows of the five reference originals, read from data files.

What kind of figure each row holds (a work report's estimate, a statistics-bureau release, a news page), which
wording a note gives for a number, which facts stated only in a note become rows (with the exact words they rest
on, which :mod:`.reference_build` checks are present), and which deliberately do not: all of it lives in
``data/reference/judgements/`` (one or more CSV files per original, described in ``data/reference/README.md``).
This module reads and checks them; the builder applies them. A malformed file (an unknown column, a row that the
original does not have, a key judged twice, a kind, qualifier or code outside the vocabulary) is refused with a
:class:`~dalian_reports.errors.SourceError` naming the file and line.

The loaded judgements keep the names they had as Python tables (``OFFICIAL_GDP_META``, ``NOTE_FACTS`` …): they
are module attributes read on first use from the default folder, and :func:`load_judgements` reads any folder.

>>> from dalian_reports.pipeline.tables.reference_judgements import OFFICIAL_GDP_META
>>> OFFICIAL_GDP_META[5]
('estimate', 'gwr', "note: 'GWR estimate: the 2010 GWR ... gives 预计'")
"""
from __future__ import annotations

import functools
from pathlib import Path
from types import SimpleNamespace

from ..._csv import CsvRow, read_csv_rows
from ..._resources import data_dir
from ...errors import SourceError

ORIGINAL_FILES = (
    "national_gdp_targets.csv",
    "liaoning_targets.csv",
    "dalian_official_gdp.csv",
    "dalian_gwr_facts.csv",
    "jinpu_facts.csv",
)
JURISDICTIONS = ("china", "liaoning", "dalian", "jinzhou")
KINDS = ("target", "stretch_target", "estimate", "official", "outcome")
QUALITIES = ("official", "news", "secondary copy", "unstated")

_NOTE_FACT_COLUMNS = ("row", "evidence", "jurisdiction", "year", "indicator", "measure", "kind", "number",
                      "factor", "unit", "qualifier")
_NOTE_FACT_KEY = ("row", "evidence", "year", "indicator", "measure", "kind")
#: Each judgement file: its columns (no others are allowed) and the columns that must be unique together.
FILES = {
    "dalian_official_gdp.rows.csv": (("row", "kind", "source_kind", "evidence"), ("row",)),
    "dalian_official_gdp.wording.csv": (("row", "field", "text", "qualifier"), ("row", "field")),
    "dalian_gwr_facts.rows.csv": (("row", "source_kind", "note"), ("row",)),
    "dalian_gwr_facts.stretch.csv": (("row", "words", "number"), ("row", "words")),
    "liaoning_targets.targets.csv": (("row", "source_kind", "note"), ("row",)),
    "liaoning_targets.actuals.csv": (("row", "kind", "source_kind", "source_quality", "withhold_url", "remark",
                                      "note"), ("row",)),
    "liaoning_targets.wording.csv": (("row", "field", "text", "qualifier"), ("row", "field")),
    "jinpu_facts.rows.csv": (("row", "source_kind", "note"), ("row",)),
    "jinpu_facts.indicators.csv": (("original_indicator", "indicator", "measure", "kind", "qualifier", "note"),
                                   ("original_indicator",)),
    "jinpu_facts.units.csv": (("original_unit", "unit"), ("original_unit",)),
    "jinpu_facts.wording.csv": (("row", "field", "text"), ("row", "field")),
    **{f.replace(".csv", ".note_facts.csv"): (_NOTE_FACT_COLUMNS, _NOTE_FACT_KEY) for f in ORIGINAL_FILES},
    "not_represented.csv": (("file", "row", "facts", "reason"), ("file", "row", "facts")),
}
#: The column of the original whose wording a ``*.wording.csv`` file may give.
WORDING_FIELDS = {
    "dalian_official_gdp.wording.csv": ("gdp_level_yi_yuan", "real_growth_pct"),
    "liaoning_targets.wording.csv": ("actual_growth_pct",),
    "jinpu_facts.wording.csv": ("value",),
}
#: The judgement tables the builder applies, by name, and the file each is read from.
SOURCE_FILE = {
    "OFFICIAL_GDP_META": "dalian_official_gdp.rows.csv", "OFFICIAL_GDP_WORDING": "dalian_official_gdp.wording.csv",
    "GWR_SOURCE_KIND": "dalian_gwr_facts.rows.csv", "TEXT_STRETCH": "dalian_gwr_facts.stretch.csv",
    "LIAONING_TARGET_SOURCE_KIND": "liaoning_targets.targets.csv",
    "LIAONING_ACTUAL_META": "liaoning_targets.actuals.csv", "LIAONING_ACTUAL_WORDING": "liaoning_targets.wording.csv",
    "JINPU_SOURCE_KIND": "jinpu_facts.rows.csv", "JINPU_INDICATORS": "jinpu_facts.indicators.csv",
    "JINPU_WORDING": "jinpu_facts.wording.csv", "UNITS": "jinpu_facts.units.csv",
    "NOTE_FACTS": "*.note_facts.csv", "NOT_REPRESENTED": "not_represented.csv",
}


# ---- preferred rule (a rule for every row, not a judgement about one: it stays in code) --------------------
#: 1. source quality: official over news over secondary copy ('unstated' = national file, no column).
QUALITY_RANK = {"official": 0, "news": 1, "secondary copy": 2, "unstated": 3}
#: 2. for outcomes: a statistical-authority figure over an unlabelled actual over a work report's estimate.
KIND_RANK = {"target": 0, "stretch_target": 0, "official": 0, "outcome": 1, "estimate": 2}
#: 3. latest publication, by the fixed order in which Chinese GDP figures are released:
#:    work-report estimate (January) -> statistics-bureau preliminary release -> statistical
#:    bulletin -> later revision. Sources outside that chain have no known place (0).
VINTAGE_RANK = {
    "gwr": 0, "plan_report": 0, "news": 0, "secondary": 0, "computed": 0, "plan": 0,
    "nbs_prelim": 1, "stats_release": 1, "bulletin": 2, "nbs_revised": 3,
}
#: 4. ties: source_file, source_row, source_field (ascending) — deterministic.


def preferred_sort_key(row: dict) -> tuple:
    """Sort key; the smallest row of each (jurisdiction, year, indicator, measure, role) is preferred.

    >>> a = {"source_quality": "official", "kind": "estimate", "source_kind": "gwr", "source_file": "b", "source_row": 1, "source_field": "x"}
    >>> b = dict(a, source_quality="news", kind="official", source_kind="bulletin")
    >>> preferred_sort_key(a) < preferred_sort_key(b)   # quality first
    True
    """
    return (
        QUALITY_RANK[row["source_quality"]],
        KIND_RANK[row["kind"]],
        -VINTAGE_RANK[row["source_kind"]],
        row["source_file"], row["source_row"], row["source_field"],
    )


def role_of(kind: str) -> str:
    """The role a kind plays: targets and stretch targets are themselves, everything else an outcome."""
    return kind if kind in ("target", "stretch_target") else "outcome"


# ---- checking one row ------------------------------------------------------------------------------------
def _vocabulary(name: str) -> tuple[str, ...]:
    from ...vocab import table

    return tuple(table(name)["code"])


def _check_indicator(r: CsvRow, column: str) -> None:
    from ...vocab import lookup

    if lookup(r[column]) != r[column]:
        raise r.error(f"column {column!r}: {r[column]!r} is not an indicator code of the vocabulary "
                      "(dalian_reports/vocab/indicators.csv)")


def _check_measure(r: CsvRow, column: str) -> None:
    """A measure of ``vocab/measures.csv``, or one with ``_h1`` (the same measure for the first half-year)."""
    cell = r[column]
    if cell.removesuffix("_h1") not in _vocabulary("measures"):
        raise r.error(f"column {column!r}: {cell!r} is not a measure of the vocabulary "
                      "(dalian_reports/vocab/measures.csv), with or without '_h1'")


#: How each column is checked, wherever it appears.
_CHECKS = {
    "kind": lambda r, c: r.choice(c, KINDS),
    "source_kind": lambda r, c: r.choice(c, tuple(VINTAGE_RANK)),
    "qualifier": lambda r, c: r.choice(c, _vocabulary("qualifiers")),
    "jurisdiction": lambda r, c: r.choice(c, JURISDICTIONS),
    "source_quality": lambda r, c: r.choice(c, ("",) + QUALITIES),
    "withhold_url": lambda r, c: r.choice(c, ("", "yes")),
    "unit": lambda r, c: r.choice(c, ("%", "亿元")),
    "file": lambda r, c: r.choice(c, ORIGINAL_FILES + ("various",)),
    "indicator": _check_indicator,
    "measure": _check_measure,
    "year": lambda r, c: r.number(c, whole=True),
    "factor": lambda r, c: r.number(c, whole=True),
    "number": lambda r, c: r.number(c, whole=False),
}


def _check_row_number(r: CsvRow, name: str, row_counts: dict[str, int]) -> None:
    """The ``row`` cell names a data row that the original has (blank only for a ``various`` entry)."""
    original = r["file"] if "file" in r else name.split(".")[0] + ".csv"
    if original == "various" and not r["row"].strip():
        return
    n = r.number("row", whole=True)
    if original in row_counts and not 1 <= n <= row_counts[original]:
        raise r.error(f"column 'row': {original} has no data row {n} (it has rows 1 to {row_counts[original]}, "
                      "header not counted)")


def _read(folder: Path, name: str, row_counts: dict[str, int]) -> list[CsvRow]:
    """The checked rows of one judgement file; every error names the file and line."""
    columns, key = FILES[name]
    path = folder / name
    rows = read_csv_rows(path, columns, shown=str(path))
    unknown = [c for c in rows[0] if c not in columns]
    if unknown:
        raise SourceError(f"unknown column(s) {unknown}: the columns of this file are {list(columns)}",
                          file=str(path), line=1)
    seen: dict[tuple, int] = {}
    for r in rows:
        for column in columns:
            r[column] = r[column].strip()
            if column in _CHECKS and (r[column] or column not in ("source_quality", "withhold_url")):
                _CHECKS[column](r, column)
        if "row" in r:
            _check_row_number(r, name, row_counts)
        if name in WORDING_FIELDS:
            r.choice("field", WORDING_FIELDS[name])
        ident = tuple(r[c] for c in key)
        if ident in seen:
            raise r.error(f"{dict(zip(key, ident))} is already judged on line {seen[ident]} (a duplicate)")
        seen[ident] = r.line
    return rows


# ---- the tables -------------------------------------------------------------------------------------------
def _note_facts(folder: Path, row_counts: dict[str, int]) -> list[tuple]:
    """NOTE_FACTS: (file, row, evidence, jurisdiction, year, indicator, measure, kind, number, factor, unit,
    qualifier), in the order of :data:`ORIGINAL_FILES` and of each file."""
    out = []
    for original in ORIGINAL_FILES:
        for r in _read(folder, original.replace(".csv", ".note_facts.csv"), row_counts):
            if r["number"] not in r["evidence"]:
                raise r.error(f"column 'number': {r['number']!r} does not occur in the evidence {r['evidence']!r}")
            out.append((original, int(r["row"]), r["evidence"], r["jurisdiction"], int(r["year"]), r["indicator"],
                        r["measure"], r["kind"], r["number"], int(r["factor"]), r["unit"], r["qualifier"]))
    return out


def _liaoning_actuals(rows: list[CsvRow]) -> dict[int, tuple]:
    """LIAONING_ACTUAL_META: row -> (kind, source_kind, overrides or None); overrides of url and quality where
    the note attributes the actual to a page other than the row's url."""
    out = {}
    for r in rows:
        over = {}
        if r["source_quality"]:
            over["source_quality"] = r["source_quality"]
        if r["withhold_url"] == "yes":
            over["url"] = ""
        if r["remark"]:
            over["remark"] = r["remark"]
        out[int(r["row"])] = (r["kind"], r["source_kind"], over or None)
    return out


def _stretch(rows: list[CsvRow]) -> list[tuple]:
    """TEXT_STRETCH: (file, row, words, number), the 力争 goal written in a target's own wording."""
    for r in rows:
        if r["number"] not in r["words"]:
            raise r.error(f"column 'number': {r['number']!r} does not occur in the words {r['words']!r}")
    return [("dalian_gwr_facts.csv", int(r["row"]), r["words"], r["number"]) for r in rows]


def load_judgements(folder: str | Path, row_counts: dict[str, int]) -> SimpleNamespace:
    """Read and check every judgement file in ``folder``.

    Parameters
    ----------
    folder : str or Path
        The folder of judgement files (``data/reference/judgements``).
    row_counts : dict
        Number of data rows of each original (file name -> count); a judgement about a row beyond it is refused.

    Returns
    -------
    types.SimpleNamespace
        One attribute per name of :data:`SOURCE_FILE`, in the shape the builder applies.
    """
    folder = Path(folder)
    read = {name: _read(folder, name, row_counts) for name in FILES if ".note_facts." not in name}

    def by_row(name, *columns):
        return {int(r["row"]): tuple(r[c] for c in columns) if len(columns) > 1 else r[columns[0]]
                for r in read[name]}

    return SimpleNamespace(
        OFFICIAL_GDP_META=by_row("dalian_official_gdp.rows.csv", "kind", "source_kind", "evidence"),
        OFFICIAL_GDP_WORDING={(int(r["row"]), r["field"]): (r["text"], r["qualifier"])
                              for r in read["dalian_official_gdp.wording.csv"]},
        GWR_SOURCE_KIND=by_row("dalian_gwr_facts.rows.csv", "source_kind"),
        TEXT_STRETCH=_stretch(read["dalian_gwr_facts.stretch.csv"]),
        LIAONING_TARGET_SOURCE_KIND=by_row("liaoning_targets.targets.csv", "source_kind"),
        LIAONING_ACTUAL_META=_liaoning_actuals(read["liaoning_targets.actuals.csv"]),
        LIAONING_ACTUAL_WORDING=by_row("liaoning_targets.wording.csv", "text", "qualifier"),
        JINPU_SOURCE_KIND=by_row("jinpu_facts.rows.csv", "source_kind"),
        JINPU_INDICATORS={r["original_indicator"]: (r["indicator"], r["measure"], r["kind"], r["qualifier"])
                          for r in read["jinpu_facts.indicators.csv"]},
        JINPU_WORDING=by_row("jinpu_facts.wording.csv", "text"),
        UNITS={r["original_unit"]: r["unit"] for r in read["jinpu_facts.units.csv"]},
        NOTE_FACTS=_note_facts(folder, row_counts),
        NOT_REPRESENTED=[(r["file"], int(r["row"] or 0), r["facts"], r["reason"])
                         for r in read["not_represented.csv"]],
    )


def default_judgements_dir() -> Path:
    """``data/reference/judgements`` (beside the originals)."""
    return data_dir() / "reference" / "judgements"


def original_row_counts(original_dir: str | Path) -> dict[str, int]:
    """Number of data rows of each original in ``original_dir`` (header not counted)."""
    return {name: len(read_csv_rows(Path(original_dir) / name, (), shown=str(Path(original_dir) / name)))
            for name in ORIGINAL_FILES}


@functools.lru_cache(maxsize=None)
def default_judgements() -> SimpleNamespace:
    """The judgements of the default folder about the default originals (read once)."""
    return load_judgements(default_judgements_dir(), original_row_counts(data_dir() / "reference" / "original"))


def __getattr__(name: str):
    """``OFFICIAL_GDP_META`` and the other judgement tables, read from the default folder on first use."""
    if name in SOURCE_FILE:
        return getattr(default_judgements(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
