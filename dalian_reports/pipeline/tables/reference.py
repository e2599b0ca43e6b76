"""Reference (context) data: national, Liaoning, Dalian and Jinzhou targets and outcomes.

Loaders for ``data/reference/reference_series.csv`` (built from the five original CSVs in
``data/reference/original/`` by :mod:`dalian_reports.pipeline.tables.reference_build`; see
``data/reference/README.md`` for columns, provenance and the preferred-value rule), plus
the hit-or-miss rule used to compare a growth target with its outcome.

These are secondary data gathered from web pages, NOT parsed from the seed documents:
every row carries ``source_quality`` and ``url`` (or a note saying why the url is absent).

>>> from dalian_reports.pipeline.tables.reference import reference_series, hit_or_miss
>>> t = reference_series("china", "gdp", preferred_only=True).query("year == 2005")
>>> t[["kind", "value", "qualifier"]].values.tolist()
[['target', 8.0, 'about'], ['official', 9.9, 'exact']]
>>> hit_or_miss(8.0, None, "about", 9.9)
'hit'
"""
from __future__ import annotations

from ...verdicts import is_missing

import math
from pathlib import Path

from ..._resources import data_dir
from ...verdicts import _EPS, ABOUT_TOLERANCE_PP, QUALIFIERS, apply_hit_or_miss, hit_or_miss  # noqa: F401

JURISDICTIONS = ("china", "liaoning", "dalian", "jinzhou")

_STRING_COLUMNS = [
    "jurisdiction", "indicator", "measure", "kind", "role", "unit", "qualifier", "text", "source_kind",
    "source_quality", "source_file", "source_field", "url", "note",
]


def reference_file() -> Path:
    """Path of the committed tidy table (honours ``DALIAN_REPORTS_DATA``)."""
    return data_dir() / "reference" / "reference_series.csv"


def _as_list(x):
    if x is None:
        return None
    return [x] if isinstance(x, str) else list(x)


def reference_series(jurisdiction=None, indicator=None, preferred_only: bool = False):
    """The tidy reference table, typed; optionally filtered.

    ``jurisdiction`` / ``indicator`` take a string or a list of strings. Types: ``year``
    and ``source_row`` Int64, ``value`` / ``value_high`` float64, ``preferred`` boolean,
    text columns ``string`` (empty cells are <NA>).

    >>> df = reference_series("dalian", "gdp")
    >>> df.query("year == 2014 and measure == 'level'")[["value", "source_quality", "preferred"]].values.tolist()
    [[8000.0, 'official', True], [7660.0, 'news', False]]
    """
    import pandas as pd

    from .reference_build import COLUMNS

    raw = pd.read_csv(reference_file(), dtype=str, keep_default_na=False, encoding="utf-8")
    if list(raw.columns) != COLUMNS:
        raise ValueError(f"{reference_file()}: columns {list(raw.columns)} != {COLUMNS}")
    df = pd.DataFrame({
        "year": pd.to_numeric(raw["year"]).astype("Int64"),
        "source_row": pd.to_numeric(raw["source_row"]).astype("Int64"),
        "value": pd.to_numeric(raw["value"].where(raw["value"] != ""), errors="raise").astype("float64"),
        "value_high": pd.to_numeric(raw["value_high"].where(raw["value_high"] != ""), errors="raise").astype("float64"),
        "preferred": raw["preferred"].map({"True": True, "False": False}).astype("boolean"),
    })
    for col in _STRING_COLUMNS:
        df[col] = raw[col].where(raw[col] != "").astype("string")
    df = df[COLUMNS]
    if df["preferred"].isna().any():
        raise ValueError(f"{reference_file()}: 'preferred' must be True or False")
    if (j := _as_list(jurisdiction)) is not None:
        unknown = set(j) - set(JURISDICTIONS)
        if unknown:
            raise ValueError(f"unknown jurisdiction(s) {sorted(unknown)}; known: {JURISDICTIONS}")
        df = df[df["jurisdiction"].isin(j)]
    if (ind := _as_list(indicator)) is not None:
        df = df[df["indicator"].isin(ind)]
    if preferred_only:
        df = df[df["preferred"]]
    return df.reset_index(drop=True)


def national_targets():
    """National GDP growth target per year with its outcome and verdict.

    Columns: year, value, value_high, qualifier, text (the target), outcome (the preferred
    outcome: the NBS preliminary figure, or a later revision where the data give one),
    outcome_prelim (the NBS preliminary figure), outcome_source_kind, result
    (:func:`hit_or_miss` of the target against ``outcome``).

    >>> nt = national_targets().set_index("year")
    >>> float(nt.loc[2005, "value"]), nt.loc[2005, "qualifier"], float(nt.loc[2005, "outcome"]), nt.loc[2005, "result"]
    (8.0, 'about', 9.9, 'hit')
    >>> nt.loc[2022, "result"], nt.loc[2020, "result"]
    ('miss', 'n/a')
    """
    import pandas as pd

    df = reference_series("china", "gdp", preferred_only=False)
    df = df[df["measure"] == "growth"]
    tgt = df[(df["role"] == "target") & df["preferred"]][["year", "value", "value_high", "qualifier", "text"]]
    out = df[(df["role"] == "outcome") & df["preferred"]][["year", "value", "source_kind"]]
    out = out.rename(columns={"value": "outcome", "source_kind": "outcome_source_kind"})
    prelim = df[df["source_kind"] == "nbs_prelim"][["year", "value"]].rename(columns={"value": "outcome_prelim"})
    res = tgt.merge(out, on="year", how="outer").merge(prelim, on="year", how="left")
    res = res[["year", "value", "value_high", "qualifier", "text", "outcome", "outcome_prelim",
               "outcome_source_kind"]].sort_values("year").reset_index(drop=True)
    res["result"] = apply_hit_or_miss(res)
    return res.astype({"result": pd.StringDtype()})


def official_outcomes(jurisdiction: str = "dalian", indicator=None, preferred_only: bool = False):
    """Outcome rows (kind estimate / official / outcome) of one jurisdiction, every source kept.

    Sorted by indicator, measure, year, with the preferred row first in each group.

    >>> o = official_outcomes("dalian", "gdp")
    >>> o.query("year == 2008 and measure == 'level'")[["value", "kind", "source_quality", "preferred"]].values.tolist()
    [[3858.0, 'estimate', 'news', True], [3858.2, 'official', 'secondary copy', False]]
    """
    df = reference_series(jurisdiction, indicator, preferred_only=preferred_only)
    df = df[df["role"] == "outcome"]
    df = df.sort_values(["indicator", "measure", "year", "preferred", "source_file", "source_row"],
                        ascending=[True, True, True, False, True, True], kind="stable")
    return df.reset_index(drop=True)


_LADDER_FIELDS = ("value", "value_high", "qualifier", "text", "source", "origin", "note")
_EXTRA_REQUIRED = ("jurisdiction", "year", "value", "qualifier", "text", "source")
#: Jurisdictions whose seed (primary-document) targets take precedence over reference rows.
SEED_PRECEDENCE = ("dalian", "jinzhou")


def _source_label(row) -> str:
    label = f"reference/{row['source_file']} row {int(row['source_row'])}"
    url = row["url"]
    return f"{label} {url}" if isinstance(url, str) and url else f"{label} (no url: see note)"


def reference_target_ladder(extra_targets=None):
    """GDP growth targets per year for china / liaoning / dalian / jinzhou, side by side.

    From the reference data only (preferred ``kind == 'target'`` rows), unless
    ``extra_targets`` is given: a DataFrame with columns jurisdiction, year, value,
    qualifier, text, source (and optionally value_high), at most one row per
    (jurisdiction, year) — e.g. targets parsed from the seed documents.

    Precedence: for Dalian and Jinzhou (:data:`SEED_PRECEDENCE`) an extra (seed) row
    replaces the reference row of that year, because the seeds are the primary documents
    while the reference rows are secondary web copies; for China and Liaoning the
    reference row is kept and an extra row only fills a year the reference lacks. Either
    way, when both exist and differ (value, value_high or qualifier), ``<j>_note`` records
    the one not used. ``<j>_origin`` says 'seed' or 'reference'.

    Columns: year, then for each jurisdiction j: j_value, j_value_high, j_qualifier,
    j_text, j_source, j_origin, j_note. NaN / <NA> where unknown.

    >>> lad = reference_target_ladder().set_index("year")
    >>> r = lad.loc[2019]
    >>> float(r.china_value), float(r.china_value_high), r.china_qualifier, float(r.dalian_value), r.dalian_qualifier
    (6.0, 6.5, 'range', 6.5, 'at_least')
    >>> import pandas as pd
    >>> seed = pd.DataFrame({"jurisdiction": ["jinzhou"], "year": [2021], "value": [99.0],  # made-up value
    ...                      "qualifier": ["exact"], "text": ["illustration"], "source": ["example"]})
    >>> r = reference_target_ladder(seed).set_index("year").loc[2021]
    >>> float(r.jinzhou_value), r.jinzhou_origin, float(r.dalian_value), r.dalian_origin
    (99.0, 'seed', 6.5, 'reference')
    """
    import pandas as pd

    ref = reference_series(indicator="gdp", preferred_only=True)
    ref = ref[(ref["measure"] == "growth") & (ref["kind"] == "target")]
    entries: dict[tuple[str, int], dict] = {}
    for _, r in ref.iterrows():
        entries[(r["jurisdiction"], int(r["year"]))] = {
            "value": r["value"], "value_high": r["value_high"], "qualifier": r["qualifier"],
            "text": r["text"] if isinstance(r["text"], str) else None, "source": _source_label(r),
            "origin": "reference", "note": None,
        }
    if extra_targets is not None:
        missing = [c for c in _EXTRA_REQUIRED if c not in extra_targets.columns]
        if missing:
            raise ValueError(f"extra_targets lacks columns {missing}")
        extra = extra_targets.copy()
        if "value_high" not in extra.columns:
            extra["value_high"] = math.nan
        bad = set(extra["jurisdiction"]) - set(JURISDICTIONS)
        if bad:
            raise ValueError(f"extra_targets: unknown jurisdiction(s) {sorted(bad)}")
        badq = set(extra["qualifier"].dropna()) - set(QUALIFIERS)
        if badq:
            raise ValueError(f"extra_targets: unknown qualifier(s) {sorted(badq)}; known: {QUALIFIERS}")
        dup = extra.duplicated(["jurisdiction", "year"], keep=False)
        if dup.any():
            raise ValueError("extra_targets: more than one row per (jurisdiction, year): "
                             f"{extra.loc[dup, ['jurisdiction', 'year']].drop_duplicates().values.tolist()}")
        for _, r in extra.iterrows():
            key = (r["jurisdiction"], int(r["year"]))
            origin = r["origin"] if "origin" in extra.columns and isinstance(r["origin"], str) else "seed"
            seed = {"value": float(r["value"]) if pd.notna(r["value"]) else math.nan,
                    "value_high": float(r["value_high"]) if pd.notna(r["value_high"]) else math.nan,
                    "qualifier": r["qualifier"], "text": r["text"], "source": r["source"],
                    "origin": origin, "note": None}
            old = entries.get(key)
            if old is None:
                entries[key] = seed
                continue
            seed_wins = key[0] in SEED_PRECEDENCE or origin == "corpus"   # a primary text beats a web copy
            winner, loser = (seed, old) if seed_wins else (old, seed)
            if not _same_target(seed, old):
                winner = dict(winner, note=(
                    f"{loser['origin']} target differs and was not used: {_fmt(loser)} ({loser['source']})"))
            entries[key] = winner
    years = sorted({y for (_, y) in entries})
    data = {"year": pd.array(years, dtype="Int64")}
    for j in JURISDICTIONS:
        for fld in _LADDER_FIELDS:
            vals = [entries.get((j, y), {}).get(fld) for y in years]
            if fld in ("value", "value_high"):
                data[f"{j}_{fld}"] = pd.array([math.nan if v is None else v for v in vals], dtype="float64")
            else:
                data[f"{j}_{fld}"] = pd.array(vals, dtype="string")
    return pd.DataFrame(data)


def _same_target(a: dict, b: dict) -> bool:
    def eq(x, y):
        if (x is None or (isinstance(x, float) and math.isnan(x))) and (y is None or (isinstance(y, float) and math.isnan(y))):
            return True
        try:
            return abs(float(x) - float(y)) < _EPS
        except (TypeError, ValueError):
            return x == y
    return eq(a["value"], b["value"]) and eq(a["value_high"], b["value_high"]) and a["qualifier"] == b["qualifier"]


def _fmt(e: dict) -> str:
    v = e["value"]
    hi = e["value_high"]
    num = "NaN" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:g}"
    if hi is not None and not (isinstance(hi, float) and math.isnan(hi)):
        num += f"-{hi:g}"
    return f"{num} {e['qualifier']} «{e['text']}»"




def reference_series_table():
    """The reference table as shipped: :func:`reference_series` with ``superseded_by`` — a GDP growth target read
    from a work report itself (the seeds, or the corpus) supersedes the secondary fact of the same jurisdiction and
    year, which is kept, marked, and no longer preferred.

    >>> t = reference_series_table()
    >>> t.query("jurisdiction == 'dalian' and year == 2019 and role == 'target'")[["value", "qualifier", "preferred"]].values.tolist()
    [[6.5, 'at_least', False]]
    """
    from .targets import corpus_targets, seed_targets

    df = reference_series()
    primary = {}
    for frame in (corpus_targets("gdp"), seed_targets("gdp", "growth")):   # the seeds win where both exist
        for r in frame.itertuples():
            primary[(r.jurisdiction, int(r.year))] = f"{r.source}: {r.text}"
    is_target = (df["indicator"] == "gdp") & (df["measure"] == "growth") & (df["role"] == "target")
    keys = list(zip(df["jurisdiction"], df["year"]))
    superseded = [primary.get((j, int(y))) if t and y is not None else None for (j, y), t in zip(keys, is_target)]
    df["superseded_by"] = pd_string(superseded)
    df.loc[df["superseded_by"].notna(), "preferred"] = False
    return df


def pd_string(values):
    import pandas as pd

    return pd.array(values, dtype="string")
