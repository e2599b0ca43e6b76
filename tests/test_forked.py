"""The build's forked work: a function in a process of its own (the workbook), and forking with a frozen heap."""
from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time

import pytest

from dalian_reports.errors import DalianReportsError
from dalian_reports.pipeline.forked import Done, Forked, frozen_heap

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the build forks only where fork exists")


def _pid_and_sum(values):
    return os.getpid(), sum(values)


def test_the_function_runs_in_another_process_on_inherited_arguments():
    big = list(range(100_000))            # inherited by the fork, not pickled
    pid, total = Forked(_pid_and_sum, big, what="a sum").result()
    assert pid != os.getpid() and total == sum(big)


def _raise_value_error():
    raise ValueError("sheet 'targets_panel' C12: text too long")


def test_an_error_in_the_child_is_raised_again_with_its_message():
    job = Forked(_raise_value_error, what="the workbook")
    with pytest.raises(ValueError, match="sheet 'targets_panel' C12: text too long"):
        job.result()


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _raise_unpicklable():
    raise _Unpicklable("a lock inside")


def test_an_error_that_cannot_be_pickled_comes_back_as_its_traceback():
    with pytest.raises(DalianReportsError, match=r"computing the workbook failed:(.|\n)*_Unpicklable: a lock inside"):
        Forked(_raise_unpicklable, what="the workbook").result()


def _die():
    os._exit(3)


def test_a_child_that_dies_is_reported_with_its_exit_code():
    with pytest.raises(DalianReportsError, match=r"the process computing the workbook ended without a result "
                                                 r"\(exit code 3\)"):
        Forked(_die, what="the workbook").result()


def test_cancel_stops_a_job_that_still_runs():
    job = Forked(time.sleep, 60, what="a long job")
    started = time.perf_counter()
    job.cancel()
    assert time.perf_counter() - started < 10
    assert job._process.exitcode == -signal.SIGTERM


def test_done_has_the_same_interface():
    done = Done({"a": b"1"})
    assert done.result() == {"a": b"1"}
    done.cancel()


def test_the_heap_is_frozen_only_inside_the_block():
    before = gc.get_freeze_count()
    with frozen_heap():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0


def test_seaborn_is_imported_for_the_build_without_ipywidgets_which_stays_importable():
    """The build draws no widget: seaborn comes without ipywidgets (and the IPython it pulls in), and
    ipywidgets can still be imported after."""
    code = ("import sys; from dalian_reports.pipeline.build import _import_seaborn_without_widgets; "
            "_import_seaborn_without_widgets(); import seaborn; "
            "print('ipywidgets' in sys.modules, 'IPython' in sys.modules, 'seaborn' in sys.modules); "
            "import importlib.util; print(importlib.util.find_spec('ipywidgets') is not None); "
            "import ipywidgets; print('ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[:3] == ["False", "False", "True"]
    if out[3] == "True":                    # installed here (the dev extra pulls it in): still importable
        assert out[4] == "True"


def test_where_ipython_is_loaded_seaborn_is_imported_as_usual():
    import importlib.util

    if importlib.util.find_spec("IPython") is None or importlib.util.find_spec("ipywidgets") is None:
        pytest.skip("IPython or ipywidgets is not installed")
    code = ("import sys, IPython; from dalian_reports.pipeline.build import _import_seaborn_without_widgets; "
            "_import_seaborn_without_widgets(); import seaborn.widgets as w; print(w.interact.__module__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() != "seaborn.widgets"    # ipywidgets' own interact, not seaborn's stand-in


def _pool_pids(n: int) -> list[int]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        return sorted(set(pool.map(_pid_and_sum, [[i] for i in range(n)])), key=lambda p: p[0])


def test_a_job_that_starts_processes_of_its_own_runs_when_not_daemonic():
    """The figures' job forks a pool: a daemonic process may not have children, so it runs with daemon=False."""
    pids = Forked(_pool_pids, 4, what="a pool", daemon=False).result()
    assert pids and all(pid != os.getpid() for pid, _ in pids)
    job = Forked(_pool_pids, 4, what="a pool")
    with pytest.raises(AssertionError, match="daemonic processes are not allowed to have children"):
        job.result()
