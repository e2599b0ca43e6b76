"""Command line: ``dalian-reports build | notebooks | exercises | tables``."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dalian-reports", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="write data/processed/*.csv, figures/, and the Excel workbook")
    build.add_argument("--notebooks", action="store_true", help="also re-execute the notebooks in place")
    build.add_argument("--no-figures", action="store_true", help="skip figures")
    build.add_argument("--no-workbook", action="store_true", help="skip the Excel workbook")
    build.add_argument("--quiet", action="store_true")
    sub.add_parser("notebooks", help="re-execute the notebooks in place")
    sub.add_parser("tables", help="list the public tables")
    sub.add_parser("exercises", help="write the student versions of the exercises (solutions removed, checks kept)")
    args = parser.parse_args(argv)

    from .errors import DalianReportsError

    try:
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
        elif args.command == "tables":
            from .tables.catalog import TABLES

            for spec in TABLES:
                print(f"{spec.name:<24} {spec.description}")
    except DalianReportsError as exc:
        print(f"dalian-reports: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
