"""The teacher exercises: teacher notebooks pass their checks, student notebooks run and hold no
solutions, and generating the student set is deterministic, atomic and in sync with the commit.

Every notebook is executed with nbclient in a fresh kernel. The teacher notebooks run in place, from the
checkout. The autograder notebooks (solutions plus ``grader.check`` cells) and the student notebooks run the way
a course runs them: renamed as a learning-management system renames a download ("NN_name (1).ipynb"), with the
library imported from a wheel built from this checkout (no checkout on the path), the student notebooks in their
own folder and the autograder notebooks from another folder (which holds a ``tests`` folder of its own, Otter's
default) with the notebook named in ``JPY_SESSION_NAME``, as JupyterLab does. The notebook runs are started
together on a small thread pool.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from dalian_reports.pipeline import exercises
from dalian_reports.pipeline.exercises import STUDENT_DIR, TEACHER_DIR, generate_student_versions, teacher_notebooks

pytestmark = pytest.mark.filterwarnings("ignore:Traits should be given as instances:DeprecationWarning")

REPO = Path(__file__).resolve().parents[1]
TEACHERS = teacher_notebooks(TEACHER_DIR)
NAMES = [path.name for path in TEACHERS]
PASSED = "All test cases passed!"
FAILED = "❌ Test case failed"


def _execute(path: Path, cwd: Path | None = None, env: dict | None = None) -> nbformat.NotebookNode:
    """Run *path* top to bottom in a fresh kernel (cwd: its directory unless given); raise on any cell error."""
    nb = nbformat.read(path, as_version=4)
    if env is not None:
        nb.cells.append(nbformat.v4.new_code_cell("import dalian_reports\nprint('LIBRARY', dalian_reports.__file__)"))
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(cwd or path.parent)}})
    client.execute(**({} if env is None else {"env": env}))
    return nb


def _outputs_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def _check_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]


def _solution_lines(teacher: Path) -> tuple[set[str], set[str]]:
    """(lines of solution code and written answers, lines of the teacher's test cells) of a teacher notebook."""
    nb = nbformat.read(teacher, as_version=4)
    solution, tests, kept, block = set(), set(), set(), None
    for cell in nb.cells:
        first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
        if cell.cell_type == "raw" and first.upper().startswith(("# BEGIN ", "# END ")):
            word = first.split()[2].lower()
            block = word if first.upper().startswith("# BEGIN ") and word in ("solution", "tests") else None
            continue
        if block == "tests":
            tests.update(line.strip() for line in cell.source.splitlines())
        elif block == "solution":
            inside = cell.cell_type == "markdown"
            for line in cell.source.splitlines():
                stripped = line.strip()
                if stripped.startswith("# BEGIN SOLUTION"):
                    inside = True
                elif stripped.startswith("# END SOLUTION"):
                    inside = False
                elif stripped.endswith("# SOLUTION"):
                    solution.add(stripped.removesuffix("# SOLUTION").strip())
                else:
                    (solution if inside else kept).add(stripped)
        else:
            kept.update(line.strip() for line in cell.source.splitlines())
    # a line the student version legitimately shows elsewhere (e.g. a prompt) is not a leak
    return {line for line in solution if len(line) >= 8 and line not in kept}, tests


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Generate the student set twice (and the autograder notebooks once) into temporary directories."""
    base = tmp_path_factory.mktemp("exercises")
    first = generate_student_versions(TEACHER_DIR, base / "student_a", autograder_dir=base / "autograder")
    second = generate_student_versions(TEACHER_DIR, base / "student_b")
    return {"a": first, "b": second, "autograder": base / "autograder", "base": base}


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory):
    """The package installed from a wheel of this checkout into a folder of its own (a course environment)."""
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(wheels), str(REPO)], check=True, capture_output=True)
    site = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                    str(next(wheels.glob("dalian_reports-*.whl")))], check=True, capture_output=True)
    return site


@pytest.fixture(scope="module")
def runs(generated, wheel_site):
    """Execute every teacher notebook in place and renamed copies of every autograder and student notebook
    (see the module docstring), concurrently; (kind, name) -> notebook or exception."""
    base = generated["base"]
    downloads, elsewhere = base / "Downloads", base / "elsewhere"
    downloads.mkdir()
    (elsewhere / "tests").mkdir(parents=True)          # Otter's default test folder, empty: must not be used
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JPY_", "DALIAN_REPORTS"))}
    env.update(PYTHONPATH=str(wheel_site), PYTHONDONTWRITEBYTECODE="1")
    jobs = {("teacher", path.name): (path, None, None) for path in TEACHERS}
    for path in TEACHERS:
        graded = downloads / f"{path.stem} (1).ipynb"
        shutil.copy(generated["autograder"] / path.name, graded)
        jobs[("autograder", path.name)] = (graded, elsewhere, {**env, "JPY_SESSION_NAME": str(graded)})
        student = downloads / f"{path.stem} (2).ipynb"
        shutil.copy(base / "student_a" / path.name, student)
        jobs[("student", path.name)] = (student, None, env)

    def run(job):
        try:
            return _execute(*job)
        except Exception as exc:  # reported by the test that looks at this notebook
            return exc

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = dict(zip(jobs, pool.map(run, jobs.values())))
    return results, wheel_site


def _ran(runs, kind: str, name: str) -> nbformat.NotebookNode:
    results, wheel_site = runs
    result = results[(kind, name)]
    if isinstance(result, Exception):
        pytest.fail(f"{kind} notebook {name} failed to run:\n{str(result)[-3000:]}")
    if kind != "teacher":
        library = _outputs_text(result.cells[-1])
        assert f"LIBRARY {wheel_site}" in library, f"the {kind} notebook did not use the installed wheel: {library}"
    return result


def test_there_are_at_least_nine_exercises():
    assert len(TEACHERS) >= 9, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_teacher_notebook_runs_with_every_check_passing(runs, name):
    nb = _ran(runs, "teacher", name)  # a failing check raises AssertionError in its test cell
    assert any(c.cell_type == "raw" and c.source.startswith("# ASSIGNMENT CONFIG") for c in nb.cells)
    assert any(c.cell_type == "raw" and c.source.startswith("# BEGIN TESTS") for c in nb.cells)


@pytest.mark.parametrize("name", NAMES)
def test_checks_pass_on_the_solutions_as_students_run_them(runs, name):
    """The tests Otter extracted into the notebook metadata pass when grader.check runs them on the solutions,
    in a renamed copy run from another folder with only the wheel installed."""
    nb = _ran(runs, "autograder", name)
    checks = _check_cells(nb)
    assert checks, "no grader.check cells"
    for cell in checks:
        assert PASSED in _outputs_text(cell), f"{cell.source}: {_outputs_text(cell)[:2000]}"


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_runs_and_reports_unanswered_questions(runs, name):
    nb = _ran(runs, "student", name)  # allow_errors=False: an unanswered question must not crash a cell
    checks = _check_cells(nb)
    assert checks, "no grader.check cells"
    for cell in checks:
        text = _outputs_text(cell)
        assert FAILED in text and PASSED not in text, f"{cell.source} should fail while unanswered: {text[:1000]}"
        assert "NameError" not in text and "FileNotFoundError" not in text, f"{cell.source}: {text[:1000]}"


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_holds_no_solution(generated, name):
    solution, teacher_tests = _solution_lines(TEACHER_DIR / name)
    assert solution, "found no solution lines in the teacher notebook"
    student_path = next(p for p in generated["a"] if p.name == name)
    student = nbformat.read(student_path, as_version=4)
    cell_lines = {line.strip() for cell in student.cells for line in cell.source.splitlines()}
    leaked = sorted(solution & cell_lines)
    assert not leaked, f"solution lines in the student cells: {leaked[:5]}"
    test_lines = {line.strip() for text in student.metadata["otter"]["tests"].values() for line in text.splitlines()}
    leaked = sorted((solution - teacher_tests) & test_lines)
    assert not leaked, f"solution lines in the student notebook's tests: {leaked[:5]}"
    raw = student_path.read_text(encoding="utf-8")
    for marker in ("# SOLUTION", "BEGIN SOLUTION", "END SOLUTION", "otter_assign_solution_cell", "# BEGIN TESTS"):
        assert marker not in raw, f"{marker!r} left in the student notebook"
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")


def test_generation_is_deterministic(generated):
    names = [p.name for p in generated["a"]]
    assert names == [p.name for p in generated["b"]] == NAMES
    for a, b in zip(generated["a"], generated["b"]):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two generations"


def test_committed_student_set_is_in_sync(generated):
    committed = sorted(p.name for p in STUDENT_DIR.glob("*.ipynb"))
    assert committed == NAMES, f"notebooks/exercises/student holds {committed}; regenerate with `make exercises`"
    for path in generated["a"]:
        assert (STUDENT_DIR / path.name).read_bytes() == path.read_bytes(), (
            f"notebooks/exercises/student/{path.name} is out of date: run `make exercises`")


def test_student_notebooks_are_normalised(generated):
    for path in generated["a"]:
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert [c["id"] for c in nb["cells"]] == [f"cell-{i:03d}" for i in range(len(nb["cells"]))]
        assert set(nb["metadata"]) == {"kernelspec", "language_info", "otter"}
        assert all("execution" not in c["metadata"] for c in nb["cells"])
        nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


def test_teacher_notebooks_are_committed_executed():
    for path in TEACHERS:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        assert all(c.execution_count is not None for c in code), f"{path.name} has unexecuted cells"
        assert not [o for c in code for o in c.outputs if o.output_type == "error"], f"{path.name} has errors"


def test_generation_replaces_the_directory_atomically(tmp_path, monkeypatch):
    out = tmp_path / "student"
    out.mkdir()
    (out / "stale.ipynb").write_text("old", encoding="utf-8")
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    for path in TEACHERS[:2]:
        shutil.copy(path, teacher / path.name)

    real = exercises._otter_assign
    calls = []

    def fail_on_second(master, result, work):
        calls.append(master.name)
        if len(calls) == 2:
            raise RuntimeError("simulated failure")
        real(master, result, work)

    monkeypatch.setattr(exercises, "_otter_assign", fail_on_second)
    with pytest.raises(RuntimeError, match="simulated"):
        generate_student_versions(teacher, out)
    assert sorted(p.name for p in out.iterdir()) == ["stale.ipynb"], "a failed run must leave the old set untouched"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")], "staging directory left behind"

    monkeypatch.setattr(exercises, "_otter_assign", real)
    written = generate_student_versions(teacher, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written) == [p.name for p in TEACHERS[:2]]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_main_prints_what_it_wrote(tmp_path, capsys):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    shutil.copy(TEACHERS[0], teacher / TEACHERS[0].name)
    assert exercises.main(["--teacher-dir", str(teacher), "--out-dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"wrote {tmp_path / 'out' / TEACHERS[0].name}" in out
    assert "wrote 1 student notebooks" in out
