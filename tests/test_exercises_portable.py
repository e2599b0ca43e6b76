"""The student notebooks work under any file name and from any directory, read no file by path, and are graded
by Otter's own commands.

Renamed copies of every notebook are run with only the wheel installed in ``tests/test_exercises.py``; here: no
notebook opens a file, the grader finds its notebook by the notebook's metadata (and says what to do when it
cannot), and the teachers' guide's grading route — autograder zips, then ``otter run`` on a renamed
submission — works as written.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from dalian_reports.exercises import find_notebook
from dalian_reports.pipeline.exercises import TEACHER_DIR, generate_student_versions, main, teacher_notebooks

pytestmark = pytest.mark.filterwarnings("ignore:Traits should be given as instances:DeprecationWarning")

OTTER = Path(sys.executable).with_name("otter")


def test_student_notebooks_read_no_file_by_path(tmp_path):
    """No cell or check opens a file: everything comes through the library's shipped tables."""
    generate_student_versions(TEACHER_DIR, tmp_path / "student")
    reads = re.compile(r"\b(open|read_csv|read_excel|read_json|read_parquet|Path|loadtxt|glob)\s*\(|\.ipynb")
    for path in sorted((tmp_path / "student").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        sources = [c.source for c in nb.cells if c.cell_type == "code"] + list(nb.metadata["otter"]["tests"].values())
        for source in sources:
            code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
            found = reads.search(code)
            assert not found, f"{path.name} reads a file: {found.group(0)!r} in\n{source[:400]}"


def test_the_grader_finds_the_notebook_by_its_metadata(tmp_path, monkeypatch, capsys):
    student = generate_student_versions(TEACHER_DIR, tmp_path / "student")[0]
    assignment = student.stem
    first = nbformat.read(student, as_version=4).cells[0].source
    assert f'find_notebook("{assignment}", warn=True)' in first and 'tests_dir=""' in first, first
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    folder = tmp_path / "class"
    folder.mkdir()
    renamed = folder / f"{assignment} (3).ipynb"
    shutil.copy(student, renamed)
    (folder / "notes.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    assert find_notebook(assignment, folder) == str(renamed.resolve())
    assert find_notebook("99_no_such_exercise", folder) is None
    monkeypatch.chdir(tmp_path)                        # elsewhere, no session: say what to do
    assert find_notebook(assignment, warn=True) is None
    assert "name the file in this cell" in capsys.readouterr().out
    monkeypatch.setenv("JPY_SESSION_NAME", str(renamed))   # as Jupyter tells the kernel
    assert find_notebook(assignment) == str(renamed.resolve())


def test_autograder_zips_grade_a_renamed_submission_with_otter_run(tmp_path, capsys):
    """The guide's commands: write the zips, then `otter run -a ZIP -o OUT "NN_name (1).ipynb"`."""
    name = teacher_notebooks(TEACHER_DIR)[-1].stem
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    shutil.copy(TEACHER_DIR / f"{name}.ipynb", teacher)
    assert main(["--teacher-dir", str(teacher), "--autograder-zips", str(tmp_path / "grading")]) == 0
    assert f"wrote {tmp_path / 'grading' / f'{name}-autograder.zip'}" in capsys.readouterr().out
    generate_student_versions(teacher, tmp_path / "student", autograder_dir=tmp_path / "solved")
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    for who, source in (("good", tmp_path / "solved"), ("blank", tmp_path / "student")):
        shutil.copy(source / f"{name}.ipynb", submissions / f"{who} {name} (1).ipynb")
    scores = {}
    for who in ("good", "blank"):
        out = tmp_path / "results" / who
        out.mkdir(parents=True)
        done = subprocess.run([str(OTTER), "run", "-a", str(tmp_path / "grading" / f"{name}-autograder.zip"),
                               "-o", str(out), str(submissions / f"{who} {name} (1).ipynb")],
                              capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]
        tests = json.loads((out / "results.json").read_text(encoding="utf-8"))["tests"]
        scores[who] = [t["score"] for t in tests if "score" in t]
    assert scores["good"] and all(s == 1 for s in scores["good"]), scores
    assert scores["blank"] and all(s == 0 for s in scores["blank"]), scores
