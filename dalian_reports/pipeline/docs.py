"""Generated documentation: the loaders' column lists and the README's table list, from the metadata.

Between the marker lines ``.. columns: <table>`` and ``.. end columns`` in a loader's docstring, and
between ``<!-- tables -->`` and ``<!-- end tables -->`` in the README, the text is generated from
``data/metadata/*.yaml``; ``dalian-reports docs`` rewrites it, and a test checks it is up to date.

>>> "report_year" in column_list("reports", indent="")
True
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

from .._resources import PACKAGE_DIR, REPO
from .metadata import table_metadata
from .tables.catalog import table_names

LOADERS = PACKAGE_DIR / "loaders.py"
LOADER_MODULES = (LOADERS, PACKAGE_DIR / "record.py")   # every module whose docstrings list a table's columns
README = REPO / "README.md"
_DOC_BLOCK = re.compile(r"(?P<indent>[ ]*)\.\. columns: (?P<name>\w+)\n.*?(?P=indent)\.\. end columns\n", re.S)
_README_BLOCK = re.compile(r"<!-- tables -->\n.*?<!-- end tables -->\n", re.S)


def column_list(name: str, indent: str = "        ") -> str:
    """The columns of a table as a reST list for a docstring."""
    meta = table_metadata(name)
    lines = [f"Columns (from data/metadata/{name}.yaml):", ""]
    for c in meta.columns:
        unit = f", {c.unit}" if c.unit else ""
        head = f"- ``{c.name}`` ({c.dtype}{unit}): "
        body = textwrap.wrap(head + c.description, width=104 - len(indent), subsequent_indent="  ")
        lines.extend(body)
    return "\n".join(indent + line if line else "" for line in lines) + "\n"


def loaders_text(text: str) -> str:
    def replace(m: re.Match) -> str:
        indent, name = m.group("indent"), m.group("name")
        return f"{indent}.. columns: {name}\n{column_list(name, indent)}{indent}.. end columns\n"

    return _DOC_BLOCK.sub(replace, text)


def readme_table_list() -> str:
    rows = ["| table | loader | what |", "|---|---|---|"]
    for name in table_names():
        meta = table_metadata(name)
        rows.append(f"| `{name}` | `dr.{meta.loader}` | {meta.description} |")
    return "\n".join(rows) + "\n"


def readme_text(text: str) -> str:
    return _README_BLOCK.sub(lambda m: "<!-- tables -->\n" + readme_table_list() + "<!-- end tables -->\n", text)


def write_docs() -> list[Path]:
    """Rewrite the generated parts of the loaders' docstrings and the README; returns the files changed."""
    from .._atomic import atomic_write_text

    changed = []
    for path, render in [(m, loaders_text) for m in LOADER_MODULES] + [(README, readme_text)]:
        old = path.read_text(encoding="utf-8")
        new = render(old)
        if new != old:
            atomic_write_text(path, new)
            changed.append(path)
    return changed
