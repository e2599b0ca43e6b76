"""The development key (``data/devkey/``): check it, and score the parser against it.

The key is read by hand from the corpus texts (see ``data/devkey/README.md``). Scoring runs the general
parser (:func:`dalian_reports.extract_headline`) on each keyed report and compares, per report:

* **strict recall**: the share of key rows the parser gives with the same kind, indicator, value (and upper
  end of a range) and qualifier;
* **precision**: the share of the parser's target/outcome rows about the headline year (the target year, or
  the year before for outcomes), on the lines the key covers (the target paragraph and the headline review),
  that match a key row;
* **year accuracy**: the share of matched rows dated to the key's year.

Run from a checkout with the corpus beside it::

    python -m dalian_reports.pipeline.devkey            # totals, by kind and language
    python -m dalian_reports.pipeline.devkey --reports  # one line per report
    python -m dalian_reports.pipeline.devkey --misses dalian_2019   # what one report misses and adds
    python -m dalian_reports.pipeline.devkey --set heldout   # the held-out set (not used while developing)
    python -m dalian_reports.pipeline.devkey --set english   # the English translation of the 2024 report
    python -m dalian_reports.pipeline.devkey --check    # validate the key against the texts
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .._resources import REPO
from ..vocab import KINDS, MEASURES, QUALIFIERS, lookup

KEY_DIR = REPO / "data" / "devkey"
#: The key sets: the development key, the held-out key (scored, never tuned on) and the English key.
KEY_SETS = {"dev": KEY_DIR, "heldout": KEY_DIR / "heldout", "heldout2": KEY_DIR / "heldout2",
            "english": KEY_DIR / "english"}
CORPUS = REPO.parent / "shared" / "corpus" / "lawtext-gov"
KEY_COLUMNS = ["file", "kind", "year", "indicator", "wording", "measure", "value", "value_high", "unit", "qualifier",
               "relative_to", "stretch_value", "line", "quote", "note"]
REPORT_COLUMNS = ["file", "jurisdiction", "report_year", "delivered", "target_year", "target_lines", "outcome_lines",
                  "keyed_by", "note"]
SCORED_KINDS = ("target", "outcome")


def _read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _key_dir(key_set: str) -> Path:
    try:
        return KEY_SETS[key_set]
    except KeyError:
        raise ValueError(f"unknown key set {key_set!r}; choose one of {', '.join(KEY_SETS)}") from None


def key_reports(key_set: str = "dev") -> list[dict]:
    """The keyed reports of one key set (its ``reports.csv``)."""
    return _read(_key_dir(key_set) / "reports.csv")


def key_rows(report: dict, key_set: str = "dev") -> list[dict]:
    """The key rows of one keyed report."""
    return _read(_key_dir(key_set) / "reports" / f"{report['jurisdiction']}_{report['report_year']}.csv")


def _is_seed(file: str) -> bool:
    return file.startswith("data/raw/")


def _text_path(file: str, corpus: Path) -> Path:
    """A key file is a corpus path, or a seed under ``data/raw/`` (the English translation)."""
    return REPO / file if _is_seed(file) else corpus / file


def _seed_document(report: dict):
    """The seed report a key row set refers to, shaped like a corpus document (clean, lang, year, jurisdiction)."""
    from types import SimpleNamespace

    from ..sources.cleaning import report_text
    from ..sources.reports import report_list

    name = Path(report["file"]).name
    for r in report_list():
        if r.report_year == int(report["report_year"]) and r.duplicate_of is None and _seed_file(r.source_id) == name:
            return SimpleNamespace(clean=report_text(r.report_id), lang=r.lang, year=r.report_year,
                                   jurisdiction=report["jurisdiction"])
    raise LookupError(f"no seed report for {report['file']} ({report['report_year']})")


def _seed_file(source_id: str) -> str:
    from ..sources.raw import manifest_rows

    return next(row["file"] for row in manifest_rows() if row["source_id"] == source_id)


def line_set(spec: str) -> set[int]:
    """'14-26;38' → {14, …, 26, 38}."""
    out: set[int] = set()
    for part in filter(None, re.split(r"[;,]\s*", spec or "")):
        a, _, b = part.partition("-")
        out.update(range(int(a), int(b or a) + 1))
    return out


def check_key(corpus: Path = CORPUS, key_set: str = "dev") -> list[str]:
    """Problems in the key: unreadable rows, quotes that are not on their line, unknown codes."""
    from ..vocab import _rows

    codes = {r["code"] for r in _rows()}
    problems = []
    for report in key_reports(key_set):
        lines = _text_path(report["file"], corpus).read_text(encoding="utf-8").split("\n")
        for n, row in enumerate(key_rows(report, key_set), start=2):
            where = f"{report['jurisdiction']}_{report['report_year']}.csv:{n}"
            if list(row) != KEY_COLUMNS:
                problems.append(f"{where}: columns {list(row)}")
                break
            if row["quote"] not in lines[int(row["line"]) - 1]:
                problems.append(f"{where}: quote not on line {row['line']}")
            if row["indicator"] not in codes:
                problems.append(f"{where}: unknown indicator {row['indicator']!r}")
            for column, allowed in (("kind", KINDS), ("measure", MEASURES), ("qualifier", QUALIFIERS)):
                if row[column] not in allowed:
                    problems.append(f"{where}: {column} {row[column]!r}")
    return problems


# ---------------------------------------------------------------------------------------------- scoring

def _num(x) -> float | None:
    if x is None or x == "" or (isinstance(x, float) and math.isnan(x)):
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _same_number(a, b) -> bool:
    a, b = _num(a), _num(b)
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-9


def strict_match(key: dict, row: dict) -> bool:
    """Same kind, indicator, value, upper end and qualifier."""
    return (key["kind"] == row["kind"] and key["indicator"] == row["indicator"]
            and key["qualifier"] == row["qualifier"] and _same_number(key["value"], row["value"])
            and _same_number(key["value_high"] or None, row["value_high"]))


@dataclass
class ReportScore:
    name: str
    lang: str
    key: list[dict]
    rows: list[dict]
    matched: list[tuple[dict, dict]]
    in_scope: list[dict]

    def recall(self, kind: str | None = None) -> tuple[int, int]:
        key = [k for k in self.key if kind is None or k["kind"] == kind]
        hit = [k for k, _ in self.matched if kind is None or k["kind"] == kind]
        return len(hit), len(key)

    def precision(self, kind: str | None = None) -> tuple[int, int]:
        rows = [r for r in self.in_scope if kind is None or r["kind"] == kind]
        good = [r for _, r in self.matched if (kind is None or r["kind"] == kind) and any(r is s for s in rows)]
        return len(good), len(rows)

    def year_right(self) -> tuple[int, int]:
        right = sum(1 for k, r in self.matched if r.get("period_end") is not None
                    and str(r.get("period_end")) == str(k["year"]))
        return right, len(self.matched)


def parser_rows(doc, *, extract=None) -> list[dict]:
    """The parser's rows for one corpus document, with raw line and quote."""
    from ..extract.headline import extract_headline

    extract = extract or extract_headline
    table = extract(doc.clean.text, doc.lang, doc.year, jurisdiction=doc.jurisdiction)
    rows = []
    for r in table.to_dict("records"):
        line, quote = doc.clean.quote(int(r["start"]), int(r["end"]))
        r = dict(r, line=line, quote=quote)
        r["indicator"] = r.get("indicator") if isinstance(r.get("indicator"), str) else None
        rows.append(r)
    return rows


def _document(report: dict, corpus: Path):
    from ..sources.corpus import corpus_commit, read_corpus_file

    if _is_seed(report["file"]):
        return _seed_document(report)
    return read_corpus_file(corpus / report["file"], corpus, corpus_commit=corpus_commit(corpus))


def score_report(report: dict, key_set: str = "dev", corpus: Path = CORPUS, extract=None) -> ReportScore:
    """Score the parser on one keyed report."""
    doc = _document(report, corpus)
    key = key_rows(report, key_set)
    rows = [r for r in parser_rows(doc, extract=extract) if r["kind"] in SCORED_KINDS]
    lines = {"target": line_set(report["target_lines"]), "outcome": line_set(report["outcome_lines"])}
    target_year = int(report["target_year"] or report["report_year"])
    years = {"target": {target_year}, "outcome": {int(k["year"]) for k in key if k["kind"] == "outcome"}
             or {target_year - 1}}
    in_scope = [r for r in rows if r["line"] in lines[r["kind"]]
                and (_num(r.get("period_end")) is None or int(r["period_end"]) in years[r["kind"]])]
    used: set[int] = set()
    matched = []
    for same_line in (True, False):   # a row on the key row's own line first, then anywhere
        for k in key:
            if any(k is m for m, _r in matched):
                continue
            for i, r in enumerate(rows):
                if i not in used and strict_match(k, r) and (not same_line or str(r["line"]) == str(k["line"])):
                    used.add(i)
                    matched.append((k, r))
                    break
    return ReportScore(f"{report['jurisdiction']}_{report['report_year']}", doc.lang, key, rows, matched, in_scope)


def _ratio(pair: tuple[int, int]) -> str:
    n, d = pair
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a (0/0)"


def _sum(pairs) -> tuple[int, int]:
    pairs = list(pairs)
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def summarise(scores: list[ReportScore]) -> dict[str, tuple[int, int]]:
    out = {}
    for kind in (None, *SCORED_KINDS):
        label = kind or "all"
        out[f"recall {label}"] = _sum(s.recall(kind) for s in scores)
        out[f"precision {label}"] = _sum(s.precision(kind) for s in scores)
    out["year accuracy (matched rows)"] = _sum(s.year_right() for s in scores)
    out["reports with no row"] = (sum(1 for s in scores if not s.rows), len(scores))
    return out


def score(key_set: str = "dev", corpus: Path = CORPUS, extract=None) -> list[ReportScore]:
    """Score the parser on every report of a key set."""
    return [score_report(r, key_set, corpus, extract) for r in key_reports(key_set)]


def _misses(s: ReportScore) -> str:
    hit = {id(k) for k, _ in s.matched}
    good = {id(r) for _, r in s.matched}
    out = [f"== {s.name}: missed key rows"]
    for k in s.key:
        if id(k) not in hit:
            out.append(f"  - {k['kind']:<7} L{k['line']:<4} {k['indicator']:<22} {k['value']:>8} {k['value_high']:>5} "
                       f"{k['qualifier']:<12} {k['quote']}")
    out.append(f"== {s.name}: parser rows in scope that match no key row")
    for r in s.in_scope:
        if id(r) not in good:
            out.append(f"  + {r['kind']:<7} L{r['line']:<4} {str(r['indicator']):<22} {r['value']!s:>8} "
                       f"{r['value_high'] if _num(r['value_high']) is not None else '':>5} {r['qualifier']:<12} "
                       f"{r.get('wording', '')} | {r['quote']}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dalian_reports.pipeline.devkey", description=__doc__.split("\n")[0])
    parser.add_argument("--set", dest="key_set", choices=sorted(KEY_SETS), default="dev",
                        help="the key set to score (default: dev)")
    parser.add_argument("--reports", action="store_true", help="one line per report")
    parser.add_argument("--misses", nargs="*", metavar="REPORT", help="list misses (all reports, or the named ones)")
    parser.add_argument("--check", action="store_true", help="validate the key against the texts")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"the corpus is not at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    if args.check:
        problems = check_key(args.corpus, args.key_set)
        print("\n".join(problems) or "the key is consistent with the texts")
        return 1 if problems else 0
    scores = score(args.key_set, args.corpus)
    if args.reports:
        for s in scores:
            print(f"{s.name:<18} recall {_ratio(s.recall()):<18} precision {_ratio(s.precision()):<18}")
    if args.misses is not None:
        for s in scores:
            if not args.misses or s.name in args.misses:
                print(_misses(s))
    print(f"{args.key_set} key: {len(scores)} reports")
    for label, pair in summarise(scores).items():
        print(f"  {label:<30} {_ratio(pair)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
