"""Every shipped table against its one metadata file: columns, dtypes, allowed values, descriptions, units.

The metadata (data/metadata/<table>.yaml) is written by hand; the data come from the pipeline. These
tests read both and compare, so a description cannot drift from the table it describes.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import dalian_reports as dr
from dalian_reports.pipeline import docs
from dalian_reports.pipeline.metadata import (METADATA_DIR, datapackage, table_metadata, metadata_names)
from dalian_reports.pipeline.tables.catalog import table_names
from dalian_reports.sources.raw import manifest_rows

REPO = Path(__file__).resolve().parents[1]
TABLES = table_names()
PANDAS_DTYPE = {"string": "string", "category": "category", "int64": "int64", "Int64": "Int64",
                "float64": "float64", "boolean": "boolean"}


def test_every_table_has_metadata_and_every_metadata_a_table():
    assert set(metadata_names()) == set(TABLES)
    assert dr.list_tables() == TABLES


@pytest.mark.parametrize("name", TABLES)
def test_columns_in_order_and_dtypes_match(name):
    meta = table_metadata(name)
    df = dr.load_table(name)
    assert list(df.columns) == meta.column_names
    for c in meta.columns:
        assert str(df[c.name].dtype) == PANDAS_DTYPE[c.dtype], (name, c.name, df[c.name].dtype)


@pytest.mark.parametrize("name", TABLES)
def test_allowed_values_cover_the_data_and_ranges_hold(name):
    meta = table_metadata(name)
    df = dr.load_table(name)
    for c in meta.columns:
        col = df[c.name]
        if not c.nullable:
            assert not col.isna().any(), f"{name}.{c.name} has missing values but is not nullable"
        present = col.dropna()
        if c.values:
            unknown = set(present.astype(str) if c.dtype in ("string", "category") else present) - set(c.values)
            assert not unknown, f"{name}.{c.name}: values {sorted(map(str, unknown))} not in its metadata"
        if c.range and len(present):
            low, high = c.range
            assert low is None or present.min() >= low, (name, c.name)
            assert high is None or present.max() <= high, (name, c.name)
        if c.pattern and len(present):
            assert present.astype(str).str.fullmatch(c.pattern).all(), (name, c.name)


@pytest.mark.parametrize("name", TABLES)
def test_every_column_is_described_in_both_languages(name):
    meta = table_metadata(name)
    for text in (meta.title, meta.title_zh, meta.description, meta.description_zh):
        assert text and text.strip()
    for c in meta.columns:
        assert len(c.description) >= 8, f"{name}.{c.name}: no English description"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in c.description_zh), f"{name}.{c.name}: no Chinese description"


@pytest.mark.parametrize("name", TABLES)
def test_a_single_unit_column_declares_it(name):
    """A numeric column whose table has no `unit` column holds one unit, and says which; long tables
    carry a unit per row in their own unit column."""
    meta = table_metadata(name)
    if any(c.name.endswith("unit") for c in meta.columns):
        return
    for c in meta.columns:
        if c.dtype == "float64" and c.name.endswith(("_value", "_high", "_pp", "_pct")):
            assert c.unit, f"{name}.{c.name} holds numbers but names no unit"


@pytest.mark.parametrize("name", TABLES)
def test_primary_keys_are_unique(name):
    meta = table_metadata(name)
    if meta.primary_key:
        df = dr.load_table(name)
        assert not df.duplicated(list(meta.primary_key)).any()


def test_the_shipped_datapackage_is_generated_from_the_metadata():
    shipped = json.loads((REPO / "data" / "processed" / "datapackage.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(datapackage(TABLES, manifest_rows(), dr.__version__), ensure_ascii=False))


def test_get_metadata_serves_the_same_description():
    for name in TABLES:
        assert dr.get_metadata(name) == table_metadata(name)


def test_docstrings_and_readme_are_generated_from_the_metadata():
    for module in docs.LOADER_MODULES:
        text = module.read_text(encoding="utf-8")
        assert docs.loaders_text(text) == text, f"{module.name}: run `dalian-reports docs`"
    assert docs.readme_text(docs.README.read_text(encoding="utf-8")) == docs.README.read_text(encoding="utf-8"), \
        "run `dalian-reports docs`"


def test_loader_docstrings_list_the_columns():
    for name in TABLES:
        loader = table_metadata(name).loader.split("(")[0]
        doc = getattr(dr, loader).__doc__
        for column in table_metadata(name).column_names:
            assert f"``{column}``" in doc, (loader, column)


def test_frictionless_validates_the_data_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(REPO / "data" / "processed" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_unknown_table_name_suggests_the_closest():
    with pytest.raises(KeyError, match="Did you mean 'headline_figures'"):
        dr.load_table("headline_figure")


def test_metadata_files_are_yaml_mappings_named_for_their_table():
    for path in METADATA_DIR.glob("*.yaml"):
        assert table_metadata(path.stem).name == path.stem
