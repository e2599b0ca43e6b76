"""The catalogue of tables the pipeline builds: name and builder, in the order they are shipped.

What each table *is* (title, columns, units, meanings) is in its metadata, ``data/metadata/<name>.yaml``.

>>> [t.name for t in TABLES][:2]
['reports', 'year_restorations']
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    name: str
    builder: str  # "module:function"
    kwargs: dict = field(default_factory=dict)
    needs_corpus: bool = False   # built from ../shared/corpus; without it the committed table is kept

    def build(self):
        """The table: the committed one when it was built from exactly the current inputs (see
        :mod:`.reuse`) or, for a whole-record table, when the corpus is absent; else built now."""
        return committed_table(self.name) if self.reusable() is not None else self.compute()

    def compute(self):
        """The table from its inputs (for a whole-record table without the corpus: the committed one)."""
        if self.needs_corpus and _corpus_root() is None:
            return committed_table(self.name)
        module, function = self.builder.split(":")
        return getattr(importlib.import_module(module), function)(**self.kwargs)

    def reusable(self) -> bytes | None:
        """The committed file's bytes when they are byte for byte what a build from the current inputs wrote
        (and validated) before; else None (always None without the corpus, whose files are inputs)."""
        from ..build import PROCESSED_DIR
        from .reuse import reusable

        root = _corpus_root()
        if root is None or not reusable(self.name, str(root), PROCESSED_DIR):
            return None
        return (PROCESSED_DIR / f"{self.name}.csv").read_bytes()


def _corpus_root():
    from .panel import corpus_root

    return corpus_root()


def corpus_available() -> bool:
    """True when the corpus the whole-record tables are built from is beside the checkout."""
    from .panel import corpus_root

    return corpus_root() is not None


def committed_table(name: str):
    """The committed CSV of a table (``data/processed``), typed by its metadata: what a build without the corpus
    keeps, so the data product never silently shrinks."""
    from ..._load import load_table
    from ..build import PROCESSED_DIR

    path = PROCESSED_DIR / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the corpus is absent and no committed {name} table exists to keep "
                                "(clone the lawtext/gov corpus beside the checkout; see README)")
    return load_table(name)


_P = "dalian_reports.pipeline.tables"
TABLES: list[TableSpec] = [
    TableSpec("reports", "dalian_reports.sources.reports:reports"),
    TableSpec("year_restorations", "dalian_reports.sources.years:year_restorations"),
    TableSpec("headline_figures", f"{_P}.headline:headline_figures"),
    TableSpec("unparsed", f"{_P}.headline:unparsed"),
    TableSpec("compare_languages", f"{_P}.headline:compare_languages"),
    TableSpec("fyp13_indicators", f"{_P}.plans:plan13_status"),
    TableSpec("fyp14_indicators", f"{_P}.plans:plan14_implied_growth"),
    TableSpec("inconsistencies", f"{_P}.consistency:inconsistencies"),
    TableSpec("district_vs_city", f"{_P}.district:district_vs_city"),
    TableSpec("target_ladder", f"{_P}.targets:target_ladder_long"),
    TableSpec("target_vs_outcome", f"{_P}.targets:target_vs_outcome"),
    TableSpec("reference_series", f"{_P}.reference:reference_series_table"),
    TableSpec("targets_panel", f"{_P}.panel:targets_panel", needs_corpus=True),
    TableSpec("corpus_reports", f"{_P}.panel:corpus_reports_table", needs_corpus=True),
    TableSpec("seed_vs_corpus", f"{_P}.reconcile:seed_vs_corpus", needs_corpus=True),
]


def table_names() -> list[str]:
    return [t.name for t in TABLES]


def spec(name: str) -> TableSpec:
    for table in TABLES:
        if table.name == name:
            return table
    raise KeyError(f"unknown table {name!r}; known: {table_names()}")


def build_table(name: str):
    """Build one table from the sources (what the pipeline writes to data/processed/)."""
    return spec(name).build()
