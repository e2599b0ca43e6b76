"""The whole record: one row per stated figure of every work report of the corpus (``targets_panel``).

The corpus is the public lawtext/gov repository (``../shared/corpus/lawtext-gov`` beside the checkout, or the
folder named by ``DALIAN_REPORTS_CORPUS``): the work reports of Dalian, Liaoning, the nation and the other
sub-provincial cities. Its texts are not copied into the project: the panel carries facts, short exact quotes
and citations (file, line, source URL, corpus commit). When the corpus is absent the pipeline keeps the
committed table (see :func:`corpus_root`).

Each report is read by the general parser (:func:`dalian_reports.extract.extract_headline`); every row's
``quote`` is the exact substring of raw line ``line`` of ``source_file``. A report whose GDP target the parser
does not find gets a ``not_stated`` row, so a gap is visible, never silent.
"""
from __future__ import annotations

import math
import os
from functools import lru_cache
from pathlib import Path

from ..._resources import REPO
from ...vocab import jurisdictions

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "lawtext-gov"
FIRST_YEAR = 2000   # the panel covers reports for 2000 onwards
PANEL_KINDS = ("target", "outcome", "plan_target", "plan_outcome")
COLUMNS = ["jurisdiction", "jurisdiction_zh", "level", "parent", "year", "period_start", "report_year", "delivered",
           "kind", "indicator", "wording", "measure", "value", "value_high", "unit", "qualifier", "stretch_value",
           "status", "relative_to", "basis", "source_file", "line", "quote", "source_url", "quality",
           "corpus_commit"]


def corpus_root() -> Path | None:
    """The corpus folder (``DALIAN_REPORTS_CORPUS``, else ``../shared/corpus/lawtext-gov``), or None if absent.

    A corpus is a clone of lawtext/gov (it has a README.md) or a plain folder of reports with a manifest.csv.
    """
    root = Path(os.environ.get("DALIAN_REPORTS_CORPUS", DEFAULT_CORPUS))
    return root if (root / "README.md").is_file() or (root / "manifest.csv").is_file() else None


@lru_cache(maxsize=2)
def corpus_reports(root: str) -> tuple:
    """Every work report of the corpus for :data:`FIRST_YEAR` onwards, read and cleaned (memoised per run): the
    lawtext/gov layout, or a plain folder described by its ``manifest.csv`` (adding a report is adding its file
    and a manifest row)."""
    from ...sources.corpus import read_corpus, read_folder

    docs = read_folder(root) if (Path(root) / "manifest.csv").is_file() else read_corpus(root)
    return tuple(d for d in docs if d.doc_type == "government_work_report" and d.year >= FIRST_YEAR)


_PARSING: tuple = ()   # the reports being parsed, inherited by the forked workers of corpus_parses


def _parse(index: int) -> tuple:
    """(account table, headline rows) of report *index* of :data:`_PARSING` (runs in a worker process)."""
    from ...extract.coverage import account_report

    doc = _PARSING[index]
    return account_report(doc.clean.text, doc.lang, doc.year, jurisdiction=doc.jurisdiction, with_rows=True)


@lru_cache(maxsize=2)
def corpus_parses(root: str, workers: int | None = None) -> tuple:
    """(document, account table, headline rows) for every report of :func:`corpus_reports` (memoised per run,
    so the panel and the corpus tests read each report once).

    Each report is parsed on its own, in a pool of forked processes (one per core; ``workers=1``, or a platform
    without fork, parses them in this process): the result does not depend on the number of workers.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _PARSING
    docs = corpus_reports(root)
    workers = min(workers or os.cpu_count() or 1, len(docs))
    _PARSING = docs
    try:
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            try:
                parsed = list(pool.map(_parse, range(len(docs)), chunksize=4))
            finally:   # on an interrupt, drop the reports not started instead of waiting for them
                pool.shutdown(wait=True, cancel_futures=True)
        else:
            parsed = [_parse(i) for i in range(len(docs))]
    finally:
        _PARSING = ()
    return tuple((doc, account, rows) for doc, (account, rows) in zip(docs, parsed))


def _status(row) -> str:
    if not _missing(row["value"]):
        return "stated"
    return "relative" if isinstance(row["relative_to"], str) and row["relative_to"] else "qualitative"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _base(doc) -> dict:
    j = jurisdictions()[doc.jurisdiction]
    return dict(jurisdiction=j.code, jurisdiction_zh=j.name_zh, level=j.level, parent=j.parent or None,
                report_year=doc.year, delivered=doc.delivered or None, source_file=doc.rel_path,
                source_url=doc.source_url or None, quality=doc.quality, corpus_commit=doc.corpus_commit)


def report_rows(doc, rows) -> list[dict]:
    """The panel rows of one report: each headline row with its raw line and quote, and a ``not_stated`` GDP
    target row when the parser finds none."""
    base = _base(doc)
    out = []
    for r in rows.to_dict("records"):
        line, quote = doc.clean.quote(int(r["start"]), int(r["end"]))
        year = r["period_end"] if not _missing(r["period_end"]) and r["period_end"] is not None else None
        out.append(dict(base, year=year, period_start=r["period_start"], kind=r["kind"], indicator=r["indicator"],
                        wording=r["wording"], measure=r["measure"], value=r["value"], value_high=r["value_high"],
                        unit=r["unit"] or None, qualifier=r["qualifier"], stretch_value=r["stretch_value"],
                        status=_status(r), relative_to=r["relative_to"], basis=r["basis"] or None, line=line,
                        quote=quote))
    if not any(r["kind"] == "target" and r["indicator"] == "gdp" for r in out):
        out.append(dict(base, year=doc.year, period_start=doc.year, kind="target", indicator="gdp", wording=None,
                        measure=None, value=math.nan, value_high=math.nan, unit=None, qualifier=None,
                        stretch_value=math.nan, status="not_stated", relative_to=None, basis=None, line=None,
                        quote=None))
    return out


def seed_rows() -> list[dict]:
    """The seed reports that have no copy in the corpus (the Jinzhou District report of 2021), from
    ``headline_figures``: source_file is the raw file under data/raw, corpus_commit 'seed'."""
    from ...sources.notes import notes
    from ...sources.raw import manifest_rows
    from .headline import headline_figures

    in_corpus = {n.key for n in notes(topic="corpus_copy")}
    files = {r["source_id"]: r for r in manifest_rows()}
    figures = headline_figures()
    figures = figures[(figures["lang"] == "zh") & ~figures["report_id"].isin(in_corpus)
                      & ~figures["report_id"].str.endswith("-copy") & figures["kind"].isin(PANEL_KINDS)]
    figures = figures[figures["report_id"].str.match(r"^[a-z]+-\d{4}-zh$")]
    out = []
    for r in figures.to_dict("records"):
        j = jurisdictions()[r["issuer"]]
        manifest = files[r["source_id"]]
        out.append(dict(jurisdiction=j.code, jurisdiction_zh=j.name_zh, level=j.level, parent=j.parent or None,
                        year=r["period_end"], period_start=r["period_start"], report_year=r["report_year"],
                        delivered=manifest["delivered"] or None, kind=r["kind"], indicator=r["indicator"],
                        wording=r["indicator_zh"], measure=r["measure"], value=r["value"], value_high=r["value_high"],
                        unit=r["unit"] or None, qualifier=r["qualifier"], stretch_value=r["stretch_value"],
                        status=_status(r), relative_to=r["relative_to"], basis=r["basis"] or None,
                        source_file=f"data/raw/{manifest['file']}", line=r["line"], quote=r["quote"],
                        source_url=None, quality="lower", corpus_commit="seed"))
    return out


def targets_panel(root: str | Path | None = None):
    """The panel (columns :data:`COLUMNS`) built from the corpus at ``root`` (default :func:`corpus_root`)."""
    import pandas as pd

    root = root or corpus_root()
    if root is None:
        raise FileNotFoundError(f"the corpus is not at {DEFAULT_CORPUS} (set DALIAN_REPORTS_CORPUS)")
    rows = []
    for doc, _account, parsed in corpus_parses(str(root)):
        rows.extend(report_rows(doc, parsed))
    if not (Path(root) / "manifest.csv").is_file():   # the lawtext/gov corpus: the seed reports it lacks join it
        rows.extend(seed_rows())
    frame = pd.DataFrame(rows, columns=COLUMNS)
    order = ["jurisdiction", "report_year", "line", "kind", "indicator", "quote"]
    frame = frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
    return frame


REPORT_COLUMNS = ["source_file", "jurisdiction", "jurisdiction_zh", "level", "parent", "report_year", "delivered",
                  "title", "source_url", "sha256", "corpus_commit", "quality", "defects", "rows", "gdp_target",
                  "figures_read", "figures_unparsed", "figures_outside"]


def corpus_reports_table(root: str | Path | None = None):
    """One row per report of the corpus: citation (file, title, URL, sha256, commit), delivery date, defects,
    and how much of it the parser reads (headline rows; figures read, unparsed and outside the headline)."""
    import pandas as pd

    from ...extract.coverage import coverage

    root = root or corpus_root()
    if root is None:
        raise FileNotFoundError(f"the corpus is not at {DEFAULT_CORPUS} (set DALIAN_REPORTS_CORPUS)")
    out = []
    for doc, account, parsed in corpus_parses(str(root)):
        counts = coverage(account)
        gdp = parsed[(parsed["kind"] == "target") & (parsed["indicator"] == "gdp")]
        base = _base(doc)
        out.append(dict({k: base[k] for k in ("jurisdiction", "jurisdiction_zh", "level", "parent", "report_year",
                                               "delivered", "source_file", "source_url", "corpus_commit", "quality")},
                        title=doc.title or None, sha256=doc.sha256, defects="; ".join(doc.defects) or None,
                        rows=len(parsed), gdp_target=not gdp.empty, figures_read=counts["read"],
                        figures_unparsed=counts["unparsed"],
                        figures_outside=counts["outside_with_indicator"] + counts["outside_other"]))
    frame = pd.DataFrame(out, columns=REPORT_COLUMNS)
    return frame.sort_values(["jurisdiction", "report_year"], kind="stable").reset_index(drop=True)
