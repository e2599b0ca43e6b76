"""The seeds against the corpus: the same Dalian reports, compared copy by copy (``seed_vs_corpus``).

The seed compilation (``000``) holds the reports of 2012, 2013, 2014 and 2016 with every "20xx" overwritten by
"2024"; the seed ``001`` is the 2024 report from a reposting site. The corpus has the same reports from the
government's site with their true years. Comparing them is an independent check of the year restoration and of
the seeds' defects:

* ``year_restoration`` — each overwritten token of the seed, looked up in the corpus copy by the words around
  it: the corpus's year (or amount) against the restored one;
* ``headline_figure`` — each headline figure the parser reads from one copy, matched in the other (same kind,
  indicator, measure, value, qualifier and year); a figure found in one copy only is a difference;
* ``paragraphs`` — how many paragraphs the two texts share, and each one found in one copy only or worded
  differently (quoted from the cleaned paragraphs, with their raw lines).
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata

def seed_pairs() -> dict[str, str]:
    """Seed report → the corpus file of the same report (data/raw/notes.csv, topic 'corpus_copy')."""
    from ...sources.notes import notes

    return {n.key: n.value for n in notes(topic="corpus_copy")}


COLUMNS = ["report_id", "corpus_file", "check", "seed_line", "seed_quote", "corpus_line", "corpus_quote",
           "seed_value", "corpus_value", "agree", "note"]
CONTEXT = 6   # word characters on each side of an overwritten token used to find it in the corpus copy
FIGURE_KEY = ("kind", "indicator", "measure", "value", "value_high", "qualifier", "period_end")


def _words(text: str) -> tuple[str, list[int]]:
    """The word characters of ``text`` (NFKC; punctuation and spaces dropped) and, for each, its offset."""
    chars, where = [], []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch)
        if len(folded) == 1 and (folded.isalnum() or folded == "?"):
            chars.append(folded)
            where.append(i)
    return "".join(chars), where


def _find_year(seed_line: str, column: int, corpus_words: str) -> str | None:
    """The 4 digits the corpus has where the seed line has its token at offset ``column`` (0-based)."""
    left, _ = _words(seed_line[:column])
    right, _ = _words(seed_line[column + 4:])
    for width in (CONTEXT, 4, 3):
        pattern = re.escape(left[-width:]) + r"(\d{4})" + re.escape(right[:width])
        found = {m.group(1) for m in re.finditer(pattern, corpus_words)}
        if len(found) == 1:
            return found.pop()
    return None


def year_checks(report_id: str, corpus_doc) -> list[dict]:
    """One row per overwritten token of a seed report: the restored year against the corpus copy's."""
    from ...sources.raw import read_source
    from ...sources.years import year_restorations

    rows = []
    restorations = year_restorations()
    mine = restorations[restorations["report_id"] == report_id]
    corpus_words, _ = _words(corpus_doc.clean.text)
    for r in mine.itertuples():
        line = read_source(r.source_id).line(int(r.line))
        found = _find_year(line, int(r.column), corpus_words)
        restored = None if r.status != "restored" or _missing(r.restored) else str(int(r.restored))
        agree = None if found is None or not restored else found == restored
        note = ("not found in the corpus copy" if found is None else
                f"restored {restored}, the corpus reads {found}" if restored else
                f"left unrestored ({r.status}); the corpus reads {found}")
        rows.append(dict(report_id=report_id, corpus_file=corpus_doc.rel_path, check="year_restoration",
                         seed_line=int(r.line), seed_quote=r.context, corpus_line=None, corpus_quote=None,
                         seed_value=restored, corpus_value=found, agree=agree, note=note))
    return rows


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _figure_key(row) -> tuple:
    return tuple(None if _missing(row[k]) else row[k] for k in FIGURE_KEY)


def figure_checks(report_id: str, seed_rows, corpus_doc, corpus_rows) -> list[dict]:
    """Headline figures found in one copy only (the rest agree and are counted in one summary row)."""
    base = dict(report_id=report_id, corpus_file=corpus_doc.rel_path, check="headline_figure")
    seed = [r for r in seed_rows.to_dict("records")]
    corpus = [dict(r, line=corpus_doc.clean.quote(int(r["start"]), int(r["end"]))[0],
                   quote=corpus_doc.clean.quote(int(r["start"]), int(r["end"]))[1])
              for r in corpus_rows.to_dict("records")]
    unmatched = list(corpus)
    out, agreed = [], 0
    for s in seed:
        match = next((c for c in unmatched if _figure_key(c) == _figure_key(s)), None)
        if match is not None:
            unmatched.remove(match)
            agreed += 1
            continue
        out.append(dict(base, seed_line=s["line"], seed_quote=s["quote"], corpus_line=None, corpus_quote=None,
                        seed_value=_value(s), corpus_value=None, agree=False,
                        note=f"{s['kind']} {s['indicator']} {s['measure']}: in the seed copy only"))
    for c in unmatched:
        out.append(dict(base, seed_line=None, seed_quote=None, corpus_line=c["line"], corpus_quote=c["quote"],
                        seed_value=None, corpus_value=_value(c), agree=False,
                        note=f"{c['kind']} {c['indicator']} {c['measure']}: in the corpus copy only"))
    out.insert(0, dict(base, seed_line=None, seed_quote=None, corpus_line=None, corpus_quote=None,
                       seed_value=str(agreed), corpus_value=str(agreed), agree=True,
                       note=f"{agreed} headline figures read alike from both copies"))
    return out


def _value(row) -> str:
    value = "" if _missing(row["value"]) else f"{row['value']:g}"
    high = "" if _missing(row["value_high"]) else f"–{row['value_high']:g}"
    return f"{value}{high} {row['unit'] or ''} {row['qualifier']} ({row['period_end']})".strip()


def _paragraphs(clean) -> list[tuple[int, str, str]]:
    """(raw line, cleaned paragraph, its word characters) of a cleaned text."""
    return [(line, text, _words(text)[0]) for line, text in clean.lines() if _words(text)[0]]


def _fragment(a: str, b: str) -> tuple[str, str]:
    """The first stretch where two paragraphs differ, with a few characters around it on each side."""
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    _tag, i1, i2, j1, j2 = ops[0]
    return a[max(0, i1 - 8):i2 + 8][:60], b[max(0, j1 - 8):j2 + 8][:60]


def paragraph_checks(report_id: str, seed_clean, corpus_doc) -> list[dict]:
    """A summary row (how many paragraphs are the same text), then one row per paragraph that differs: in the
    seed only, in the corpus only, or worded differently (the first differing stretch of each side)."""
    seed, corpus = _paragraphs(seed_clean), _paragraphs(corpus_doc.clean)
    matcher = difflib.SequenceMatcher(None, [p[2] for p in seed], [p[2] for p in corpus], autojunk=False)
    base = dict(report_id=report_id, corpus_file=corpus_doc.rel_path, check="paragraphs")
    rows, same = [], 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same += i2 - i1
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2))) if tag == "replace" else []
        for i, j in pairs:
            a, b = _fragment(seed[i][1], corpus[j][1])
            rows.append(dict(base, seed_line=seed[i][0], seed_quote=a, corpus_line=corpus[j][0], corpus_quote=b,
                             seed_value=None, corpus_value=None, agree=False, note="worded differently"))
        for i in range(i1 + len(pairs), i2):
            rows.append(dict(base, seed_line=seed[i][0], seed_quote=seed[i][1][:60], corpus_line=None,
                             corpus_quote=None, seed_value=None, corpus_value=None, agree=False,
                             note="in the seed copy only"))
        for j in range(j1 + len(pairs), j2):
            rows.append(dict(base, seed_line=None, seed_quote=None, corpus_line=corpus[j][0],
                             corpus_quote=corpus[j][1][:60], seed_value=None, corpus_value=None, agree=False,
                             note="in the corpus copy only"))
    note = (f"{same} of {len(seed)} seed paragraphs and {len(corpus)} corpus paragraphs are word for word the "
            f"same (the seed read with its years restored); the rows below list the others")
    summary = dict(base, seed_line=None, seed_quote=None, corpus_line=None, corpus_quote=None,
                   seed_value=str(len(seed)), corpus_value=str(len(corpus)), agree=not rows, note=note)
    return [summary, *rows]


def seed_vs_corpus(root=None):
    """Every difference between the seed copies and the corpus copies of the same reports (columns
    :data:`COLUMNS`)."""
    import pandas as pd

    from ...extract.headline import extract_headline
    from ...sources.cleaning import report_text
    from ...sources.reports import get_report
    from .panel import corpus_parses, corpus_root

    root = root or corpus_root()
    if root is None:
        raise FileNotFoundError("the corpus is not beside the checkout (set DALIAN_REPORTS_CORPUS)")
    parses = {doc.rel_path: (doc, rows) for doc, _account, rows in corpus_parses(str(root))}
    out: list[dict] = []
    for report_id, corpus_file in seed_pairs().items():
        doc, corpus_rows = parses[corpus_file]
        report = get_report(report_id)
        clean = report_text(report_id)
        seed_rows = extract_headline(clean.text, report.lang, report.report_year, jurisdiction="dalian")
        seed_rows = seed_rows.assign(line=[clean.quote(int(a), int(b))[0] for a, b in zip(seed_rows.start, seed_rows.end)],
                                     quote=[clean.quote(int(a), int(b))[1] for a, b in zip(seed_rows.start, seed_rows.end)])
        out.extend(paragraph_checks(report_id, clean, doc))
        out.extend(year_checks(report_id, doc))
        out.extend(figure_checks(report_id, seed_rows, doc, corpus_rows))
    return pd.DataFrame(out, columns=COLUMNS)
