"""A catalogue of bad inputs across every layer, each with its expected outcome.

Kinds of input: the seed manifest ``data/sources.csv``, the raw files, a user's folder of reports and its
``manifest.csv``, the reference originals (``data/reference/original/*.csv``), the vocabulary files, API
arguments and the command line. Each entry works on a temporary copy of what it damages and states its
outcome, one of:

* :class:`Error` - a clear error of the package's own type (``SourceError``…), whose message names the
  file and line (``file:line: …``) - or only the file, when the problem is the whole file;
* :class:`ArgError` - a bad argument: a ``KeyError``/``ValueError``/``TypeError`` naming the argument;
* :class:`Result` - the input is fine after all (a BOM, CRLF, spaces around a checksum…): the result is
  checked to be the correct one;
* :class:`Skip` - the input is left out and *reported* (a ``ManifestWarning`` naming it), never silently.

Anything else - a wrong result, a silent acceptance, an exception of another type (a raw traceback) -
fails. Entries marked ``xfail(strict=True)`` document a defect in a file outside this change (the reason
names it). The last test prints the count of kinds, outcomes, silently wrong results and tracebacks.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import dalian_reports as dr
from dalian_reports import vocab
from dalian_reports.errors import DalianReportsError, ManifestWarning, SourceError
from dalian_reports.pipeline.tables import reference_build
from dalian_reports.sources import cleaning, corpus, reports as reports_mod
from dalian_reports.sources import raw as raw_mod
from test_bad_inputs import DATA, JINZHOU, JINZHOU_TEXT, load

EN_TEXT = (DATA / "raw" / "003_dalian_work_report_2024_en.txt").read_text(encoding="utf-8")
ZH_FILE = JINZHOU  # 002, manifest line 4
EN_FILE = "003_dalian_work_report_2024_en.txt"  # manifest line 5
SHA_002 = "017aaafa4736823c6f46206c3203c4911d8dc53567d25e46b94174ac375e4cb6"
KO = "대련시 정부 업무 보고\n지난 한 해 동안 지역 총생산은 6% 증가하였으며, 도시 주민의 소득도 꾸준히 늘어났습니다.\n" * 3
JA = "大連市政府活動報告\n昨年、地域総生産は6%増加し、都市住民の所得も着実に伸びました。\n" * 3
TARGET = "主要预期目标是：地区生产总值增长6%左右，城镇登记失业率控制在3%以内。"


# ----------------------------------------------------------------------------- outcomes

@dataclass
class Error:
    """A clear error: ``error`` (exactly), message matching ``match``, ``exc.file`` named ``file`` and
    ``exc.line`` equal to ``line``; the message itself starts with ``file:line:`` (or ``file:``)."""

    error: type
    match: str
    file: str | None
    line: int | None = None


@dataclass
class ArgError:
    """A bad API argument: ``error`` whose message matches ``match`` (which names the argument)."""

    error: type | tuple
    match: str


@dataclass
class Result:
    """The action succeeds, ``check(result)`` holds, and no input is reported skipped."""

    check: Callable
    warns: str | None = None  # a ManifestWarning that accompanies a correct result (spaces ignored…)


@dataclass
class Skip:
    """The input is left out and reported: a ManifestWarning matches ``warns``; ``check(result)`` holds."""

    warns: str
    check: Callable = lambda result: True


TALLY: Counter = Counter()


class Ctx:
    def __init__(self, tmp_path: Path, monkeypatch):
        self.tmp_path, self.monkeypatch = tmp_path, monkeypatch


def clear_caches() -> None:
    raw_mod.clear_caches()
    cleaning.clear_caches()
    reports_mod._all_reports.cache_clear()
    vocab._rows.cache_clear()
    vocab._alias_index.cache_clear()


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    clear_caches()
    yield Ctx(tmp_path, monkeypatch)
    monkeypatch.undo()
    clear_caches()


# ----------------------------------------------------------------------------- editing copies

def read_table(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with open(path, newline="", encoding=encoding) as fh:
        return list(csv.reader(fh))


def write_table(path: Path, table: list[list[str]], encoding: str = "utf-8", newline: str = "\n") -> None:
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh, lineterminator=newline).writerows(table)


def set_cell(table: list[list[str]], row: int, column: str, value: str) -> None:
    """``row`` is the 1-based data row (file line ``row + 1``)."""
    table[row][table[0].index(column)] = value


def seed_copy(ctx: Ctx) -> Path:
    """A copy of data/raw and data/sources.csv, pointed to by DALIAN_REPORTS_DATA."""
    root = ctx.tmp_path / "data"
    shutil.copytree(DATA / "raw", root / "raw")
    shutil.copy(DATA / "sources.csv", root / "sources.csv")
    for path in (root / "raw").iterdir():
        path.chmod(0o644)
    ctx.monkeypatch.setenv("DALIAN_REPORTS_DATA", str(root))
    clear_caches()
    return root


def seed(edit=None, *, cells: dict | None = None, then: str = "read:002", text: str | None = None,
         data: bytes | None = None, raw: Callable | None = None):
    """Damage the seed manifest (``cells`` {(row, column): value}, ``edit(table)``, or whole ``text``/
    ``data``) and/or the raw folder (``raw(root)``), then run ``then``: 'manifest', 'read:<id>', 'reports'."""
    def action(ctx):
        root = seed_copy(ctx)
        manifest = root / "sources.csv"
        if cells or edit:
            table = read_table(manifest)
            for (row, column), value in (cells or {}).items():
                set_cell(table, row, column, value)
            if edit:
                edit(table)
            write_table(manifest, table)
        if text is not None:
            manifest.write_text(text, encoding="utf-8")
        if data is not None:
            manifest.write_bytes(data)
        if raw:
            raw(root)
        return run_seed(then)
    return action


def run_seed(then: str):
    if then == "manifest":
        return raw_mod.manifest_rows()
    if then == "reports":
        return reports_mod.report_list()
    return raw_mod.read_source(then.split(":")[1])


def manifest_bytes(transform: Callable[[str], str] = lambda t: t, encoding: str = "utf-8", prefix: bytes = b""):
    return prefix + transform((DATA / "sources.csv").read_text(encoding="utf-8")).encode(encoding)


def folder(rows: list[dict] | None = None, *, files: dict | None = None, manifest: bytes | None = None,
           columns=("file", "jurisdiction", "year", "lang")):
    """A folder of reports (``a.txt`` = the Jinzhou 2021 report, ``b.txt`` = the English Dalian 2024 one)
    described by ``rows`` (or raw ``manifest`` bytes); ``files`` adds or replaces files; then ``read_folder``."""
    default = [{"file": "a.txt", "jurisdiction": "jinzhou", "year": "2021", "lang": "zh"},
               {"file": "b.txt", "jurisdiction": "dalian", "year": "2024", "lang": "en"}]

    def action(ctx):
        root = ctx.tmp_path / "reports"
        root.mkdir()
        (root / "a.txt").write_text(JINZHOU_TEXT, encoding="utf-8")
        (root / "b.txt").write_text(EN_TEXT, encoding="utf-8")
        for name, content in (files or {}).items():
            _place(root / name, content)
        if manifest is not None:
            (root / "manifest.csv").write_bytes(manifest)
        elif rows is not False:
            table = [list(columns)] + [[r.get(c, "") for c in columns] for r in (default if rows is None else rows)]
            write_table(root / "manifest.csv", table)
        return corpus.read_folder(root)
    return action


def _place(path: Path, content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, tuple) and content[0] == "LINK":
        path.symlink_to(content[1])
    else:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def reference(name: str, edit=None, *, cells: dict | None = None, encoding: str = "utf-8", prefix: bytes = b"",
              remove: bool = False):
    """Damage one reference original in a copy of data/reference/original, then build the reference table."""
    def action(ctx):
        root = ctx.tmp_path / "original"
        shutil.copytree(DATA / "reference" / "original", root)
        path = root / name
        if remove:
            path.unlink()
        elif cells or edit or encoding != "utf-8" or prefix:
            table = read_table(path)
            for (row, column), value in (cells or {}).items():
                set_cell(table, row, column, value)
            if edit:
                edit(table)
            write_table(path, table, encoding=encoding)
            if prefix:
                path.write_bytes(prefix + path.read_bytes())
        return reference_build.build_reference_series(root)
    return action


def vocabulary_file(edit=None, *, encoding: str = "utf-8"):
    """Damage a copy of the indicator vocabulary (indicators.csv), then look a wording up."""
    def action(ctx):
        path = ctx.tmp_path / "indicators.csv"
        table = read_table(vocab.VOCABULARY_FILE)
        if edit:
            edit(table)
        write_table(path, table, encoding=encoding)
        ctx.monkeypatch.setattr(vocab, "VOCABULARY_FILE", path)
        clear_caches()
        return vocab.lookup("地区生产总值")
    return action


def call(function: Callable, *args, **kwargs):
    return lambda ctx: function(*args, **kwargs)


def command(*argv: str, data: str | None = None):
    """``dalian-reports <argv>`` in a subprocess; returns (exit code, stderr)."""
    def action(ctx):
        env = dict(os.environ)
        if data is not None:
            env["DALIAN_REPORTS_DATA"] = str(ctx.tmp_path / data)
        done = subprocess.run([sys.executable, "-m", "dalian_reports.pipeline.cli", *argv], capture_output=True,
                              text=True, env=env, cwd=ctx.tmp_path, timeout=300)
        return done.returncode, done.stderr
    return action


# ----------------------------------------------------------------------------- checks of results

def is_doc(source_id: str, text_start: str):
    return lambda doc: doc.source_id == source_id and doc.text.startswith(text_start)


def n_rows(n: int):
    return lambda rows: len(rows) == n


def same_reference_table(df) -> bool:
    return df.equals(reference_build.build_reference_series(DATA / "reference" / "original"))


def exit_code(code: int, message: str = ""):
    return lambda result: result[0] == code and re.search(message, result[1]) and "Traceback" not in result[1]


def _drop_row(table, source_id):
    table[:] = [r for r in table if r[0] != source_id]


def _swap_rows(table):
    table[4], table[5] = table[5], table[4]


def _symlink_raw(name: str, target: str):
    def damage(root):
        path = root / "raw" / name
        path.unlink()
        path.symlink_to(target)
    return damage


def _raw_to_dir(name: str):
    def damage(root):
        (root / "raw" / name).unlink()
        (root / "raw" / name).mkdir()
    return damage


def _extra_raw(name: str, content: bytes):
    return lambda root: (root / "raw" / name).write_bytes(content)


S = "sources.csv"
LANG_ROW = {"000": 1, "001": 2, "002": 3, "003": 4, "004": 5}  # data rows; the file line is one more

# ------------------------------------------------------------------------------- the catalogue

SEED_MANIFEST = [
    pytest.param(seed(cells={(3, "source_id"): "001"}, then="manifest"),
                 Error(SourceError, r"source_id '001' is already used on line 3", S, 4), id="manifest: repeated id"),
    pytest.param(seed(cells={(3, "file"): "001_dalian_work_report_2024_zh.txt"}, then="manifest"),
                 Error(SourceError, r"file '001_dalian_work_report_2024_zh\.txt' is already used on line 3", S, 4),
                 id="manifest: two ids, one file"),
    pytest.param(seed(cells={(3, "file"): "001_DALIAN_work_report_2024_zh.txt"}, then="manifest"),
                 Error(SourceError, r"is already used on line 3", S, 4), id="manifest: same file in other case"),
    pytest.param(seed(cells={(3, "file"): "../../../../etc/hostname"}, then="manifest"),
                 Error(SourceError, r"must be a file name inside data/raw", S, 4), id="manifest: path with .."),
    pytest.param(seed(cells={(3, "file"): "/etc/hostname"}, then="manifest"),
                 Error(SourceError, r"must be a file name inside data/raw", S, 4), id="manifest: absolute path"),
    pytest.param(seed(cells={(3, "file"): "C:\\data\\002.txt"}, then="manifest"),
                 Error(SourceError, r"must be a file name inside data/raw", S, 4), id="manifest: Windows path"),
    pytest.param(seed(cells={(3, "file"): ""}, then="manifest"),
                 Error(SourceError, r"file '' must be a file name", S, 4), id="manifest: empty file cell"),
    pytest.param(seed(raw=_symlink_raw(ZH_FILE, "/etc/hostname")),
                 Error(SourceError, r"leads outside data/raw", S, 4), id="raw: link out of data/raw"),
    pytest.param(seed(cells={(3, "delivered"): "2021-02-30"}, then="manifest"),
                 Error(SourceError, r"delivered '2021-02-30' is not a real date", S, 4), id="manifest: impossible date"),
    pytest.param(seed(cells={(3, "delivered"): "3/4/2021"}, then="manifest"),
                 Error(SourceError, r"not a real date .*Excel may have reformatted it", S, 4),
                 id="manifest: Excel-formatted date"),
    pytest.param(seed(cells={(3, "delivered"): "2021-3-4"}, then="manifest"),
                 Error(SourceError, r"not a real date YYYY-MM-DD", S, 4), id="manifest: date without zeros"),
    pytest.param(seed(cells={(3, "delivered"): "2021-03-04/2021-03-05"}, then="manifest"),
                 Error(SourceError, r"is a range; only a compilation", S, 4), id="manifest: range on one report"),
    pytest.param(seed(cells={(1, "delivered"): "2016-01-12/2012-01-05"}, then="manifest"),
                 Error(SourceError, r"the range ends before it starts", S, 2), id="manifest: reversed range"),
    pytest.param(seed(cells={(1, "delivered"): "2012-01-05/2016-01-12/2017-01-01"}, then="manifest"),
                 Error(SourceError, r"not a real date", S, 2), id="manifest: range of three dates"),
    pytest.param(seed(cells={(3, "delivered"): ""}, then="manifest"),
                 Error(SourceError, r"delivered '' is not a real date", S, 4), id="manifest: blank date"),
    pytest.param(seed(cells={(3, "lang"): "fr"}, then="manifest"),
                 Error(SourceError, r"column 'lang': 'fr' is not one of 'zh', 'en'", S, 4), id="manifest: lang fr"),
    pytest.param(seed(cells={(3, "lang"): "ZH"}, then="manifest"),
                 Error(SourceError, r"column 'lang': 'ZH' is not one of", S, 4), id="manifest: lang in capitals"),
    pytest.param(seed(cells={(3, "lang"): "en"}, then="read:002"),
                 Error(SourceError, r"lang 'en' does not match 002_.*: only 0% of its letters are Latin", S, 4),
                 id="manifest: wrong lang en on a Chinese file"),
    pytest.param(seed(cells={(4, "lang"): "zh"}, then="read:003"),
                 Error(SourceError, r"lang 'zh' does not match 003_.*Chinese", S, 5),
                 id="manifest: wrong lang zh on an English file"),
    pytest.param(seed(cells={(3, "bytes"): "47442"}, then="read:002"),
                 Error(SourceError, r"bytes 47442 does not match 002_.* \(47441 bytes; its checksum matches", S, 4),
                 id="manifest: wrong byte count"),
    pytest.param(seed(cells={(3, "bytes"): "47,441"}, then="manifest"),
                 Error(SourceError, r"bytes '47,441' is not a whole number", S, 4), id="manifest: byte count with comma"),
    pytest.param(seed(cells={(3, "bytes"): "4.7441E+04"}, then="manifest"),
                 Error(SourceError, r"bytes '4\.7441E\+04' is not a whole number", S, 4),
                 id="manifest: byte count in Excel notation"),
    pytest.param(seed(cells={(3, "bytes"): "0"}, then="manifest"),
                 Error(SourceError, r"bytes '0' is not a whole number of bytes", S, 4), id="manifest: zero bytes"),
    pytest.param(seed(cells={(3, "sha256"): SHA_002 + " "}),
                 Result(is_doc("002", "\n政 府 工 作 报 告"), warns=r"sources\.csv:4: spaces around sha256 '017aaafa"
                                                                   r"[0-9a-f]+ ' were ignored"),
                 id="manifest: sha256 with a trailing space"),
    pytest.param(seed(cells={(3, "sha256"): SHA_002.upper()}),
                 Result(is_doc("002", "\n政 府 工 作 报 告")), id="manifest: sha256 in capitals"),
    pytest.param(seed(cells={(3, "sha256"): SHA_002[:-1]}, then="manifest"),
                 Error(SourceError, r"sha256 '017a[0-9a-f]+' is not 64 hexadecimal", S, 4), id="manifest: short sha256"),
    pytest.param(seed(cells={(3, "sha256"): SHA_002[:-1] + "0"}),
                 Error(SourceError, r"checksum mismatch: .*line 4: sha256 '017a[0-9a-f]+', 47441 bytes; the file: "
                                    r"sha256 '017aaafa[0-9a-f]+cb6'", ZH_FILE, None), id="manifest: wrong sha256"),
    pytest.param(seed(cells={(3, "source_id"): " 002"}),
                 Result(is_doc("002", "\n政"), warns=r"spaces around source_id ' 002'"), id="manifest: id with a space"),
    pytest.param(seed(data=manifest_bytes(prefix=b"\xef\xbb\xbf")),
                 Result(is_doc("002", "\n政")), id="manifest: UTF-8 byte-order mark"),
    pytest.param(seed(data=manifest_bytes(lambda t: t.replace("\n", "\r\n"))),
                 Result(is_doc("002", "\n政")), id="manifest: CRLF line ends"),
    pytest.param(seed(data=manifest_bytes(lambda t: t.replace("\n", "\n\n"))),
                 Result(is_doc("002", "\n政")), id="manifest: blank lines between rows"),
    pytest.param(seed(edit=lambda t: [r.__setitem__(0, str(int(r[0]))) for r in t[1:]], then="manifest"),
                 Error(SourceError, r"source_id '0' is not three digits; was sources\.csv saved by Excel.*'000'", S, 2),
                 id="manifest: Excel-mangled ids 0..4"),
    pytest.param(seed(cells={(3, "source_id"): "two"}, then="manifest"),
                 Error(SourceError, r"source_id 'two' is not three digits", S, 4), id="manifest: id not a number"),
    pytest.param(seed(edit=lambda t: t.__delitem__(slice(1, None)), then="manifest"),
                 Error(SourceError, r"manifest the file has a header but no rows", S, 1), id="manifest: header only"),
    pytest.param(seed(data=manifest_bytes(encoding="gb18030"), then="manifest"),
                 Error(SourceError, r"manifest not UTF-8 \(byte \d+\); save the file as UTF-8", S, 2),
                 id="manifest: saved as GB18030"),
    pytest.param(seed(data=manifest_bytes(encoding="utf-16"), then="manifest"),
                 Error(SourceError, r"NUL byte\): not a CSV file \(UTF-16\?", S, 1), id="manifest: saved as UTF-16"),
    pytest.param(seed(edit=lambda t: t[3].append("extra"), then="manifest"),
                 Error(SourceError, r"17 cells, but the header has 16 columns", S, 4), id="manifest: ragged row (extra)"),
    pytest.param(seed(edit=lambda t: t[3].pop(), then="manifest"),
                 Error(SourceError, r"15 cells, but the header has 16 columns", S, 4), id="manifest: ragged row (short)"),
    pytest.param(seed(data=manifest_bytes(lambda t: t + '005,"never closed\n'), then="manifest"),
                 Error(SourceError, r"malformed CSV .*quote", S, 7), id="manifest: quote left open"),
    pytest.param(seed(edit=lambda t: t[0].__setitem__(2, "file"), then="manifest"),
                 Error(SourceError, r"column\(s\) \['file'\] appear twice", S, 1), id="manifest: column twice"),
    pytest.param(seed(edit=lambda t: [r.pop(t[0].index("speaker")) for r in t[::-1]], then="manifest"),
                 Error(SourceError, r"manifest lacks columns \['speaker'\]", S, 1), id="manifest: missing column"),
    pytest.param(seed(data=b"", then="manifest"),
                 Error(SourceError, r"manifest file is empty", S, None), id="manifest: empty file"),
    pytest.param(seed(raw=lambda root: ((root / "sources.csv").unlink(), (root / "sources.csv").mkdir()), then="manifest"),
                 Error(SourceError, r"manifest is a folder, not a file", S, None), id="manifest: a folder"),
    pytest.param(seed(data=manifest_bytes(lambda t: t.replace("吕东升", "吕\x00东升")), then="manifest"),
                 Error(SourceError, r"NUL byte", S, 4), id="manifest: NUL byte"),
    pytest.param(seed(cells={(3, "compilation"): "maybe"}, then="manifest"),
                 Error(SourceError, r"column 'compilation': 'maybe' is not one of 'yes', 'no'", S, 4),
                 id="manifest: unknown compilation flag"),
    pytest.param(seed(cells={(3, "doc_type"): "speech"}, then="manifest"),
                 Error(SourceError, r"column 'doc_type': 'speech' is not one of", S, 4), id="manifest: unknown doc_type"),
    pytest.param(seed(cells={(3, "issuer_code"): "atlantis"}, then="manifest"),
                 Error(SourceError, r"column 'issuer_code': 'atlantis' is not one of", S, 4),
                 id="manifest: unknown issuer"),
    pytest.param(seed(cells={(1, "overwritten_year_token"): "20x4"}, then="manifest"),
                 Error(SourceError, r"overwritten_year_token '20x4' is not a year", S, 2),
                 id="manifest: bad year token"),
    pytest.param(seed(edit=lambda t: _drop_row(t, "002"), then="reports"),
                 Skip(r"002_jinzhou_work_report_2021_zh\.txt: a file in data/raw that no row of sources\.csv",
                      lambda reports: "jinzhou-2021-zh" not in {r.report_id for r in reports}),
                 id="manifest: deleted row (file reported)"),
    pytest.param(seed(raw=_extra_raw("005_new_report.txt", "新的报告\n".encode()), then="manifest"),
                 Skip(r"005_new_report\.txt: a file in data/raw that no row", n_rows(5)),
                 id="raw: file without a manifest row"),
    pytest.param(seed(edit=_swap_rows, then="reports"),
                 Result(lambda reports: {r.report_id for r in reports} >= {"jinzhou-2021-zh", "dalian-2024-en"}),
                 id="manifest: rows in another order"),
    pytest.param(seed(raw=_raw_to_dir(ZH_FILE)),
                 Error(SourceError, r"is a folder, not a file \(see data/sources\.csv line 4\)", ZH_FILE, None),
                 id="raw: source is a folder"),
    pytest.param(seed(raw=lambda root: (root / "raw" / ZH_FILE).unlink()),
                 Error(SourceError, r"raw source file missing", ZH_FILE, None), id="raw: source missing"),
    pytest.param(seed(raw=lambda root: (root / "raw" / ZH_FILE).write_bytes(JINZHOU_TEXT.encode("gbk"))),
                 Error(SourceError, r"checksum mismatch", ZH_FILE, None), id="raw: source re-encoded as GBK"),
    pytest.param(seed(raw=lambda root: (root / "raw" / ZH_FILE).write_bytes(b"")),
                 Error(SourceError, r"checksum mismatch", ZH_FILE, None), id="raw: source emptied"),
]

RAW_FILES = [
    pytest.param(load(KO.encode("euc-kr")), Error(SourceError, r"looks like Korean \(EUC-KR\)", "report.txt", 1),
                 id="decode: Korean EUC-KR"),
    pytest.param(load("지역 총생산 6% 증가\n".encode("euc-kr")), Error(SourceError, r"Korean", "report.txt", 1),
                 id="decode: one line of Korean EUC-KR"),
    pytest.param(load(JA.encode("shift_jis")), Error(SourceError, r"rare characters, as Shift-JIS", "report.txt", 1),
                 id="decode: Japanese Shift-JIS"),
    pytest.param(load(JA.encode("euc_jp")), Error(SourceError, r"Kana, as EUC-JP", "report.txt", 1),
                 id="decode: Japanese EUC-JP"),
    pytest.param(load("主要預期目標是：地區生產總值增長6%左右\n".encode("big5")),
                 Error(SourceError, r"not valid UTF-8 .*nor GB18030", "report.txt", 1), id="decode: Big5"),
    pytest.param(load(KO.encode()), Error(SourceError, r"100% of its letters are Hangul; expected Chinese or English",
                                          "report.txt", 1), id="decode: Korean UTF-8"),
    pytest.param(load(JA.encode()), Error(SourceError, r"of its letters are Kana", "report.txt", 2),
                 id="decode: Japanese UTF-8"),
    pytest.param(load("Доклад о работе правительства\nВВП вырос на 6%\n".encode()),
                 Error(SourceError, r"of its letters are other scripts", "report.txt", 1), id="decode: Russian UTF-8"),
    pytest.param(load(("第一行\n" + TARGET + "\n").encode() + "第三行\n".encode("gbk")),
                 Error(SourceError, r"not valid UTF-8 .*nor GB18030", "report.txt", 3), id="decode: UTF-8 and GBK mixed"),
    pytest.param(load("café au lait, naïve résumé\n".encode()), Result(lambda d: d.text.startswith("café")),
                 id="decode: French UTF-8 (Latin letters)"),
    pytest.param(load((TARGET + "\n").encode("gb18030")), Result(lambda d: d.text == TARGET + "\n"),
                 id="decode: one GB18030 line of Chinese"),
    pytest.param(load("\t\t\t二氧化硫\t%\t0\t[16.5]\t[16.5]\t\n".encode("gbk")),
                 Result(lambda d: d.encoding == "gb18030"), id="decode: GBK table row with few characters"),
    pytest.param(load(b"\xed\xa0\x80\xed\xb0\x80 surrogates\n"), Error(SourceError, r"not valid UTF-8", "report.txt", 1),
                 id="decode: UTF-8 encoded surrogates"),
    pytest.param(load(("第一行\n" + "地区生产总值2079\u200b.4亿元\n").encode()),
                 Result(lambda d: "\u200b" in d.text), id="decode: zero-width space kept for the parser"),
    pytest.param(lambda ctx: dr.load_text(_place(ctx.tmp_path / "x", "DIR") or ctx.tmp_path / "x"), Error(SourceError, r"is a folder, not a file", "x", None),
                 id="load_text: a folder"),
    pytest.param(lambda ctx: dr.load_text(ctx.tmp_path / "nope.txt"),
                 Error(SourceError, r"nope\.txt: file not found", "nope.txt", None), id="load_text: missing file"),
]

FOLDER = "manifest.csv"
FOLDER_MANIFEST = [
    pytest.param(folder(), Result(lambda docs: [(d.jurisdiction, d.year, d.lang) for d in docs]
                                  == [("jinzhou", 2021, "zh"), ("dalian", 2024, "en")]), id="folder: correct manifest"),
    pytest.param(folder(rows=False), Error(SourceError, r"needs a manifest\.csv", FOLDER, None),
                 id="folder: no manifest"),
    pytest.param(folder(columns=("file", "jurisdiction")),
                 Error(SourceError, r"lacks columns \['year'\]", FOLDER, 1), id="folder: missing column"),
    pytest.param(folder([{"file": "../a.txt", "jurisdiction": "jinzhou", "year": "2021"}]),
                 Error(SourceError, r"must be a path inside the folder", FOLDER, 2), id="folder: path with .."),
    pytest.param(folder([{"file": "/etc/hostname", "jurisdiction": "jinzhou", "year": "2021"}]),
                 Error(SourceError, r"must be a path inside the folder", FOLDER, 2), id="folder: absolute path"),
    pytest.param(folder([{"file": "c.txt", "jurisdiction": "jinzhou", "year": "2021"}]),
                 Error(SourceError, r"file 'c\.txt' not found in the folder", FOLDER, 2), id="folder: missing file"),
    pytest.param(folder([{"file": "sub", "jurisdiction": "jinzhou", "year": "2021"}], files={"sub": "DIR"}),
                 Error(SourceError, r"file 'sub' is a folder, not a file", FOLDER, 2), id="folder: file is a folder"),
    pytest.param(folder([{"file": "out.txt", "jurisdiction": "jinzhou", "year": "2021"}],
                        files={"out.txt": ("LINK", "/etc/hostname")}),
                 Error(SourceError, r"is outside the folder \(a link\?\)", FOLDER, 2), id="folder: link out"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "atlantis", "year": "2021"}]),
                 Error(SourceError, r"unknown jurisdiction 'atlantis'", FOLDER, 2), id="folder: unknown jurisdiction"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "jinzhou", "year": "二〇二一"}]),
                 Error(SourceError, r"year '二〇二一' is not a four-digit year", FOLDER, 2), id="folder: year in words"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "jinzhou", "year": "2021.0"}]),
                 Error(SourceError, r"not a four-digit year \(Excel", FOLDER, 2), id="folder: Excel year 2021.0"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "jinzhou", "year": "2021", "lang": "fr"}]),
                 Error(SourceError, r"lang 'fr' is not zh or en", FOLDER, 2), id="folder: lang fr"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "jinzhou", "year": "2021", "lang": "en"}]),
                 Error(SourceError, r"lang 'en' does not match a\.txt", FOLDER, 2), id="folder: wrong lang"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "jinzhou", "year": "2021"},
                         {"file": "./a.txt", "jurisdiction": "jinzhou", "year": "2022"}]),
                 Error(SourceError, r"file '\./a\.txt' is already listed on line 2", FOLDER, 3), id="folder: file twice"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "jinzhou", "year": "2021"},
                         {"file": "c.txt", "jurisdiction": "jinzhou", "year": "2021"}], files={"c.txt": JINZHOU_TEXT}),
                 Error(SourceError, r"the zh report of jinzhou for 2021 is already listed on line 2", FOLDER, 3),
                 id="folder: one report twice"),
    pytest.param(folder(manifest=b"\xef\xbb\xbffile,jurisdiction,year\na.txt,jinzhou,2021\n"),
                 Result(n_rows(1), warns=r"b\.txt: a report file that no row"), id="folder: manifest with BOM"),
    pytest.param(folder(manifest="file,jurisdiction,year\n金州.txt,jinzhou,2021\n".encode("gbk"),
                        files={"金州.txt": JINZHOU_TEXT}),
                 Error(SourceError, r"not UTF-8 \(byte \d+\); save the file as UTF-8", FOLDER, 2),
                 id="folder: manifest in GBK"),
    pytest.param(folder(manifest=b"file,jurisdiction,year\na.txt,jinzhou,2021,zh\n"),
                 Error(SourceError, r"4 cells, but the header has 3 columns", FOLDER, 2), id="folder: ragged row"),
    pytest.param(folder(manifest=b"file,jurisdiction,year\n"),
                 Error(SourceError, r"header but no rows", FOLDER, 1), id="folder: header only"),
    pytest.param(folder([{"file": "a.txt", "jurisdiction": "jinzhou", "year": "2021"}]),
                 Skip(r"b\.txt: a report file that no row of manifest\.csv lists", n_rows(1)),
                 id="folder: unlisted report file"),
    pytest.param(folder([{"file": "k.txt", "jurisdiction": "jinzhou", "year": "2021"}], files={"k.txt": KO.encode("euc-kr")}),
                 Error(SourceError, r"Korean", "k.txt", 1), id="folder: undecodable report"),
]

NAT, JP, OFF, GWR, LN = ("national_gdp_targets.csv", "jinpu_facts.csv", "dalian_official_gdp.csv",
                         "dalian_gwr_facts.csv", "liaoning_targets.csv")
REFERENCE = [
    pytest.param(reference(JP, cells={(2, "value"): "abc"}),
                 Error(SourceError, r"column 'value': 'abc' is not a number", JP, 3), id="reference: value not a number"),
    pytest.param(reference(JP, cells={(2, "value"): "1,703"}),
                 Error(SourceError, r"column 'value': '1,703' is not a number", JP, 3), id="reference: value with comma"),
    pytest.param(reference(NAT, cells={(3, "year"): "2007a"}),
                 Error(SourceError, r"column 'year': '2007a' is not a whole number", NAT, 4), id="reference: bad year"),
    pytest.param(reference(NAT, cells={(3, "qualifier"): "roughly"}),
                 Error(SourceError, r"column 'qualifier': 'roughly' is not one of", NAT, 4),
                 id="reference: unknown qualifier"),
    pytest.param(reference(NAT, cells={(1, "qualifier"): "exact"}),
                 Error(SourceError, r"qualifier exact disagrees with text '8%左右'", NAT, 2),
                 id="reference: qualifier against its text"),
    pytest.param(reference(LN, cells={(4, "source_quality"): "blog"}),
                 Error(SourceError, r"column 'source_quality': 'blog' is not official", LN, 5),
                 id="reference: unknown source quality"),
    pytest.param(reference(JP, cells={(3, "indicator"): "gdp_levels"}),
                 Error(SourceError, r"column 'indicator': 'gdp_levels' is not one of", JP, 4),
                 id="reference: unknown indicator"),
    pytest.param(reference(JP, cells={(3, "unit"): "元"}),
                 Error(SourceError, r"column 'unit': '元' is not one of 'percent', '亿元'", JP, 4),
                 id="reference: unknown unit"),
    pytest.param(reference(OFF, edit=lambda t: t.append(list(t[-1]))),
                 Error(SourceError, r"25 data rows, but OFFICIAL_GDP_META .* describes 24", OFF, None),
                 id="reference: row added to a file described by position"),
    pytest.param(reference(LN, edit=lambda t: t.append(list(t[-1]))),
                 Error(SourceError, r"data row 13 has no entry in LIAONING", LN, 14), id="reference: row added (Liaoning)"),
    pytest.param(reference(JP, edit=lambda t: t[2].append("x")),
                 Error(SourceError, r"8 cells, but the header has 7 columns", JP, 3), id="reference: ragged row"),
    pytest.param(reference(JP, edit=lambda t: [r.pop(2) for r in t]),
                 Error(SourceError, r"lacks columns \['value'\]", JP, 1), id="reference: missing column"),
    pytest.param(reference(JP, prefix=b"\xef\xbb\xbf"), Result(same_reference_table), id="reference: BOM"),
    pytest.param(reference(JP, encoding="gb18030"),
                 Error(SourceError, r"not UTF-8 .*save the file as UTF-8", JP, 2), id="reference: saved as GB18030"),
    pytest.param(reference(JP, cells={(4, "note"): "no figures here"}),
                 Error(SourceError, r"expected the words '约占全市21\.3%' in column 'note'", JP, 5),
                 id="reference: note lost the words a fact rests on"),
    pytest.param(reference(JP, remove=True), Error(SourceError, r"file not found", JP, None),
                 id="reference: file missing"),
    pytest.param(reference(JP, edit=lambda t: t.__delitem__(slice(1, None))),
                 Error(SourceError, r"header but no rows", JP, 1), id="reference: header only"),
    pytest.param(reference(JP, cells={(2, "url"): ""}),
                 Result(lambda df: df.query("source_file == @JP and source_row == 2").note.str.startswith(
                     "[url not given in the original").all()), id="reference: url removed (noted as not given)"),
    pytest.param(reference(NAT, cells={(10, "note"): "preliminary 7.4, later revised"}),
                 Error(SourceError, r"expected the words 'preliminary 7\.4 later revised to 7\.3' in column 'note'",
                       NAT, 11), id="reference: national note reworded"),
]

VOCABULARY = [
    pytest.param(vocabulary_file(lambda t: t.append(list(t[1]))),
                 Error(ValueError, r"indicators\.csv: duplicate codes \['gdp'\]", None, None),
                 id="vocabulary: duplicate code"),
    pytest.param(vocabulary_file(lambda t: [r.pop(3) for r in t]),
                 Error(SourceError, r"lacks columns", "indicators.csv", 1), id="vocabulary: missing column"),
    pytest.param(vocabulary_file(encoding="gb18030"),
                 Error(SourceError, r"not UTF-8", "indicators.csv", 2), id="vocabulary: saved as GB18030"),
    pytest.param(vocabulary_file(lambda t: t[2].append("x")),
                 Error(SourceError, r"cells, but the header has", "indicators.csv", 3), id="vocabulary: ragged row"),
]

ARGUMENTS = [
    pytest.param(call(dr.extract_headline, TARGET, "fr", 2024), ArgError(ValueError, r"lang must be 'zh' or 'en'"),
                 id="api: lang fr"),
    pytest.param(call(dr.extract_headline, TARGET, None, 2024), ArgError(ValueError, r"lang"), id="api: lang None"),
    pytest.param(call(dr.extract_headline, TARGET, "zh", -5), ArgError(ValueError, r"report_year"),
                 id="api: report_year -5"),
    pytest.param(call(dr.extract_headline, TARGET, "zh", True), ArgError((TypeError, ValueError), r"report_year"),
                 id="api: report_year True"),
    pytest.param(call(dr.extract_headline, TARGET, "zh", 2024.5), ArgError((TypeError, ValueError), r"report_year"),
                 id="api: report_year 2024.5"),
    pytest.param(call(dr.extract_headline, None, "zh", 2024), ArgError(TypeError, r"text"),
                 id="api: text None"),
    pytest.param(call(dr.load_table, "nope"), ArgError(KeyError, r"no table named 'nope'"), id="api: unknown table"),
    pytest.param(call(dr.get_metadata, "nope"), ArgError(KeyError, r"no table named 'nope'"),
                 id="api: metadata of an unknown table"),
    pytest.param(call(dr.load_table, None), ArgError(KeyError, r"no table named None"), id="api: table None"),
    pytest.param(call(dr.read_source, "999"), ArgError(KeyError, r"unknown source_id '999'"), id="api: unknown source"),
    pytest.param(call(dr.read_source, 2), ArgError(KeyError, r"unknown source_id 2"), id="api: source id as int"),
    pytest.param(call(dr.report_text, "nope"), ArgError(KeyError, r"unknown report_id 'nope'"), id="api: unknown report"),
    pytest.param(lambda ctx: dr.plots.label("year", "fr"), ArgError(ValueError, r"lang must be one of"),
                 id="api: figure label in fr"),
    pytest.param(call(dr.hit_or_miss, 6, "about", 5, "x"), ArgError(ValueError, r"unknown qualifier"),
                 id="api: hit_or_miss with a bad qualifier"),
    pytest.param(lambda ctx: corpus.read_folder(ctx.tmp_path / "none"),
                 Error(SourceError, r"needs a manifest\.csv", FOLDER, None), id="api: read_folder of no folder"),
]

COMMAND_LINE = [
    pytest.param(command("--version"), Result(exit_code(0)), id="cli: --version"),
    pytest.param(command("frobnicate"), Result(exit_code(2, r"invalid choice: 'frobnicate'")), id="cli: unknown command"),
    pytest.param(command("export", "--format", "pdf", "--out", "x"), Result(exit_code(2, r"invalid choice: 'pdf'")),
                 id="cli: unknown export format"),
    pytest.param(command("tables", data="empty"),
                 Result(exit_code(3, r"^dalian-reports: error: .*datapackage\.json: table catalogue not found")),
                 id="cli: missing tables exit 3 naming the file"),
    pytest.param(command("export", "--format", "csv", "--out", "/proc/nope"),
                 Result(exit_code(4, r"^dalian-reports: error: /proc/nope")), id="cli: unwritable output exit 4"),
]

CATALOGUE = SEED_MANIFEST + RAW_FILES + FOLDER_MANIFEST + REFERENCE + VOCABULARY + ARGUMENTS + COMMAND_LINE


# ----------------------------------------------------------------------------------- the check

def run(action, ctx):
    """(result, exception, ManifestWarning messages) of an action."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return action(ctx), None, _manifest_warnings(caught)
        except Exception as exc:  # noqa: BLE001 - classified by the caller
            return None, exc, _manifest_warnings(caught)


def _manifest_warnings(caught) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, ManifestWarning)]


def check(action, expected, ctx, tally: Counter) -> None:
    """Run one entry and check its outcome; ``tally`` counts what happened."""
    result, exc, warned = run(action, ctx)
    if exc is not None and not isinstance(expected, (Error, ArgError)):
        tally["raw traceback"] += 1
        raise AssertionError(f"unexpected {type(exc).__name__}: {exc}") from exc
    if isinstance(expected, (Error, ArgError)):
        if exc is None:
            tally["silently wrong"] += 1
            raise AssertionError(f"silently accepted; result {result!r:.300}")
        _check_error(exc, expected, tally)
        tally["clear error"] += 1
    elif isinstance(expected, Skip):
        assert any(re.search(expected.warns, w) for w in warned), warned
        assert expected.check(result), result
        tally["reported skip"] += 1
    else:
        if not expected.check(result):
            tally["silently wrong"] += 1
            raise AssertionError(f"wrong result: {result!r:.300}")
        assert warned == [] if expected.warns is None else any(re.search(expected.warns, w) for w in warned), warned
        tally["correct result"] += 1


def _check_error(exc: Exception, expected, tally: Counter) -> None:
    wanted = expected.error
    if not (isinstance(exc, wanted) if isinstance(expected, ArgError) else type(exc) is wanted):
        tally["raw traceback"] += 1
        raise AssertionError(f"{type(exc).__name__} instead of {wanted}: {exc}") from exc
    assert re.search(expected.match, str(exc)), str(exc)
    if isinstance(expected, Error) and isinstance(exc, DalianReportsError):
        assert (Path(exc.file).name if exc.file else None) == expected.file, (exc.file, str(exc))
        assert exc.line == expected.line, (exc.line, str(exc))
        if exc.file is not None:
            assert str(exc).startswith(f"{exc.file}:{exc.line}: " if exc.line else f"{exc.file}: "), str(exc)


PARAMS = {p.id: p for p in CATALOGUE}
GROUPS = {"seed manifest and raw files": SEED_MANIFEST, "decoding": RAW_FILES, "folder manifest": FOLDER_MANIFEST,
          "reference files": REFERENCE, "vocabulary": VOCABULARY, "API arguments": ARGUMENTS,
          "command line": COMMAND_LINE}


@pytest.mark.parametrize("action,expected", CATALOGUE)
def test_input(action, expected, ctx, request):
    known_defect = bool(PARAMS[request.node.callspec.id].marks)
    local: Counter = Counter()
    try:
        check(action, expected, ctx, local)
    except BaseException:
        TALLY.update({"documented defect (xfail)": 1} if known_defect else local)
        raise
    TALLY.update(local)


def test_catalogue_size_and_count(capsys):
    """At least 100 distinct kinds; prints the tally of the entries run in this session."""
    ids = [p.id for p in CATALOGUE]
    assert len(ids) == len(set(ids)) and len(ids) >= 100, len(ids)
    groups = ", ".join(f"{name} {len(params)}" for name, params in GROUPS.items())
    counts = ", ".join(f"{k} {v}" for k, v in sorted(TALLY.items()))
    with capsys.disabled():
        print(f"\ninput catalogue: {len(ids)} kinds ({groups}); this run: {counts or 'none run'}; "
              f"silently wrong {TALLY['silently wrong']}, raw tracebacks {TALLY['raw traceback']}")
    assert TALLY["silently wrong"] == 0 and TALLY["raw traceback"] == 0
