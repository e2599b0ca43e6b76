"""Build ``data/reference/reference_series.csv`` from the five original reference CSVs.

The originals (copied byte-identical into ``data/reference/original/``) are secondary
data gathered from web pages: national, Liaoning, Dalian and Jinzhou (Jinpu New Area)
GDP targets and outcomes. This module turns them into one tidy long table, one number
per row, each row carrying where it came from (``source_file``, ``source_row`` — the
1-based data row, header not counted — ``source_field``, ``url``, ``source_quality``).

Nothing is guessed:

* a blank cell in an original never becomes a value;
* a fact stated only in a row's ``note`` becomes a row only when the note states it
  explicitly (indicator, year and number) *and* does not attribute it to a page other
  than the row's own; such rows are listed in ``judgements/*.note_facts.csv`` with the exact words
  of the note, which the build checks are present, and their ``note`` starts with
  ``[from note: «…»]``; they keep the url and quality of the row they come from;
* per-row judgements (is a figure a work report's estimate? which qualifier does the
  wording carry?) are data files in ``data/reference/judgements/``, written out with the words they
  rest on and read (and checked) by :mod:`.reference_judgements`.

``preferred`` marks one row per (jurisdiction, year, indicator, measure, role) where
``role`` is ``target`` / ``stretch_target`` / ``outcome`` (estimate, official and
outcome rows compete for one "what happened" value). See :func:`preferred_sort_key`.

Run ``python -m dalian_reports.pipeline.tables.reference_build`` to rewrite the CSV.

>>> from dalian_reports.pipeline.tables.reference_build import build_reference_series, default_original_dir
>>> df = build_reference_series(default_original_dir())
>>> df.query("jurisdiction == 'china' and year == 2005 and kind == 'target'")[["value", "qualifier", "text"]].values.tolist()
[[8.0, 'about', '8%左右']]
"""
from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

from ..._atomic import atomic_write_text
from ..._resources import data_dir
from ...errors import SourceError
from ...sources.raw import CsvRow, read_csv_rows
from ...vocab import lookup
from . import reference_judgements
from .reference_judgements import (  # noqa: F401  (re-exported: the tests and docs name them here)
    JURISDICTIONS, KIND_RANK, KINDS, ORIGINAL_FILES, QUALITIES, QUALITY_RANK, SOURCE_FILE, VINTAGE_RANK,
    default_judgements_dir, load_judgements, preferred_sort_key, role_of)

#: The columns each original must have (a file without one is refused, naming the file and its header line).
ORIGINAL_COLUMNS = {
    "national_gdp_targets.csv": ("year", "target_text", "target_value", "target_value_high", "qualifier",
                                 "actual_prelim_pct", "note"),
    "liaoning_targets.csv": ("year", "target_text", "target_value", "target_value_high", "qualifier",
                             "actual_growth_pct", "note", "source_quality", "url"),
    "dalian_official_gdp.csv": ("year", "gdp_level_yi_yuan", "real_growth_pct", "source_kind", "note",
                                "source_quality", "url"),
    "dalian_gwr_facts.csv": ("report_year", "target_year", "gdp_growth_target_text", "target_value",
                             "target_qualifier", "prev_year", "prev_year_gdp_growth_text", "prev_year_value",
                             "note", "source_quality", "url"),
    "jinpu_facts.csv": ("year", "indicator", "value", "unit", "note", "source_quality", "url"),
}

COLUMNS = [
    "jurisdiction", "year", "indicator", "measure", "kind", "role", "value", "value_high", "unit",
    "qualifier", "text", "source_kind", "source_quality", "source_file", "source_row", "source_field",
    "url", "note", "preferred",
]

QUALIFIERS = (
    "exact", "about", "at_least", "at_most", "greater_than", "less_than", "range", "qualitative",
    "none",     # no target was set (national 2020)
    "unknown",  # a number is known but not the wording around it (Dalian 2025)
)

# ---- qualifier from wording -----------------------------------------------------------------
_CJK = re.compile(r"[\u4e00-\u9fff]")


def qualifier_from_text(text: str, value: float | None = None) -> str:
    """Qualifier carried by a target's wording, read by the parser's own grammar (one grammar for the project);
    with ``value``, the qualifier of the figure with that value (7600亿元、增长8%左右 with value 8: about).

    A wording without a number is read by the qualifier words of the vocabulary (``vocab/qualifiers.csv``):
    'over half' is ``greater_than``; a paraphrase is ``qualitative``; no wording, ``none``.

    >>> [qualifier_from_text(t) for t in ["8%左右", "6%以上", "6.5%-7%", "7.5%", "about 5 percent", "控制在3%以内",
    ...                                   "over half", "不低于6%", "至少6%", "近8%", "6.5%上下"]]
    ['about', 'at_least', 'range', 'exact', 'about', 'at_most', 'greater_than', 'at_least', 'at_least', 'about', 'about']
    """
    from ...extract.numbers import scan_quantities

    t = text.strip()
    if not t:
        return "none"
    if "paraphrase" in t or "similar to" in t:
        return "qualitative"
    found = scan_quantities(t, "zh" if _CJK.search(t) else "en")
    if value is not None and not math.isnan(value):
        found = [q for q in found if q.value == value] or found
    if found:
        return found[0].qualifier
    return _numberless_qualifier(t)


def _numberless_qualifier(text: str) -> str:
    """'over half of Dalian': the first qualifier of the vocabulary whose words open the wording."""
    from ...vocab import table

    lowered = text.lower()
    for row in table("qualifiers").itertuples():
        words = [w for w in f"{row.words_zh}|{row.words_en}".split("|") if w]
        if row.read_from_text == "yes" and any(re.match(rf"{re.escape(w)}\b", lowered) for w in words):
            return row.code
    return "qualitative"


_QUALIFIER_MAP = {
    "exact": "exact", "about": "about", "range": "range", "at_least": "at_least", "none": "none",
    "other": "qualitative", "unknown": "unknown",
}



def __getattr__(name: str):
    """The judgement tables (``NOTE_FACTS``, ``OFFICIAL_GDP_META`` …), re-exported from :mod:`.reference_judgements`."""
    if name in SOURCE_FILE:
        return getattr(reference_judgements, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---- helpers ------------------------------------------------------------------------------------
def _read(original_dir: Path, name: str) -> list[CsvRow]:
    """The rows of one original; each row knows its file and line, and every error names them."""
    return read_csv_rows(original_dir / name, ORIGINAL_COLUMNS[name], shown=str(original_dir / name))


def _by_row(j, name: str, r: CsvRow, i: int):
    """The judgement ``j.<name>[i]`` about data row ``i``, or an error naming the row's file and line."""
    table = getattr(j, name)
    if i not in table:
        raise r.error(f"data row {i} has no entry in {name} (judgements/{SOURCE_FILE[name]} describes the rows "
                      "of this file by position: a row was added, removed or moved?)")
    return table[i]


def _row_count(rows: list[CsvRow], j, name: str) -> None:
    """Refuse a file whose number of data rows differs from the per-row judgements ``j.<name>``."""
    table = getattr(j, name)
    if len(rows) != len(table):
        raise SourceError(f"{len(rows)} data rows, but {name} (judgements/{SOURCE_FILE[name]}) describes "
                          f"{len(table)} (a row was added or removed?)", file=rows[0].file, line=None)


def _url_remark(url: str, quality: str) -> str:
    if url:
        return ""
    if "url withheld" in quality:
        return "url withheld (mirror site) in the original"
    return "url not given in the original"


def _quality(cell: str, r: CsvRow | None = None) -> str:
    """The quality tier of a ``source_quality`` cell; an unknown one names the row ``r`` when given."""
    cell = cell.strip()
    if cell.startswith("secondary copy"):
        return "secondary copy"
    if cell not in ("official", "news"):
        message = f"column 'source_quality': {cell!r} is not official, news or secondary copy (…)"
        raise r.error(message) if r is not None else ValueError(message)
    return cell


def _note(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _bracket(remark: str) -> str:
    """A build remark, bracketed so that it is told apart from the original note that follows."""
    return f"[{remark}]" if remark else ""


def _rec(**kw) -> dict:
    kw.setdefault("value_high", math.nan)
    kw["role"] = role_of(kw["kind"])
    kw["preferred"] = False
    return kw


# ---- per-file conversions ---------------------------------------------------------------------------
def _national(rows: list[dict]) -> list[dict]:
    f = "national_gdp_targets.csv"
    out = []
    readme = ("url not given in the original (this file has no url or source_quality column); per the "
              "reference README, targets are the State Council's government work report and actuals the NBS "
              "preliminary release of the following January.")
    for i, r in enumerate(rows, 1):
        year, text = r.number("year", whole=True), r["target_text"].strip()
        qual = r.choice("qualifier", _QUALIFIER_MAP)
        if qual not in ("none", "unknown", "qualitative") and qualifier_from_text(text) != qual:
            raise r.error(f"qualifier {qual} disagrees with text {text!r}")
        out.append(_rec(
            jurisdiction="china", year=year, indicator="gdp", measure="growth", kind="target",
            value=r.number("target_value"), value_high=r.number("target_value_high"), unit="%",
            qualifier=qual, text=text, source_kind="gwr", source_quality="unstated", source_file=f,
            source_row=i, source_field="target_value", url="", note=_note(_bracket(readme), r["note"])))
        if r["actual_prelim_pct"].strip():
            out.append(_rec(
                jurisdiction="china", year=year, indicator="gdp", measure="growth", kind="official",
                value=r.number("actual_prelim_pct"), unit="%", qualifier="exact",
                text=r["actual_prelim_pct"].strip(), source_kind="nbs_prelim", source_quality="unstated",
                source_file=f, source_row=i, source_field="actual_prelim_pct", url="",
                note=_note(_bracket(readme), r["note"])))
    return out


def _liaoning(rows: list[dict], j) -> list[dict]:
    f = "liaoning_targets.csv"
    out = []
    for i, r in enumerate(rows, 1):
        year, text, url = r.number("year", whole=True), r["target_text"].strip(), r["url"].strip()
        quality = _quality(r["source_quality"], r)
        if text or r["target_value"].strip():
            qual = r.choice("qualifier", _QUALIFIER_MAP)
            if qual not in ("none", "unknown", "qualitative") and qualifier_from_text(text) != qual:
                raise r.error(f"qualifier {qual} disagrees with text {text!r}")
            out.append(_rec(
                jurisdiction="liaoning", year=year, indicator="gdp", measure="growth", kind="target",
                value=r.number("target_value"), value_high=r.number("target_value_high"), unit="%",
                qualifier=qual, text=text,
                source_kind=_by_row(j, "LIAONING_TARGET_SOURCE_KIND", r, i),
                source_quality=quality, source_file=f, source_row=i, source_field="target_value", url=url,
                note=_note(_bracket(_url_remark(url, r["source_quality"])), r["note"])))
        if r["actual_growth_pct"].strip():
            kind, skind, over = _by_row(j, "LIAONING_ACTUAL_META", r, i)
            over = over or {}
            a_url = over.get("url", url)
            a_quality = over.get("source_quality", quality)
            wtext, wqual = j.LIAONING_ACTUAL_WORDING.get(i, (r["actual_growth_pct"].strip(), "exact"))
            if i in j.LIAONING_ACTUAL_WORDING:
                _check_in(wtext.lstrip("+"), r)
            remark = over.get("remark", "") or _url_remark(a_url, r["source_quality"])
            out.append(_rec(
                jurisdiction="liaoning", year=year, indicator="gdp", measure="growth", kind=kind,
                value=r.number("actual_growth_pct"), unit="%", qualifier=wqual, text=wtext, source_kind=skind,
                source_quality=a_quality, source_file=f, source_row=i, source_field="actual_growth_pct",
                url=a_url, note=_note(f"[{remark}]" if remark else "", r["note"])))
    return out


def _check_in(needle: str, r: CsvRow, column: str = "note") -> None:
    if needle not in r[column]:
        raise r.error(f"expected the words {needle!r} in column {column!r} (the judgements in data/reference/judgements rely on them)")


def _dalian_official(rows: list[dict], j) -> list[dict]:
    f = "dalian_official_gdp.csv"
    out = []
    _row_count(rows, j, "OFFICIAL_GDP_META")
    for i, r in enumerate(rows, 1):
        year, url = r.number("year", whole=True), r["url"].strip()
        quality = _quality(r["source_quality"], r)
        kind, skind, why = j.OFFICIAL_GDP_META[i]
        remarks = [_url_remark(url, r["source_quality"])]
        if skind != {"stats-bureau release": "stats_release"}.get(r["source_kind"], r["source_kind"]):
            remarks.append(f"source_kind '{r['source_kind']}' in the original; {why}")
        elif why:
            remarks.append(why)
        for field, measure, unit in (("gdp_level_yi_yuan", "level", "亿元"), ("real_growth_pct", "growth", "%")):
            if not r[field].strip():
                continue
            text, qual = j.OFFICIAL_GDP_WORDING.get((i, field), (r[field].strip(), "exact"))
            if (i, field) in j.OFFICIAL_GDP_WORDING:
                _check_in(text.lstrip("+"), r)
            rem = [x for x in remarks if x]
            out.append(_rec(
                jurisdiction="dalian", year=year, indicator="gdp", measure=measure, kind=kind,
                value=r.number(field), unit=unit, qualifier=qual, text=text, source_kind=skind,
                source_quality=quality, source_file=f, source_row=i, source_field=field, url=url,
                note=_note(f"[{'; '.join(rem)}]" if rem else "", r["note"])))
    return out


def _dalian_gwr(rows: list[dict], j) -> list[dict]:
    f = "dalian_gwr_facts.csv"
    out = []
    _row_count(rows, j, "GWR_SOURCE_KIND")
    for i, r in enumerate(rows, 1):
        url = r["url"].strip()
        quality = _quality(r["source_quality"], r)
        skind = j.GWR_SOURCE_KIND[i]
        remark = _url_remark(url, r["source_quality"])
        note = _note(f"[{remark}]" if remark else "", r["note"])
        text = r["gdp_growth_target_text"].strip()
        if text or r["target_value"].strip():
            qual = r.choice("target_qualifier", _QUALIFIER_MAP)
            main_text = text.split(",力争")[0] if "力争" in text else text
            if qual not in ("none", "unknown", "qualitative") and qualifier_from_text(main_text) != qual:
                raise r.error(f"qualifier {qual} disagrees with text {text!r}")
            out.append(_rec(
                jurisdiction="dalian", year=r.number("target_year", whole=True), indicator="gdp",
                measure="growth", kind="target", value=r.number("target_value"), unit="%", qualifier=qual, text=text,
                source_kind=skind, source_quality=quality, source_file=f, source_row=i,
                source_field="target_value", url=url, note=note))
        if r["prev_year_value"].strip():
            ptext = r["prev_year_gdp_growth_text"].strip()
            out.append(_rec(
                jurisdiction="dalian", year=r.number("prev_year", whole=True), indicator="gdp",
                measure="growth", kind="estimate", value=r.number("prev_year_value"), unit="%",
                qualifier=qualifier_from_text(ptext, r.number("prev_year_value")),
                text=ptext, source_kind=skind, source_quality=quality, source_file=f, source_row=i,
                source_field="prev_year_value",
                url=url, note=_note("[a work report's figure for the year just ended: kind 'estimate']", note)))
    for file, row, words, number in j.TEXT_STRETCH:   # the loader checks that number is in words
        r = rows[row - 1]
        _check_in(words, r, "gdp_growth_target_text")
        url = r["url"].strip()
        out.append(_rec(
            jurisdiction="dalian", year=r.number("target_year", whole=True), indicator="gdp",
            measure="growth", kind="stretch_target", value=float(number), unit="%", qualifier="exact", text=words,
            source_kind=j.GWR_SOURCE_KIND[row], source_quality=_quality(r["source_quality"], r), source_file=f,
            source_row=row, source_field="gdp_growth_target_text", url=url,
            note=_note(f"[stretch goal (力争) from the target wording «{r['gdp_growth_target_text']}»]", r["note"])))
    return out


def _jinpu(rows: list[dict], j) -> list[dict]:
    f = "jinpu_facts.csv"
    out = []
    for i, r in enumerate(rows, 1):
        url = r["url"].strip()
        indicator, measure, kind, qual = r.choice("indicator", j.JINPU_INDICATORS)
        skind = _by_row(j, "JINPU_SOURCE_KIND", r, i)
        if not r["value"].strip():
            continue
        remarks = [_url_remark(url, r["source_quality"]), f"original indicator '{r['indicator']}'"]
        if i == 1:
            remarks.append("year is the year the plan was stated; the note gives the horizon as 5-10 years")
        text = j.JINPU_WORDING.get(i, r["value"].strip())
        if i in j.JINPU_WORDING:
            _check_in(text, r)
        out.append(_rec(
            jurisdiction="jinzhou", year=r.number("year", whole=True), indicator=indicator, measure=measure,
            kind=kind, value=r.number("value"), unit=r.choice("unit", j.UNITS), qualifier=qual, text=text,
            source_kind=skind, source_quality=_quality(r["source_quality"], r), source_file=f, source_row=i,
            source_field="value", url=url, note=_note(f"[{'; '.join(x for x in remarks if x)}]", r["note"])))
    return out


def _row_source_kind(f: str, i: int, kind: str, j) -> str:
    """Document type for a fact taken from the note of row ``i`` of file ``f``."""
    if f == "national_gdp_targets.csv":
        return "nbs_revised"
    if f == "dalian_official_gdp.csv":
        return j.OFFICIAL_GDP_META[i][1]
    if f == "dalian_gwr_facts.csv":
        return j.GWR_SOURCE_KIND[i]
    if f == "jinpu_facts.csv":
        return j.JINPU_SOURCE_KIND[i]
    if kind in ("target", "stretch_target"):
        return j.LIAONING_TARGET_SOURCE_KIND[i]
    return j.LIAONING_ACTUAL_META[i][1]


def _note_facts(tables: dict[str, list[dict]], j) -> list[dict]:
    out = []
    # the loader checks that row i exists in file f and that the number occurs in the evidence
    for (f, i, evidence, jur, year, ind, measure, kind, number, factor, unit, qual) in j.NOTE_FACTS:
        r = tables[f][i - 1]
        _check_in(evidence, r)
        raw_q = r.get("source_quality", "")
        quality = _quality(r["source_quality"], r) if raw_q else "unstated"
        url = r.get("url", "").strip()
        skind = _row_source_kind(f, i, kind, j)
        remark = "; ".join(x for x in (
            f"from note: «{evidence}»",
            "bn yuan converted to 亿元 (x10)" if factor == 10 else "",
            "trillion converted to 亿元 (x10000)" if factor == 10000 else "",
            "a decline, stored as a positive number" if measure == "decline" else "",
            _url_remark(url, raw_q) if f != "national_gdp_targets.csv" else "url not given in the original",
        ) if x)
        out.append(_rec(
            jurisdiction=jur, year=year, indicator=ind, measure=measure, kind=kind,
            value=round(float(number) * factor, 6), unit=unit, qualifier=qual, text=evidence,
            source_kind=skind, source_quality=quality, source_file=f, source_row=i, source_field="note",
            url=url, note=_note(f"[{remark}]", r["note"])))
    return out


def _mark_preferred(records: list[dict]) -> None:
    groups: dict[tuple, list[dict]] = {}
    for rec in records:
        key = (rec["jurisdiction"], rec["year"], rec["indicator"], rec["measure"], rec["role"])
        groups.setdefault(key, []).append(rec)
    for members in groups.values():
        min(members, key=preferred_sort_key)["preferred"] = True


def _validate(records: list[dict], tables: dict[str, list[CsvRow]]) -> None:
    """Check every record; a bad one is refused naming the file and line of the row it came from."""
    seen: set[tuple] = set()
    for rec in records:
        problem = _record_problem(rec, seen)
        if problem:
            row = tables[rec["source_file"]][rec["source_row"] - 1]
            raise row.error(f"({rec['indicator']} {rec['measure']} {rec['kind']}, from column "
                            f"{rec['source_field']!r}): {problem}")


def _record_problem(rec: dict, seen: set) -> str:
    if lookup(rec["indicator"]) != rec["indicator"]:
        return "indicator code not in the vocabulary (indicators.csv)"
    for col, allowed in (("jurisdiction", JURISDICTIONS), ("kind", KINDS), ("qualifier", QUALIFIERS),
                         ("source_quality", QUALITIES)):
        if rec[col] not in allowed:
            return f"{col} {rec[col]!r} not in {allowed}"
    if rec["source_kind"] not in VINTAGE_RANK:
        return f"unknown source_kind {rec['source_kind']!r}"
    if rec["qualifier"] == "range" and math.isnan(rec["value_high"]):
        return "range without value_high"
    if not rec["url"] and "url withheld" not in rec["note"] and "url not given" not in rec["note"]:
        return "no url and no note saying why"
    ident = (rec["source_file"], rec["source_row"], rec["source_field"], rec["indicator"], rec["measure"],
             rec["kind"], rec["year"])
    if ident in seen:
        return "duplicate row"
    seen.add(ident)
    return ""


def build_reference_series(original_dir, judgements_dir=None) -> "pd.DataFrame":  # noqa: F821
    """The tidy reference table built from the five original CSVs in ``original_dir``.

    One row per number; columns :data:`COLUMNS`; sorted deterministically. The per-row judgements are read
    from ``judgements_dir`` (default ``data/reference/judgements``) and checked against the originals.

    >>> df = build_reference_series(default_original_dir())
    >>> sorted(df.jurisdiction.unique())
    ['china', 'dalian', 'jinzhou', 'liaoning']
    """
    import pandas as pd

    original_dir = Path(original_dir)
    tables = {name: _read(original_dir, name) for name in ORIGINAL_FILES}
    j = load_judgements(judgements_dir or default_judgements_dir(), {n: len(rows) for n, rows in tables.items()})
    records = (
        _national(tables["national_gdp_targets.csv"])
        + _liaoning(tables["liaoning_targets.csv"], j)
        + _dalian_official(tables["dalian_official_gdp.csv"], j)
        + _dalian_gwr(tables["dalian_gwr_facts.csv"], j)
        + _jinpu(tables["jinpu_facts.csv"], j)
        + _note_facts(tables, j)
    )
    _validate(records, tables)
    _mark_preferred(records)
    jur_order = {j: k for k, j in enumerate(JURISDICTIONS)}
    kind_order = {k: n for n, k in enumerate(KINDS)}
    records.sort(key=lambda r: (
        jur_order[r["jurisdiction"]], r["year"], r["indicator"], r["measure"], kind_order[r["kind"]],
        not r["preferred"], r["source_file"], r["source_row"], r["source_field"], r["text"]))
    df = pd.DataFrame.from_records(records, columns=COLUMNS)
    return df.astype({"year": "int64", "source_row": "int64", "value": "float64", "value_high": "float64",
                      "preferred": "bool"})


def render_csv(df) -> str:
    """The CSV text written for ``df`` (UTF-8, LF line ends, empty cells for missing values)."""
    return df.to_csv(index=False, lineterminator="\n", na_rep="")


def default_original_dir() -> Path:
    return data_dir() / "reference" / "original"


def default_output() -> Path:
    return data_dir() / "reference" / "reference_series.csv"


def main(argv: list[str] | None = None) -> int:
    """Rebuild ``data/reference/reference_series.csv`` from ``data/reference/original/``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--original-dir", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    df = build_reference_series(args.original_dir or default_original_dir())
    out = args.output or default_output()
    atomic_write_text(out, render_csv(df))   # the project's one atomic writer
    print(f"wrote {len(df)} rows to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
