"""The layering of the package and the weight of its import."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dalian_reports"

# layer of each part of the package; a module may import only its own layer or lower ones.
# The library is everything but `pipeline`, which runs from a checkout and comes last.
LAYERS = {"errors": 0, "_resources": 0, "_atomic": 0, "_metadata": 0, "_csv": 0, "vocab": 1, "sources": 2, "extract": 3,
          "verdicts": 4, "_load": 4, "loaders": 4, "record": 4, "exercises": 4, "plots": 5, "pipeline": 6}


def _layer(module_path: Path) -> int:
    rel = module_path.relative_to(PACKAGE)
    return LAYERS[rel.parts[0].removesuffix(".py")] if rel.parts[0] != "__init__.py" else 6


def _imported_parts(tree: ast.AST, module_path: Path) -> set[str]:
    parts = set()
    rel_pkg = module_path.relative_to(PACKAGE).parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel_pkg[: len(rel_pkg) - (node.level - 1)])
                target = base + (node.module.split(".") if node.module else [])
                if not target:
                    target = [alias.name for alias in node.names]
                parts.update([target[0]] if target else [])
            elif node.module and node.module.startswith("dalian_reports."):
                parts.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("dalian_reports."):
                    parts.add(alias.name.split(".")[1])
    return parts


def test_each_layer_imports_only_the_layers_before_it():
    offences = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py" and path.parent == PACKAGE:
            continue
        own = _layer(path)
        for part in _imported_parts(ast.parse(path.read_text(encoding="utf-8")), path):
            part = part.removesuffix(".py")
            if part in LAYERS and LAYERS[part] > own:
                offences.append(f"{path.relative_to(PACKAGE)} imports {part}")
    assert not offences, offences


def test_import_is_light():
    code = ("import sys, dalian_reports; "
            "heavy = [m for m in ('pandas', 'matplotlib', 'numpy', 'openpyxl', 'seaborn', 'cn2an', 'pandera') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_library_never_imports_the_pipeline_or_its_dependencies():
    offences = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "pipeline":
            continue
        text = path.read_text(encoding="utf-8")
        for word in ("pipeline", "import yaml", "import pandera", "nbclient", "otter"):
            for line in text.splitlines():
                stripped = line.strip()
                if stripped.startswith(("import ", "from ")) and word in stripped:
                    offences.append(f"{rel}: {stripped}")
    assert not offences, offences


def test_every_part_of_the_package_has_a_layer():
    parts = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in PACKAGE.glob("*")
             if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())}
    assert parts - {"__init__"} <= set(LAYERS), parts - set(LAYERS) - {"__init__"}
