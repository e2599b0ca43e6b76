"""Command line: ``dalian-reports build | notebooks | figure | exercises | tables | export | docs``.

Every failure ends in one line ``dalian-reports: error: <file>:<line>: <what is wrong>`` (no traceback)
and a distinct exit code:

====  =====================================================================================
0     success
1     an internal error (a bug: rerun with ``--debug`` for the traceback, and report it)
2     a usage error: unknown command or option (argparse)
3     bad data or input: the message names the file and line (or the argument)
4     a file could not be read or written (permission denied, disk full, …): the message names it
130   interrupted by SIGINT (Ctrl-C), SIGTERM or SIGHUP; the outputs are the previous set or the new
      set, never a mix
====  =====================================================================================
"""
from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_BUG, EXIT_USAGE, EXIT_DATA, EXIT_OS, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def _parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(prog="dalian-reports", description=__doc__.splitlines()[0],
                                     epilog="exit codes: 0 ok, 1 bug, 2 usage, 3 bad data, 4 file system, "
                                            "130 interrupted")
    parser.add_argument("--version", action="version", version=f"dalian-reports {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="(checkout) build data/processed, figures/ and data/exports/")
    build.add_argument("--notebooks", action="store_true", help="also re-execute the notebooks in place")
    build.add_argument("--no-figures", action="store_true", help="skip figures")
    build.add_argument("--no-workbook", action="store_true", help="skip the Excel workbook")
    build.add_argument("--quiet", action="store_true")
    sub.add_parser("notebooks", help="(checkout) re-execute the notebooks in place")
    sub.add_parser("tables", help="list the shipped tables")
    exercises = sub.add_parser("exercises", help="(checkout) write the student versions of the exercises")
    exercises.add_argument("--autograder-zips", metavar="DIR",
                           help="instead, write Otter's autograder zip of each exercise into DIR")
    figure = sub.add_parser("figure", help="build one figure alone (from the shipped tables)")
    figure.add_argument("name", help="the figure: gdp_target_drift, target_vs_outcome, target_ladder, "
                                     "district_vs_city, indicator_coverage, fyp13_status, fyp14_targets")
    figure.add_argument("--lang", choices=("en", "zh"), default="en")
    figure.add_argument("--format", choices=("png", "svg", "pdf"), default=None,
                        help="default: from the --out suffix")
    figure.add_argument("--size", choices=("full", "column"), default="full",
                        help="full width (7 in) or one column (3.5 in)")
    figure.add_argument("--editable-text", action="store_true", help="SVG: keep text as text, not paths")
    figure.add_argument("--out", required=True, help="the file to write")
    sub.add_parser("docs", help="(checkout) regenerate the docstrings' column lists and the README's table list")
    export = sub.add_parser("export", help="write every shipped table as csv, xlsx or Stata dta into a folder")
    export.add_argument("--format", choices=("csv", "xlsx", "dta"), required=True)
    export.add_argument("--out", required=True, help="folder to write into (created if missing)")
    return parser


def _run(args) -> int:
    if args.command == "build":
        from .build import build as run_build, execute_notebooks

        written = run_build(figures=not args.no_figures, workbook=not args.no_workbook, quiet=args.quiet)
        if args.notebooks:
            execute_notebooks(quiet=args.quiet)
        print(f"dalian-reports: wrote {len(written)} files")
    elif args.command == "notebooks":
        from .build import execute_notebooks

        execute_notebooks()
    elif args.command == "exercises":
        from .exercises import main as exercises_main

        return exercises_main(["--autograder-zips", args.autograder_zips] if args.autograder_zips else []) or 0
    elif args.command == "figure":
        from ..plots import save

        try:
            path = save(args.name, args.out, lang=args.lang, fmt=args.format, size=args.size,
                        editable_text=args.editable_text)
        except ValueError as exc:   # an unknown figure name or format: a usage error
            return _error(str(exc), EXIT_USAGE)
        print(path)
    elif args.command == "docs":
        from .docs import write_docs

        for path in write_docs():
            print(f"dalian-reports: updated {path}")
    elif args.command == "export":
        from .export import export_tables

        for path in export_tables(args.format, args.out):
            print(path)
    elif args.command == "tables":
        from .._load import get_metadata, list_tables

        for name in list_tables():
            meta = get_metadata(name)
            print(f"{name:<22} {meta.title} / {meta.title_zh}")
    return EXIT_OK


def _error(message: str, code: int) -> int:
    print(f"dalian-reports: error: {message}", file=sys.stderr)
    return code


def _failure(exc: BaseException) -> int:
    """The one error path: a one-line message and the exit code of the kind of failure."""
    from ..errors import DalianReportsError

    if isinstance(exc, KeyboardInterrupt):
        signame = getattr(exc, "signame", "SIGINT")
        print(f"dalian-reports: interrupted ({signame}); every output set is either the previous one or the new "
              "one, never a mix", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(exc, DalianReportsError):
        return _error(str(exc), EXIT_DATA)
    if type(exc).__name__ in ("SchemaError", "SchemaErrors"):  # pandera: a table breaks its metadata
        return _error(f"a table does not match its metadata (data/metadata): {exc}", EXIT_DATA)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return _error(f"{where}{exc.strerror or exc}", EXIT_OS)
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    at = f" (at {frame.tb_frame.f_code.co_filename}:{frame.tb_lineno})" if frame is not None else ""
    return _error(f"internal error {type(exc).__name__}: {exc}{at}. This is a bug: rerun with --debug for the "
                  "traceback and report it", EXIT_BUG)


def _show_warnings_briefly() -> None:
    """Print the package's own warnings (a raw file without a manifest row…) as one line each."""
    import warnings

    from ..errors import ManifestWarning

    usual = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, ManifestWarning):
            print(f"dalian-reports: warning: {message}", file=sys.stderr)
        else:
            usual(message, category, filename, lineno, file, line)
    warnings.showwarning = show


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    from .._atomic import interrupts_raise

    _show_warnings_briefly()
    try:
        with interrupts_raise():
            args = _parser().parse_args(argv)  # usage errors exit here with code 2
            return _run(args)
    except (Exception, KeyboardInterrupt) as exc:
        if "--debug" in (sys.argv[1:] if argv is None else argv):
            raise
        return _failure(exc)


if __name__ == "__main__":
    sys.exit(main())
