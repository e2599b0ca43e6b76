"""Planted wrong answers and cheats fail their checks, with a message that says what is wrong.

Each exercise's autograder notebook (the solutions, with Otter's ``grader.check`` cells) is executed once in a
fresh kernel; then, for every plant below, the answer is replaced by a wrong one (or by a cheat that takes the
answer from the library), ``grader.check`` is run, and the solution is put back. A plant must fail its check,
and the message must contain the given words (and must not contain words that would give the answer away).
"""
from __future__ import annotations

import json
import shutil
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import nbformat
import pytest
from nbclient import NotebookClient

from dalian_reports.pipeline.exercises import TEACHER_DIR, generate_student_versions, teacher_notebooks

pytestmark = pytest.mark.filterwarnings("ignore:Traits should be given as instances:DeprecationWarning")


@dataclass(frozen=True)
class Plant:
    id: str
    question: str
    code: str                      # redefines the answer's name(s) in the notebook
    says: tuple[str, ...]          # words the failure message must contain
    hides: tuple[str, ...] = field(default=())   # words it must not contain (the answer)


def P(id, question, code, says, hides=()):
    return Plant(id, question, textwrap.dedent(code).strip("\n"), tuple([says] if isinstance(says, str) else says),
                 tuple([hides] if isinstance(hides, str) else hides))


LIBRARY = "the library's own answer to this question"

PLANTS = {
    "01_gdp_target_gap": [
        P("q1a-no-language-filter", "q1a", """
            def targets_of(figures):
                t = figures[(figures.kind == "target") & (figures.issuer == "dalian") & (figures.indicator == "gdp")
                            & (figures.measure == "growth")]
                return t.rename(columns={"period_start": "year", "value": "target", "value_high": "target_high"})[
                    ["year", "target", "target_high", "qualifier", "report_id", "line"]].sort_values("year")
            """, "a key repeats"),
        P("q1a-answer-typed-in", "q1a", """
            _typed = targets_of(figures)
            def targets_of(figures):
                return _typed
            """, "On an altered copy"),
        P("q1a-from-target-vs-outcome", "q1a", """
            def targets_of(figures):
                t = dr.target_vs_outcome().query("target_origin == 'seed'")
                return pd.DataFrame({"year": t.year, "target": t.target_value, "target_high": t.target_high,
                                     "qualifier": t.target_qualifier, "report_id": t.target_source.str.split().str[0],
                                     "line": t.target_source.str.split().str[-1].astype(int)})
            """, ("reads the library's table `target_vs_outcome`", LIBRARY)),
        P("q1b-levels-kept", "q1b", """
            def outcomes_of(figures):
                o = figures[(figures.kind == "outcome") & (figures.issuer == "dalian") & (figures.lang == "zh")
                            & (figures.indicator == "gdp")]
                return o.rename(columns={"period_end": "year", "value": "outcome", "qualifier": "outcome_qualifier"})[
                    ["year", "outcome", "outcome_qualifier", "report_id", "line"]].sort_values("year")
            """, "outcomes_of(figures)"),
        P("q1c-left-merge", "q1c", """
            def pair_up(targets, outcomes):
                both = targets.merge(outcomes[["year", "outcome"]], on="year", how="left")
                both["gap"] = both.outcome - both.target
                return both[["year", "target", "target_high", "qualifier", "outcome", "gap"]].sort_values("year")
            """, "should not be there"),
        P("q1d-hit-or-miss-under-another-name", "q1d", """
            from dalian_reports import verdicts as _v
            city_rule = _v.hit_or_miss
            def judge(target, target_high, qualifier, outcome):
                return city_rule(target, target_high, qualifier, outcome)
            """, ("`judge` calls dr.hit_or_miss", LIBRARY, "without calling dr.hit_or_miss under any name")),
        P("q1d-hit-or-miss-via-wrapper", "q1d", """
            import functools
            judge = functools.partial(dr.hit_or_miss, tolerance_pp=0.5)
            """, "calls dr.hit_or_miss"),
        P("q1d-about-without-tolerance", "q1d", """
            def judge(target, target_high, qualifier, outcome):
                if pd.isna(target) or pd.isna(outcome):
                    return "n/a"
                if qualifier in ("exact", "at_least", "about"):
                    return "hit" if outcome >= target else "miss"
                if qualifier == "greater_than":
                    return "hit" if outcome > target else "miss"
                if qualifier == "at_most":
                    return "hit" if outcome <= target else "miss"
                if qualifier == "less_than":
                    return "hit" if outcome < target else "miss"
                if qualifier == "range":
                    return "hit" if target <= outcome <= target_high else "miss"
                return "n/a"
            """, "does not follow the rule for 'about'"),
        P("q1e-reference-first", "q1e", """
            def scorecard_of(targets, outcomes, reference):
                ref = reference[(reference.role == "outcome") & (reference.measure == "growth")]
                ref = ref.set_index("year")["value"]
                card = targets.copy()
                card["outcome"] = card.year.map(ref)
                card["outcome_source"] = np.where(card.outcome.notna(), "reference", None)
                fill = card.outcome.isna()
                card.loc[fill, "outcome"] = card.loc[fill, "year"].map(outcomes.set_index("year")["outcome"])
                card.loc[fill & card.outcome.notna(), "outcome_source"] = "report"
                card["gap"] = card.outcome - card.target
                card["verdict"] = [judge(r.target, r.target_high, r.qualifier, r.outcome) for r in card.itertuples()]
                return card[["year", "target", "target_high", "qualifier", "outcome", "outcome_source", "gap",
                             "verdict"]]
            """, "On altered copies"),
        P("q1e-from-target-vs-outcome", "q1e", """
            _solution = scorecard_of
            def scorecard_of(targets, outcomes, reference):
                dr.target_vs_outcome()
                return _solution(targets, outcomes, reference)
            """, "reads the library's table `target_vs_outcome`"),
        P("q1e-hit-rate-counts-na", "q1e", """
            def hit_rate_of(card):
                return (card.verdict == "hit").mean()
            """, "`hit_rate_of(card)`: your value", hides="0.4 "),
    ],
    "02_restore_years": [
        P("q2-calls-year-restorations", "q2", """
            def restore_year(tok):
                y = dr.year_restorations().set_index(["line", "column"]).loc[(tok.line, tok.column)]
                return int(y.restored) if y.status == "restored" else None
            """, ("`restore_year` reads the library's table `year_restorations`", LIBRARY)),
        P("q2-lookup-by-position", "q2", """
            _key = dr.year_restorations()
            _answers = {(l, c): (int(r) if s == "restored" else None)
                        for l, c, r, s in zip(_key.line, _key.column, _key.restored, _key.status)}
            def restore_year(tok):
                return _answers.get((tok.line, tok.column))
            """, ("do not follow their report's year", "not from a list of answers")),
        P("q2-lookup-by-context", "q2", """
            _key = dr.year_restorations()
            _answers = {c: (int(r) if s == "restored" else None)
                        for c, r, s in zip(_key.context, _key.restored, _key.status)}
            def restore_year(tok):
                return _answers.get(tok.before[-12:] + "2024" + tok.after[:12])
            """, "not from a list of answers"),
        P("q2-restored-text", "q2", """
            def restore_year(tok):
                dr.report_text(tok.report_id)
                return None
            """, "calls dr.report_text"),
        P("q2-five-year-review-as-one-year", "q2", """
            def restore_year(tok):
                after = tok.line_text[tok.column + 4:]
                before = tok.line_text[:tok.column]
                if AMOUNT_AFTER.match(after) or before.count("《") > before.count("》"):
                    return None
                return int(tok.report_year) - 1 if tok.section in ("review", "review_5y") else int(tok.report_year)
            """, "get a year they should not"),
    ],
    "03_plan13_met_or_missed": [
        P("q3a-no-brackets", "q3a", """
            long13 = long13.assign(bracketed=False)
            """, "column `bracketed`"),
        P("q3b-no-direction", "q3b", """
            pairs13 = pairs13.drop(columns="direction")
            """, "missing the column(s) ['direction']"),
        P("q3c-looks-up-plan13-status", "q3c", """
            def met_or_missed(r):
                s = dr.plan13_status()
                return s.loc[s.indicator == r.indicator, "status"].iloc[0]
            """, ("`met_or_missed` calls dr.plan13_status", LIBRARY)),
        P("q3c-lookup-made-outside", "q3c", """
            _status = dict(zip(dr.plan13_status().indicator, dr.plan13_status().status))
            def met_or_missed(r):
                return _status.get(r.indicator, "not_comparable")
            """, "On synthetic rows"),
        P("q3c-strict-ceiling", "q3c", """
            _solution = met_or_missed
            def met_or_missed(r):
                if r.target_op == "<" and not pd.isna(r.target_value) and not pd.isna(r.achieved_value):
                    return "met" if r.achieved_value < r.target_value else "missed"
                return _solution(r)
            """, "verdict"),
        P("q3d-extra-miss", "q3d", """
            missed13 = set(missed13) | {"gdp"}
            """, "`missed13` holds ['gdp'], which was not missed"),
    ],
    "04_jinzhou_shares": [
        P("q4a-scope-swapped", "q4a", """
            _solution = district_levels
            def district_levels(figures):
                out = _solution(figures)
                return out.assign(scope=out.scope.map({"district": "new_area", "new_area": "district"}))
            """, "column `value`"),
        P("q4a-from-district-vs-city", "q4a", """
            _solution = district_levels
            def district_levels(figures):
                dr.district_vs_city()
                return _solution(figures)
            """, "reads the library's table `district_vs_city`"),
        P("q4b-base-not-achieved", "q4b", """
            def city_levels(plan):
                p = plan[plan.indicator.isin(["gdp", "budget_revenue"])]
                return pd.DataFrame({"indicator": p.indicator, "city_value": p.base_value, "city_unit": p.unit})
            """, "city_value"),
        P("q4c-fraction-not-percent", "q4c", """
            _solution = shares_of
            def shares_of(district, city):
                out = _solution(district, city)
                return out.assign(share_pct=out.share_pct / 100)
            """, "column `share_pct`"),
        P("q4c-new-area-budget-typed", "q4c", """
            budget_district_like_for_like = 155.0
            """, "is not the footnote's figure", hides="152.3"),
        P("q4d-claim-flipped", "q4d", """
            gdp_claim_holds_2020 = {k: not v for k, v in gdp_claim_holds_2020.items()}
            """, "does not follow from the 2020 GDP share", hides=("29.5", "33.0")),
    ],
    "05_target_drift_plot": [
        P("q5a-last-source-wins", "q5a", """
            def combine(*sources):
                stacked = pd.concat([s for s in sources if len(s)], ignore_index=True)
                return stacked.drop_duplicates("year", keep="last").sort_values("year").reset_index(drop=True)
            """, "column `value`"),
        P("q5a-from-target-ladder", "q5a", """
            _solution = combine
            def combine(*sources):
                dr.target_ladder()
                return _solution(*sources)
            """, "reads the library's table `target_ladder`"),
        P("q5b-ignores-its-argument", "q5b", """
            _solution, _fixed = plot_drift, drift
            def plot_drift(table):
                return _solution(_fixed)
            """, "On an altered table"),
        P("q5b-no-range-lines", "q5b", """
            def plot_drift(drift):
                fig, ax = plt.subplots()
                for q, part in drift.groupby("qualifier"):
                    ax.scatter(part.year, part.value, marker=QUALIFIER_MARKERS[q], label=q)
                ax.set_xlabel("year"); ax.set_ylabel("%"); ax.set_title("t"); ax.legend()
                return fig
            """, "ax.vlines"),
    ],
    "06_chinese_vs_english": [
        P("q6a-outer-merge", "q6a", """
            def pair_versions(zh, en):
                keep = ["kind", "indicator", "measure", "value", "qualifier", "quote"]
                both = zh[keep].merge(en[keep], on=["kind", "indicator", "measure"], suffixes=("_zh", "_en"),
                                      how="outer")
                return both
            """, "should not be there"),
        P("q6a-from-compare-languages", "q6a", """
            def pair_versions(zh, en):
                c = dr.compare_languages()
                return c[["kind", "indicator", "measure", "value_zh", "value_en", "qualifier_zh", "qualifier_en",
                          "quote_zh", "quote_en"]]
            """, ("reads the library's table `compare_languages`", LIBRARY)),
        P("q6b-every-row", "q6b", """
            def differing(pairs):
                return pairs
            """, "should not be there"),
        P("q6c-english-holds", "q6c", """
            en_holds = True
            """, "`en_holds` does not follow"),
    ],
    "07_target_ladder": [
        P("q7a-stated-twice-kept", "q7a", """
            def gdp_targets(panel):
                rows = panel[(panel.kind == "target") & (panel.indicator == "gdp") & (panel.measure == "growth")
                             & (panel.status == "stated")]
                columns = ["jurisdiction", "level", "year", "target", "qualifier"]
                return rows.rename(columns={"value": "target"})[columns]
            """, "a key repeats"),
        P("q7a-library-selection", "q7a", """
            from dalian_reports.exercises import gdp_growth_figures as _pick
            def gdp_targets(panel):
                t = _pick(panel, "target")
                return t.rename(columns={"value": "target"})[["jurisdiction", "level", "year", "target", "qualifier"]]
            """, ("calls dalian_reports.exercises.gdp_growth_figures", LIBRARY)),
        P("q7b-left-merge", "q7b", """
            def rung(targets, lower, upper):
                lower = [lower] if isinstance(lower, str) else list(lower)
                below = targets[targets.jurisdiction.isin(lower)][["jurisdiction", "year", "target"]]
                above = targets[targets.jurisdiction == upper][["year", "target"]]
                above = above.rename(columns={"target": "upper_target"})
                return below.merge(above, on="year", how="left")
            """, "should not be there"),
        P("q7c-swapped", "q7c", """
            def fit_line(x, y):
                return tuple(np.polyfit(np.asarray(x, float), np.asarray(y, float), 1))
            """, "your value"),
        P("q7d-numbers-typed-in", "q7d", """
            _typed = {(l if isinstance(l, str) else "all"): amplification(targets, l, u)
                      for l, u in [("liaoning", "china"), ("dalian", "liaoning"), (cities, "china")]}
            def amplification(targets, lower, upper):
                return _typed[lower if isinstance(lower, str) else "all"]
            """, "On an altered copy"),
        P("q7d-gap-reversed", "q7d", """
            _solution = amplification
            def amplification(targets, lower, upper):
                out = dict(_solution(targets, lower, upper))
                out["mean_gap"] = -out["mean_gap"]
                return out
            """, "mean_gap of liaoning on china"),
        P("q7e-across-gaps", "q7e", """
            def changes(pairs):
                p = pairs.sort_values(["jurisdiction", "year"]).copy()
                p["d_target"] = p.groupby("jurisdiction").target.diff()
                p["d_upper"] = p.groupby("jurisdiction").upper_target.diff()
                return p.dropna(subset=["d_target"])[["jurisdiction", "year", "d_target", "d_upper"]]
            """, "should not be there"),
    ],
    "08_asymmetric_targets": [
        P("q8a-next-available-year", "q8a", """
            def target_changes(targets, estimates):
                t = targets[["jurisdiction", "year", "value"]].rename(columns={"value": "target"})
                t = t.sort_values(["jurisdiction", "year"])
                t["next_target"] = t.groupby("jurisdiction").target.shift(-1)
                e = estimates[["jurisdiction", "year", "value"]].rename(columns={"value": "estimate"})
                out = t.merge(e, on=["jurisdiction", "year"]).dropna(subset=["next_target"])
                out["surprise"] = out.estimate - out.target
                out["change"] = out.next_target - out.target
                return out
            """, "should not be there"),
        P("q8b-exact-counted-as-beat", "q8b", """
            _solution = response
            def response(moves):
                return _solution(moves.assign(surprise=moves.surprise.where(moves.surprise != 0, 1e-12)))
            """, "n_beat"),
        P("q8b-numbers-typed-in", "q8b", """
            _typed = dict(result)
            def response(moves):
                return _typed
            """, "On synthetic moves"),
    ],
    "09_own_estimate_vs_official": [
        P("q9a-strictly-above", "q9a", """
            _solution = scorecard
            def scorecard(targets, estimates):
                card = _solution(targets, estimates)
                return card.assign(met=card.estimate > card.target)
            """, "column `met`"),
        P("q9a-from-target-vs-outcome", "q9a", """
            _solution = scorecard
            def scorecard(targets, estimates):
                dr.target_vs_outcome()
                return _solution(targets, estimates)
            """, "reads the library's table `target_vs_outcome`"),
        P("q9b-not-sorted", "q9b", """
            _solution = met_rates
            def met_rates(card):
                return _solution(card).sort_values("jurisdiction").reset_index(drop=True)
            """, "met_rates(card)"),
        P("q9c-both-releases-kept", "q9c", """
            def official_of(reference):
                rows = reference[(reference.indicator == "gdp") & (reference.role == "outcome")
                                 & (reference.measure == "growth") & (reference.kind == "official")]
                return rows.rename(columns={"value": "official"})[["jurisdiction", "year", "official"]]
            """, "a key repeats"),
        P("q9d-revision-reversed", "q9d", """
            _solution = own_vs_official
            def own_vs_official(card, official):
                out = _solution(card, official)
                return out.assign(revision=-out.revision)
            """, "column `revision`"),
        P("q9d-by-count-typed", "q9d", """
            by_count = by_count.assign(met_official=1.0)
            """, "column `met_official`"),
    ],
}


def _plant_cells(plants: list[Plant]) -> list:
    setup = nbformat.v4.new_code_cell(
        "import json as _json\n_results = []\n"
        "_saved = {k: v for k, v in globals().items()\n"
        "          if not k.startswith('_') and k not in ('In', 'Out', 'exit', 'quit')}")
    cells = [setup]
    for plant in plants:
        cells.append(nbformat.v4.new_code_cell(
            f"try:\n"
            f"    exec({plant.code!r}, globals())\n"
            f"    _r = grader.check({plant.question!r})\n"
            f"    _results.append({{'id': {plant.id!r}, 'passed': bool(_r.passed_all), 'message': repr(_r)}})\n"
            f"except Exception as _e:\n"
            f"    _message = f'{{type(_e).__name__}}: {{_e}}'\n"
            f"    _results.append({{'id': {plant.id!r}, 'passed': None, 'message': _message}})\n"
            f"finally:\n"
            f"    globals().update(_saved)"))
    cells.append(nbformat.v4.new_code_cell("print('RESULTS ' + _json.dumps(_results))"))
    return cells


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Run every autograder notebook with its plants; exercise -> {plant id: (passed, message)}."""
    base = tmp_path_factory.mktemp("plants")
    generate_student_versions(TEACHER_DIR, base / "student", autograder_dir=base / "autograder")

    def run(name):
        path = base / "autograder" / f"{name}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells.extend(_plant_cells(PLANTS[name]))
        NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        line = next(l for l in text.splitlines() if l.startswith("RESULTS "))
        return {r["id"]: (r["passed"], r["message"]) for r in json.loads(line.removeprefix("RESULTS "))}

    names = [p.stem for p in teacher_notebooks(TEACHER_DIR)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip(names, pool.map(run, names)))


def test_every_exercise_and_question_has_plants():
    for path in teacher_notebooks(TEACHER_DIR):
        nb = nbformat.read(path, as_version=4)
        heads = [c.source for c in nb.cells if c.cell_type == "raw" and c.source.startswith("# BEGIN QUESTION")]
        graded = {head.split("name:")[1].split()[0] for head in heads if "manual: true" not in head}
        planted = {p.question for p in PLANTS.get(path.stem, [])}
        assert graded <= planted, f"{path.name}: no planted wrong answer for {sorted(graded - planted)}"


@pytest.mark.parametrize("name, plant", [(n, p) for n, ps in PLANTS.items() for p in ps],
                         ids=lambda v: getattr(v, "id", v))
def test_planted_answer_fails_with_a_clear_message(results, name, plant):
    passed, message = results[name][plant.id]
    outcome = "passed" if passed else "crashed"
    assert passed is False, f"{plant.id} should fail {plant.question} but {outcome}: {message[-1500:]}"
    for words in plant.says:
        assert words in message, f"{plant.id}: the message should say {words!r}:\n{message[-1500:]}"
    for words in plant.hides + ("expected ",):
        assert words not in message, f"{plant.id}: the message gives the answer away ({words!r}):\n{message[-1500:]}"
