"""Exercises for teachers: student notebooks generated from the teacher notebooks.

The teacher notebooks in ``notebooks/exercises/teacher/`` are written in Otter Assign's
authoring format (an ``# ASSIGNMENT CONFIG`` raw cell; ``# BEGIN QUESTION`` / ``# BEGIN
SOLUTION`` / ``# BEGIN TESTS`` blocks; ``# SOLUTION`` line markers). They are committed
executed, every check passing. :func:`generate_student_versions` turns each into its student
version with Otter Assign (run in-process: offline, no PDF, no Docker, no autograder zip),
solutions replaced by ``...`` and the checks kept, stored in the notebook's metadata so that
one ``.ipynb`` file is all a student needs (``grader.check("q1a")`` reads them from there).

Determinism
-----------
Otter Assign gives the cells it creates random ids, and the teacher notebooks carry execution
timestamps and interpreter versions in their metadata. Every student notebook is therefore
normalised before it is written: cell ids ``cell-000``, ``cell-001``, … in order; cell metadata
reduced to what Otter and Jupyter use (``tags``, ``editable``, ``deletable``, ``otter``);
notebook metadata reduced to ``kernelspec``, ``language_info.name`` and ``otter`` (the checks);
no outputs, no execution counts; and each check function is stored as the teacher wrote it
rather than as Otter re-prints it with ``ast.unparse``, whose output changes with the Python
version. The same teacher notebooks thus always give byte-identical student notebooks, on any
supported Python (a test generates twice and compares bytes, and compares with the committed set).

Atomicity
---------
All student notebooks are written to a fresh staging directory beside ``out_dir``
(``.tmp-student.*``, ignored by git); only when every notebook has been generated and validated
is the old ``out_dir`` renamed aside and the staging directory renamed into its place, then the
old one removed. An error or interrupt before the swap leaves ``out_dir`` untouched; the swap
itself is two renames in one directory, during which ``out_dir`` is briefly absent (never
half-written). ``out_dir`` is replaced as a whole: it holds generated files only.

Any file name, any directory
----------------------------
Otter Assign's first cell, ``grader = otter.Notebook("NN_name.ipynb")``, reads the checks from the file of
that exact name in the working directory: a download renamed "NN_name (1).ipynb" by a learning-management
system, or a kernel started elsewhere, loses every check. Each generated notebook's first cell gives Otter
the path that :func:`dalian_reports.exercises.find_notebook` finds by the notebook's Otter metadata, and no
``./tests`` folder (so one in the working directory cannot hide the checks). Under Otter's grading the path
is not used.

The checks' helpers the notebooks import are in the library, :mod:`dalian_reports.exercises`, so that a
student's notebook runs where only the wheel is installed; the notebooks read no file by path.

Grading
-------
:func:`write_autograder_zips` writes, for each exercise, the autograder zip that Otter's own commands
grade with (``otter run -a NN_name-autograder.zip submission.ipynb``; ``otter grade`` in Docker);
``python -m dalian_reports.pipeline.exercises --autograder-zips DIR`` from the command line.

>>> from dalian_reports.pipeline.exercises import generate_student_versions   # doctest: +SKIP
>>> generate_student_versions()                                        # doctest: +SKIP
[PosixPath('.../notebooks/exercises/student/01_gdp_target_gap.ipynb'), ...]
"""
from __future__ import annotations

import ast
import os
import re
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from .._resources import REPO
from .._atomic import TMP_PREFIX, _fsync_dir, _umask

TEACHER_DIR = REPO / "notebooks" / "exercises" / "teacher"
STUDENT_DIR = REPO / "notebooks" / "exercises" / "student"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"

_CELL_METADATA_KEYS = ("deletable", "editable", "otter", "tags")

#: Otter Assign's first cell: reads the checks from a file of this exact name in the working directory.
_OTTER_INIT = re.compile(r'^# Initialize Otter\nimport otter\ngrader = otter\.Notebook\("[^"\n]*"\)\s*$')
#: What replaces it: Otter's grader on the notebook's own file, found under any name and from any directory.
INIT_SOURCE = ("# Initialize Otter: the checks are stored in this notebook, found under any file name\n"
               "import otter\n"
               "from dalian_reports.exercises import find_notebook\n"
               "grader = otter.Notebook(find_notebook(\"{name}\", warn=True), tests_dir=\"\")")


# ------------------------------------------------------------------ generation

def teacher_notebooks(teacher_dir: str | os.PathLike = TEACHER_DIR) -> list[Path]:
    """The teacher notebooks (``NN_name.ipynb``) in *teacher_dir*, in order."""
    return sorted(Path(teacher_dir).glob(NOTEBOOK_GLOB))


def generate_student_versions(teacher_dir: str | os.PathLike = TEACHER_DIR,
                              out_dir: str | os.PathLike = STUDENT_DIR, *,
                              autograder_dir: str | os.PathLike | None = None) -> list[Path]:
    """Write the student version of every teacher notebook into *out_dir*; return their paths.

    Each notebook goes through Otter Assign in a temporary directory; the student notebooks are
    normalised (see the module docstring) and then replace *out_dir* as a whole, atomically.
    The autograder notebooks (solutions kept, ``grader.check`` cells added) are not kept unless
    *autograder_dir* is given: then they are written there, normalised the same way (tests use
    this to run every check against the solutions).
    """
    import nbformat

    teacher_dir, out_dir = Path(teacher_dir), Path(out_dir)
    masters = teacher_notebooks(teacher_dir)
    if not masters:
        raise FileNotFoundError(f"no teacher notebooks ({NOTEBOOK_GLOB}) in {teacher_dir}")
    students: dict[str, str] = {}
    graders: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="dalian-exercises-") as work:
        for master in masters:
            result = Path(work) / master.stem
            _otter_assign(master, result, Path(work))
            tests = _test_sources(master)
            students[master.name] = _normalised(result / "student" / master.name, tests)
            graders[master.name] = _normalised(result / "autograder" / master.name, tests)
    for text in students.values():
        nbformat.validate(nbformat.reads(text, as_version=4))
    written = _replace_directory(out_dir, students)
    if autograder_dir is not None:
        _replace_directory(Path(autograder_dir), graders)
    return written


def _otter_assign(master: Path, result: Path, work: Path) -> None:
    """Otter Assign for one notebook, offline: no PDFs, no autograder zip, no test run.

    The teacher notebooks' config already says ``generate: false`` and ``run_tests: false``;
    ``no_pdfs``/``no_run_tests`` make sure of it. Otter makes a temporary directory of its own
    for the tests of the autograder zip and removes it only when it builds the zip, so
    ``tempfile`` points into *work* meanwhile, which is removed as a whole afterwards.
    """
    from otter.assign import main as otter_assign

    saved_tempdir = tempfile.tempdir
    tempfile.tempdir = str(work)
    try:
        otter_assign(str(master), str(result), no_pdfs=True, no_run_tests=True)
    finally:
        tempfile.tempdir = saved_tempdir
    student = result / "student" / master.name
    if not student.is_file():
        raise RuntimeError(f"Otter Assign wrote no student notebook for {master.name}")


def _test_sources(master: Path) -> dict[str, str]:
    """Test function name -> its source exactly as written in the teacher notebook's test cells."""
    import nbformat

    sources: dict[str, str] = {}
    in_tests = False
    for cell in nbformat.read(master, as_version=4).cells:
        head = cell.source.lstrip().upper()
        if cell.cell_type == "raw" and head.startswith(("# BEGIN TESTS", "# END TESTS")):
            in_tests = head.startswith("# BEGIN TESTS")
        elif in_tests and cell.cell_type == "code":
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.FunctionDef):
                    if node.name in sources:
                        raise ValueError(f"{master.name}: two test functions named {node.name!r}")
                    sources[node.name] = ast.get_source_segment(cell.source, node)
    return sources


def _verbatim_tests(tests: dict, sources: dict[str, str]) -> dict:
    """Otter's exception-based test files with each test function as the teacher wrote it.

    Otter stores ``ast.unparse`` of each test function, whose output differs between Python
    versions (3.10 parenthesises loop targets; 3.12 nests quotes inside f-strings, which 3.10 and
    3.11 cannot even parse). Putting the teacher's own text back makes the student notebooks the
    same on every Python and keeps the teacher's comments in the checks.
    """
    out = {}
    for question, text in tests.items():
        lines = text.split("\n")
        functions = [n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef)]
        for node in sorted(functions, key=lambda n: n.lineno, reverse=True):
            if node.name not in sources:
                raise ValueError(f"test {node.name!r} of {question!r} not found in the teacher notebook")
            lines[node.lineno - 1:node.end_lineno] = sources[node.name].split("\n")
        out[question] = "\n".join(lines)
    return out


def _normalised(path: Path, test_sources: dict[str, str]) -> str:
    """The notebook at *path* without volatile parts, as the text to write (see module docstring)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    name = nb.metadata.get("otter", {}).get("assignment_name") or path.stem
    inits = [c for c in nb.cells if c.cell_type == "code" and _OTTER_INIT.match(c.source)]
    if len(inits) != 1:
        raise RuntimeError(f"{path.name}: expected one Otter init cell, found {len(inits)}")
    inits[0].source = INIT_SOURCE.format(name=name)
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:03d}"
        cell["metadata"] = {k: cell["metadata"][k] for k in _CELL_METADATA_KEYS if k in cell["metadata"]}
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    metadata = {"kernelspec": nb.metadata.get("kernelspec", {"display_name": "Python 3", "language": "python",
                                                              "name": "python3"}),
                "language_info": {"name": nb.metadata.get("language_info", {}).get("name", "python")}}
    if "otter" in nb.metadata:
        metadata["otter"] = dict(nb.metadata["otter"])
        if metadata["otter"].get("OK_FORMAT") is False and "tests" in metadata["otter"]:
            metadata["otter"]["tests"] = _verbatim_tests(metadata["otter"]["tests"], test_sources)
    nb.metadata = nbformat.from_dict(metadata)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nbformat.writes(nb) + "\n"


def write_autograder_zips(out_dir: str | os.PathLike, teacher_dir: str | os.PathLike = TEACHER_DIR) -> list[Path]:
    """Write Otter's autograder zip of every exercise into *out_dir* as ``NN_name-autograder.zip``.

    Otter Assign runs on a copy of each teacher notebook whose config says ``generate: true`` (offline: no
    PDF, no test run). A zip holds the checks as test files; ``otter run -a ZIP submission.ipynb`` grades one
    submission in the current environment, ``otter grade -a ZIP DIR`` grades a folder in Docker.

    Parameters
    ----------
    out_dir : str or path-like
        Folder to write the zips into (created if missing; existing zips of the same name are replaced).
    teacher_dir : str or path-like, optional
        The teacher notebooks (default: ``notebooks/exercises/teacher``).

    Returns
    -------
    list of pathlib.Path
        The zips written, in the order of the exercises.
    """
    import nbformat

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="dalian-autograder-") as work:
        for master in teacher_notebooks(teacher_dir):
            nb = nbformat.read(master, as_version=4)
            config = nb.cells[0]
            if not config.source.startswith("# ASSIGNMENT CONFIG") or "generate: false" not in config.source:
                raise RuntimeError(f"{master.name}: the first cell must be the ASSIGNMENT CONFIG, "
                                   f"with 'generate: false'")
            config.source = config.source.replace("generate: false", "generate: true")
            copy = Path(work) / "masters" / master.name
            copy.parent.mkdir(exist_ok=True)
            nbformat.write(nb, copy)
            result = Path(work) / master.stem
            _otter_assign(copy, result, Path(work))
            zips = sorted((result / "autograder").glob("*-autograder_*.zip"))
            if len(zips) != 1:
                raise RuntimeError(f"Otter Assign wrote {len(zips)} autograder zips for {master.name}")
            target = out_dir / f"{master.stem}-autograder.zip"
            shutil.copyfile(zips[0], target)
            written.append(target)
    return written


def _replace_directory(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Make *out_dir* hold exactly *files* (name -> text): staged beside it, then swapped in."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{out_dir.name}.", dir=out_dir.parent))
    try:
        os.chmod(staging, 0o777 & ~_umask())
        for name, text in files.items():
            with open(staging / name, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        _fsync_dir(staging)
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f"{TMP_PREFIX}{out_dir.name}.{secrets.token_hex(6)}.old")
            os.rename(out_dir, old)
        try:
            os.rename(staging, out_dir)
        except BaseException:
            if old is not None:
                os.rename(old, out_dir)
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(out_dir.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return [out_dir / name for name in files]


def main(argv: list[str] | None = None) -> int:
    """``dalian-reports exercises``: regenerate the student notebooks and print what was written."""
    import argparse

    parser = argparse.ArgumentParser(prog="dalian-reports exercises", description=main.__doc__)
    parser.add_argument("--teacher-dir", type=Path, default=TEACHER_DIR)
    parser.add_argument("--out-dir", type=Path, default=STUDENT_DIR)
    parser.add_argument("--autograder-zips", type=Path, metavar="DIR",
                        help="instead, write Otter's autograder zip of each exercise into DIR (for otter run / grade)")
    args = parser.parse_args(argv)
    if args.autograder_zips is not None:
        for path in write_autograder_zips(args.autograder_zips, args.teacher_dir):
            print(f"wrote {path}")
        return 0
    written = generate_student_versions(args.teacher_dir, args.out_dir)
    for path in written:
        shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        print(f"wrote {shown}")
    print(f"dalian-reports: wrote {len(written)} student notebooks")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
