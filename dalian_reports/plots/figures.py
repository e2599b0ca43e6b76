"""The figure functions under their former module name (kept for notebooks and exercises that import it).

New code: ``dr.plots.<name>(...)`` (see :mod:`dalian_reports.plots`). Every function now returns a
matplotlib Axes (``ax.figure`` is the Figure) and takes ``data``, ``lang``, ``ax``, ``size``, ``title``, ``note``.

>>> from dalian_reports.plots.figures import QUALIFIER_MARKERS
>>> QUALIFIER_MARKERS["about"]
'o'
"""
from ._common import QUALIFIER_MARKERS, QUALIFIER_SYMBOLS  # noqa: F401
from .coverage import indicator_coverage  # noqa: F401
from .district import district_vs_city  # noqa: F401
from .drift import gdp_target_drift, target_vs_outcome  # noqa: F401
from .ladder import target_ladder  # noqa: F401
from .output import FIGURES  # noqa: F401
from .plans import fyp13_status, fyp14_targets  # noqa: F401

#: Former name of :func:`target_vs_outcome`.
target_vs_outcome_gap = target_vs_outcome
