"""Command line: ``dalian-reports build | notebooks | exercises | tables | export | figure | docs``.

Exit codes: 0 success, 2 a usage error (argparse), 3 bad data or input (the message names the file and
line), 130 interrupted.
"""
from __future__ import annotations

import argparse
import sys

EXIT_USAGE, EXIT_DATA, EXIT_INTERRUPTED = 2, 3, 130


def _parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(prog="dalian-reports", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"dalian-reports {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="(checkout) build data/processed, figures/ and data/exports/")
    build.add_argument("--notebooks", action="store_true", help="also re-execute the notebooks in place")
    build.add_argument("--no-figures", action="store_true", help="skip figures")
    build.add_argument("--no-workbook", action="store_true", help="skip the Excel workbook")
    build.add_argument("--quiet", action="store_true")
    sub.add_parser("notebooks", help="(checkout) re-execute the notebooks in place")
    sub.add_parser("tables", help="list the shipped tables")
    sub.add_parser("exercises", help="(checkout) write the student versions of the exercises")
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

        return exercises_main([]) or 0
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
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from ..errors import DalianReportsError

    try:
        return _run(args)
    except DalianReportsError as exc:
        print(f"dalian-reports: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("dalian-reports: interrupted; outputs of the stage in progress were left as they were",
              file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
