"""Interrupt-safe outputs: SIGINT, SIGTERM, SIGHUP and SIGKILL at the dangerous moments.

A child process runs an update (the real build, or :func:`atomic_directory_update` on a set of files)
into a temporary folder that holds a previous version of every output. Hooks on ``os.replace``,
``os.link``, ``os.unlink`` and the temporary-file writer *pause* the child at a chosen moment: while
writing temporaries, between two backups, right after the k-th rename (before any bookkeeping), after
the last rename, after the commit, and during a roll-back. The test sends the signal during the pause
and then checks the whole set: every output is its previous version, or every output is its new
version - never a mix - and no ``.tmp-*`` file is left. After SIGKILL (which runs no Python code) the
set may be mixed on disk until the next update; the tests check that the next update (and the build)
rolls it back first and leaves no leftovers.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dalian_reports import _atomic
from dalian_reports._atomic import TMP_PREFIX, atomic_directory_update, recover_interrupted_updates
from dalian_reports.pipeline import build as build_mod

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

EXIT_INTERRUPTED = 130
N_FILES = 12  # synthetic update: 11 existing files in two folders and one new file

HOOKS = r'''
import os, signal, sys, time
from pathlib import Path
from dalian_reports import _atomic

signal.signal(signal.SIGINT, signal.default_int_handler)  # a background job may start with SIGINT ignored
def parse(pauses):
    return [(m, int(k)) for m, k in (p.split(":") for p in pauses.split(",") if p)]

ROOT, PAUSES, COUNTS, DONE = Path(sys.argv[1]), parse(sys.argv[2]), {}, []

def pause(moment):
    """Pause at the moments asked for on the command line; the test signals during the pause."""
    COUNTS[moment] = COUNTS.get(moment, 0) + 1
    if (moment, COUNTS[moment]) in PAUSES:
        DONE.append(moment)
        (ROOT / "paused").write_text(str(len(DONE)))
        go, deadline = ROOT / "go", time.monotonic() + 600
        while time.monotonic() < deadline and not (go.exists() and go.read_text() == str(len(DONE))):
            time.sleep(0.01)          # the test sends its signal now, then says "go"

real_replace, real_link, real_unlink, real_write = os.replace, os.link, os.unlink, _atomic._write_temp

def replace(src, dst):
    real_replace(src, dst)              # the rename is done; pause before any bookkeeping
    if str(src).endswith(".bak"):
        pause("restore")
    elif Path(src).name.startswith(".tmp-"):
        pause("replace")

def link(src, dst):
    real_link(src, dst)
    pause("link")

def unlink(path, *args, **kwargs):
    real_unlink(path, *args, **kwargs)
    if str(path).endswith(".bak"):
        pause("drop_backup")           # after the commit: the backups are being removed

def write(target, data):
    tmp = real_write(target, data)
    pause("write")
    return tmp

os.replace, os.link, os.unlink, _atomic._write_temp = replace, link, unlink, write
'''

SYNTHETIC = HOOKS + r'''
from dalian_reports._atomic import atomic_directory_update, interrupts_raise
from dalian_reports.errors import Interrupted
targets = [ROOT / ("a" if i % 2 else "b") / f"f{i:02d}.csv" for i in range(N_FILES)]
try:
    with interrupts_raise():
        atomic_directory_update({p: f"new {p.name}\n".encode() for p in targets})
except Interrupted as exc:
    print(f"interrupted by {exc.signame}", file=sys.stderr)
    sys.exit(130)
'''.replace("N_FILES", str(N_FILES))

# ----------------------------------------------------------------------------------- helpers

def synthetic_targets(root: Path) -> list[Path]:
    return [root / ("a" if i % 2 else "b") / f"f{i:02d}.csv" for i in range(N_FILES)]


def make_old(paths: list[Path]) -> dict[Path, bytes | None]:
    """Previous versions of every path but the last (which the update creates); returns path -> old bytes."""
    old: dict[Path, bytes | None] = {}
    for path in paths[:-1]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"old {path.name}\n".encode())
        old[path] = path.read_bytes()
    old[paths[-1]] = None
    paths[-1].parent.mkdir(parents=True, exist_ok=True)
    return old


def state_of(old: dict[Path, bytes | None], new: dict[Path, bytes]) -> str:
    """'old' or 'new' when the whole set is one version; otherwise a description of the mix."""
    now = {p: (p.read_bytes() if p.exists() else None) for p in old}
    if now == old:
        return "old"
    if now == new:
        return "new"
    return "MIX: " + ", ".join(f"{p.name}={'old' if now[p] == old[p] else 'new' if now[p] == new[p] else now[p]!r}"
                               for p in old)


def leftovers(*dirs: Path) -> list[str]:
    return sorted(p.name for d in dirs if d.is_dir() for p in d.iterdir() if p.name.startswith(TMP_PREFIX))


def run_child(script: str, root: Path, pauses: str, signals: list[int], timeout: float = 240):
    """Start ``script`` with the pauses; send ``signals[i]`` at the (i+1)-th pause; return (rc, stderr)."""
    err = root / "stderr.txt"
    with open(err, "wb") as fh:
        child = subprocess.Popen([sys.executable, "-c", script, str(root), pauses], stderr=fh, stdout=fh)
    try:
        for i, signum in enumerate(signals, 1):
            _wait_for_pause(root, i, child, timeout)
            _signal_and_go(child, signum, root, i)
        child.wait(timeout)
    finally:
        if child.poll() is None:  # pragma: no cover - a hung child
            child.kill()
    return child.returncode, err.read_text(errors="replace")


def _signal_and_go(child, signum: int, root: Path, number: int) -> None:
    """Send the signal during the child's pause (``child``: a Popen or a pid), then let the child go on."""
    if isinstance(child, int):
        os.kill(child, signum)
    else:
        child.send_signal(signum)
    time.sleep(0.05)  # let the signal arrive while the child is still paused
    (root / "go").write_text(str(number))


def _wait_for_pause(root: Path, number: int, child, timeout: float) -> None:
    marker, deadline = root / "paused", time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists() and marker.read_text() == str(number):
            return
        if child.poll() is not None:
            raise AssertionError(f"the child ended (rc {child.returncode}) before pause {number}: "
                                 f"{(root / 'stderr.txt').read_text(errors='replace')[-2000:]}")
        time.sleep(0.02)
    raise AssertionError(f"pause {number} never came")  # pragma: no cover


# ------------------------------------------------------------ each signal at each dangerous moment

SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM, "SIGHUP": getattr(signal, "SIGHUP", None)}
SIGNALS_ALL = {**SIGNALS, "SIGKILL": getattr(signal, "SIGKILL", None)}
MOMENTS = {  # pause -> the set expected afterwards
    "write:3": "old",            # writing temporaries (nothing renamed)
    "link:2": "old",             # between two backups
    "replace:1": "old",          # right after the first rename, before its bookkeeping
    f"replace:{N_FILES // 2}": "old",   # half-way through the renames
    f"replace:{N_FILES}": "old",        # after the last rename, before the commit
    "drop_backup:1": "new",      # after the commit: the update is finished, then the signal acts
}


@pytest.mark.parametrize("moment,expected", list(MOMENTS.items()), ids=list(MOMENTS))
@pytest.mark.parametrize("name", list(SIGNALS))
def test_signal_at_a_dangerous_moment_leaves_old_or_new(tmp_path, name, moment, expected):
    targets = synthetic_targets(tmp_path)
    old = make_old(targets)
    new = {p: f"new {p.name}\n".encode() for p in targets}
    rc, err = run_child(SYNTHETIC, tmp_path, moment, [SIGNALS[name]])
    assert rc == EXIT_INTERRUPTED, err
    assert f"interrupted by {name}" in err and "Traceback" not in err, err
    assert state_of(old, new) == expected
    assert leftovers(tmp_path / "a", tmp_path / "b") == []


@pytest.mark.parametrize("name", list(SIGNALS))
def test_second_signal_during_the_roll_back_does_not_stop_it(tmp_path, name):
    targets = synthetic_targets(tmp_path)
    old = make_old(targets)
    rc, err = run_child(SYNTHETIC, tmp_path, "replace:5,restore:2", [SIGNALS[name], signal.SIGTERM])
    assert rc == EXIT_INTERRUPTED and "Traceback" not in err, err
    assert state_of(old, {}) == "old"
    assert leftovers(tmp_path / "a", tmp_path / "b") == []


KILL_MOMENTS = {"write:3": "old", "link:4": "old", "replace:1": "old", f"replace:{N_FILES // 2}": "old",
                f"replace:{N_FILES}": "old", "restore:3": "old", "drop_backup:2": "new"}


@pytest.mark.parametrize("moment,expected", list(KILL_MOMENTS.items()), ids=list(KILL_MOMENTS))
def test_sigkill_then_the_next_update_rolls_back_first(tmp_path, moment, expected):
    """SIGKILL runs no handler: the next update (any update of those files) restores old-or-new first."""
    targets = synthetic_targets(tmp_path)
    old = make_old(targets)
    new = {p: f"new {p.name}\n".encode() for p in targets}
    pauses = f"replace:5,{moment}" if moment.startswith("restore") else moment
    signals = [signal.SIGINT, signal.SIGKILL] if moment.startswith("restore") else [signal.SIGKILL]
    rc, _err = run_child(SYNTHETIC, tmp_path, pauses, signals)
    assert rc == -signal.SIGKILL
    recover_interrupted_updates([tmp_path / "a", tmp_path / "b"], names={p.name for p in targets})
    assert state_of(old, new) == expected
    assert leftovers(tmp_path / "a", tmp_path / "b") == []
    newer = {p: f"newer {p.name}\n".encode() for p in targets}
    atomic_directory_update(newer)
    assert state_of(old, newer) == "new"
    assert leftovers(tmp_path / "a", tmp_path / "b") == []


def test_leftovers_of_a_killed_update_are_cleaned_by_the_next_one(tmp_path):
    targets = synthetic_targets(tmp_path)
    make_old(targets)
    rc, _err = run_child(SYNTHETIC, tmp_path, f"replace:{N_FILES // 2}", [signal.SIGKILL])
    assert rc == -signal.SIGKILL
    assert any(n.endswith(".bak") for n in leftovers(tmp_path / "a", tmp_path / "b"))
    assert any(n.endswith(".journal") for n in leftovers(tmp_path / "a", tmp_path / "b"))
    newer = {p: b"newer\n" for p in targets}
    atomic_directory_update(newer)
    assert all(p.read_bytes() == b"newer\n" for p in targets)
    assert leftovers(tmp_path / "a", tmp_path / "b") == []


def test_interrupts_raise_restores_the_previous_handlers():
    before = {s: signal.getsignal(s) for s in _atomic._signals()}
    with _atomic.interrupts_raise():
        assert signal.getsignal(signal.SIGTERM) is _atomic._raise_interrupted
    assert {s: signal.getsignal(s) for s in _atomic._signals()} == before


# ------------------------------------------------------------------------ the real build

BUILD_DRIVER = HOOKS + r"""
import json
from dalian_reports.pipeline import build as build_mod, cli

# The tables are computed once (the slow part), written to BASE/expected (the 'new' set), and then each
# case forks a child that runs `dalian-reports build` with those contents, pausing where it is asked to.
BASE, CASES = Path(sys.argv[1]), json.loads(sys.argv[3])
contents = build_mod._build_contents(BASE / "expected", BASE / "figures", BASE / "expected", False, False, True)
for path, data in contents.items():
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
NEW = {path.name: data for path, data in contents.items()}
(BASE / "expected.done").write_text("done")
build_mod._build_contents = lambda out_dir, *args: {out_dir / name: data for name, data in NEW.items()}
while not (BASE / "ready").exists():  # the test writes the previous outputs of every case first
    time.sleep(0.05)

def fork_build(root, pauses, log):
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        global ROOT
        ROOT, PAUSES[:] = Path(root), parse(pauses)
        COUNTS.clear(), DONE.clear()
        fd = os.open(ROOT / log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1), os.dup2(fd, 2)
        build_mod.PROCESSED_DIR = build_mod.EXPORTS_DIR = ROOT / "processed"
        build_mod.FIGURES_DIR = ROOT / "figures"
        (ROOT / "pid").write_text(str(os.getpid()))
        code = cli.main(["build", "--no-figures", "--no-workbook", "--quiet"])
    finally:
        sys.stdout.flush(), sys.stderr.flush()
        os._exit(code)

for phase, log in ((0, "stderr.txt"), (1, "stderr2.txt")):
    pids = {fork_build(case[0], case[1][phase], log): case[0] for case in CASES if case[1][phase] is not None}
    for pid, root in pids.items():
        _, status = os.waitpid(pid, 0)
        Path(root, f"rc{phase}").write_text(str(os.waitstatus_to_exitcode(status)))
"""

#: case -> (pauses of the interrupted build, pauses of a following build or None), signal, expected set
BUILD_CASES = {
    **{f"{name} after the 6th rename": (("replace:6", None), name, "old") for name in SIGNALS},
    "SIGTERM while writing temporaries": (("write:2", None), "SIGTERM", "old"),
    "SIGINT after the commit": (("drop_backup:1", None), "SIGINT", "new"),
    "SIGKILL after the 5th rename, then a build": (("replace:5", ""), "SIGKILL", "new"),
    "SIGKILL after the 5th rename": (("replace:5", None), "SIGKILL", "MIX"),
}


def _previous_outputs(root: Path, names: list[str]) -> dict[Path, bytes]:
    out = root / "processed"
    out.mkdir(parents=True)
    for i, name in enumerate(sorted(names)):
        (out / name).write_bytes(f"previous version {i} of {name}\n".encode())
    return {out / name: (out / name).read_bytes() for name in names}


@pytest.fixture(scope="module")
def real_builds(tmp_path_factory):
    """Run every case of :data:`BUILD_CASES` (see ``BUILD_DRIVER``); returns the new set and each case's
    (exit code, stderr, old set, exit code and stderr of the following build)."""
    base = tmp_path_factory.mktemp("real_builds")
    roots = {case: base / f"case{i}" for i, case in enumerate(BUILD_CASES)}
    spec = json.dumps([[str(roots[c]), list(pauses)] for c, (pauses, _, _) in BUILD_CASES.items()])
    with open(base / "driver.txt", "wb") as fh:
        driver = subprocess.Popen([sys.executable, "-c", BUILD_DRIVER, str(base), "", spec], stdout=fh, stderr=fh)
    try:
        new = _wait_for_expected(base, driver)
        olds = {case: _previous_outputs(root, sorted(new)) for case, root in roots.items()}
        (base / "ready").write_text("go")
        for case, root in roots.items():
            _wait_for_pause(root, 1, driver, 900)
            _signal_and_go(int((root / "pid").read_text()), SIGNALS_ALL[BUILD_CASES[case][1]], root, 1)
        driver.wait(900)
    finally:
        if driver.poll() is None:  # pragma: no cover
            driver.kill()
    assert driver.returncode == 0, (base / "driver.txt").read_text(errors="replace")[-3000:]
    results = {}
    for case, root in roots.items():
        read = lambda name: (root / name).read_text(errors="replace") if (root / name).exists() else None  # noqa: E731
        results[case] = (int(read("rc0")), read("stderr.txt"), olds[case], read("rc1"), read("stderr2.txt"))
    return new, roots, results


def _wait_for_expected(base: Path, driver) -> dict[str, bytes]:
    deadline = time.monotonic() + 900
    while not (base / "expected.done").exists():
        if driver.poll() is not None or time.monotonic() > deadline:
            raise AssertionError((base / "driver.txt").read_text(errors="replace")[-3000:])
        time.sleep(0.1)
    return {p.name: p.read_bytes() for p in (base / "expected").iterdir()}


@pytest.mark.parametrize("case", list(BUILD_CASES))
def test_real_build_interrupted_leaves_old_or_new(real_builds, case):
    """``dalian-reports build`` (the real command, computing real tables) interrupted at a dangerous moment:
    exit code 130 and a one-line message for SIGINT/SIGTERM/SIGHUP, and the whole set old or new."""
    new_bytes, roots, results = real_builds
    rc, err, old, rc_next, err_next = results[case]
    _pauses, name, expected = BUILD_CASES[case]
    new = {p: new_bytes[p.name] for p in old}
    if name == "SIGKILL":
        assert rc == -signal.SIGKILL
        if rc_next is not None:  # the next build rolled back, rebuilt, and cleaned every leftover
            assert (int(rc_next), "Traceback" in err_next) == (0, False), err_next
        assert state_of(old, new).startswith(expected)
        return
    assert rc == EXIT_INTERRUPTED, err
    assert f"interrupted ({name})" in err and "Traceback" not in err, err
    assert state_of(old, new) == expected
    assert leftovers(roots[case] / "processed") == []


def test_leftovers_of_a_killed_build_are_gone_after_the_next_build(real_builds):
    _new, roots, _results = real_builds
    assert leftovers(roots["SIGKILL after the 5th rename, then a build"] / "processed") == []
    assert leftovers(roots["SIGKILL after the 5th rename"] / "processed") != []  # a journal and backups


def test_the_build_rolls_back_a_killed_build_before_computing(real_builds, monkeypatch):
    """A journal left by a killed build is rolled back at the start of the next build, before any work."""
    new_bytes, roots, results = real_builds
    root = roots["SIGKILL after the 5th rename"]
    old = results["SIGKILL after the 5th rename"][2]
    new = {p: new_bytes[p.name] for p in old}
    assert state_of(old, new).startswith("MIX")
    seen = []

    def contents(out_dir, *args):
        seen.append(state_of(old, new))
        return {out_dir / name: data for name, data in new_bytes.items()}
    monkeypatch.setattr(build_mod, "_build_contents", contents)
    build_mod.build(root / "processed", root / "figures", root / "processed", figures=False, workbook=False,
                    quiet=True)
    assert seen == ["old"]
    assert state_of(old, new) == "new" and leftovers(root / "processed") == []
