"""The synthetic demo programme: shape, contract, and the truth it claims to hold."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import impact
from impact.data.programme import CATALOGUES, INPUT_TABLES
from impact.data.schemas import catalogue_dir
from impact.demo.programme import LEVELS, TRUTH_COLUMNS, _design, demo_programme
from impact.demo.series import MONTHS, simulate_series
from impact.demo.surveys import (
    BARO_SD_RESPONDENT,
    barometer_latent_mean,
    draw_barometer_scores,
    simulate_prem,
)
from smoke import sizes, widened

SCHEMA_DIR = catalogue_dir().parent
TABLES = INPUT_TABLES + CATALOGUES
#: Truth families of per-team effects (the issue-14 families: tests/test_demo_steering.py).
EFFECT_FAMILIES = ("indicator", "barometer", "prem", "prom")
#: The loader's warnings the demo causes on purpose: small PREM periods, and participants
#: who missed the quiz "avant" or "après" (the unpaired path, tests/test_demo_trainings.py).
DELIBERATE_WARNINGS = {"small-prem-period", "training-unpaired"}


def unexpected_warnings(warnings: pd.DataFrame | None) -> set[str]:
    """The loader's rules raised beyond :data:`DELIBERATE_WARNINGS` and the comparison
    units' comments (the demo gives them comments on purpose, as the control of the
    comments' change: tests/test_demo_comments.py)."""
    if warnings is None:
        return set()
    comments = (warnings["rule"] == "comparison-answers") & (warnings["table"] == "comments")
    return set(warnings.loc[~comments, "rule"]) - DELIBERATE_WARNINGS


@pytest.fixture(scope="module")
def prog():
    return demo_programme()


def schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def favourable(truth: pd.DataFrame, *catalogues: pd.DataFrame) -> pd.Series:
    """True effects signed so that > 0 is an improvement (log scale for ratios)."""
    directions = pd.concat([c.set_index("code")["better"] for c in catalogues])
    better = truth["code"].map(directions).fillna("higher")
    sign = np.where(better == "higher", 1.0, -1.0)
    eff = truth["true_effect"].copy()
    ratio = truth["scale"] == "ratio"
    eff[ratio] = np.log(eff[ratio])
    return pd.Series(sign * eff, index=truth.index)


# ---------------------------------------------------------------- determinism
def test_same_seed_same_tables_other_seed_other_tables():
    a, b, c = demo_programme(8, 3, seed=7), demo_programme(8, 3, seed=7), demo_programme(8, 3)
    for name in (*TABLES, "truth"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    for name in (*INPUT_TABLES, "truth"):
        assert not getattr(a, name).equals(getattr(c, name)), name


# ---------------------------------------------------------------- contract
def test_columns_types_and_sources_follow_the_schemas(prog):
    kinds = {
        "integer": "Int64",
        "number": "float64",
        "boolean": "boolean",
        "date": "datetime64[ns]",
        "yearmonth": "datetime64[ns]",
    }
    for name in TABLES:
        frame, fields = getattr(prog, name), schema(name)["fields"]
        assert list(frame.columns) == [f["name"] for f in fields], name
        for f in fields:
            dtype = frame[f["name"]].dtype
            if f["type"] == "string":
                assert pd.api.types.is_string_dtype(dtype), (name, f["name"], dtype)
            else:
                assert str(dtype) == kinds[f["type"]], (name, f["name"], dtype)
    assert {prog.sources[n].path for n in INPUT_TABLES} == {"<demo>"}
    # the demo's training catalogue is the default one plus its trainings' quizzes
    defaults = [n for n in CATALOGUES if n != "training_items"]
    assert {prog.sources[n].path for n in defaults} == {"<default catalogue>"}
    assert prog.sources["training_items"].path == "<demo>"
    assert prog.warnings is None
    assert list(prog.truth.columns) == TRUTH_COLUMNS


def test_keys_unique_foreign_keys_valid_values_allowed(prog):
    refs = {
        "teams": "team_id",
        "indicators": "code",
        "barometer_items": "item",
        "prem_items": "item",
        "prem_scales": "scale",
        "proms": "code",
        "questionnaire_items": "item",
        "training_sessions": "session",
        "training_items": "item",
        "comments": "comment",
        "comment_themes": "code",
    }
    for name in TABLES:
        frame, sch = getattr(prog, name), schema(name)
        assert not frame.duplicated(sch["primaryKey"]).any(), name
        for fk in sch.get("foreignKeys", []):
            target = getattr(prog, fk["reference"]["resource"])[refs[fk["reference"]["resource"]]]
            # a missing value is not a reference (Table Schema): a hospital's roadmap line
            assert frame[fk["fields"]].dropna().isin(set(target)).all(), (name, fk)
        for f in sch["fields"]:
            col, cons = frame[f["name"]], f.get("constraints", {})
            if cons.get("required"):
                assert col.notna().all(), (name, f["name"])
            if "enum" in cons:
                assert col.dropna().isin(cons["enum"]).all(), (name, f["name"])
            if "pattern" in cons:
                assert col.dropna().str.fullmatch(cons["pattern"]).all(), (name, f["name"])
            if "maxLength" in cons:
                assert (col.dropna().str.len() <= cons["maxLength"]).all(), (name, f["name"])
            if "minimum" in cons:
                assert (col.dropna() >= cons["minimum"]).all(), (name, f["name"])
            if "maximum" in cons:
                assert (col.dropna() <= cons["maximum"]).all(), (name, f["name"])


def test_answers_within_each_items_scale(prog):
    baro = prog.barometer_responses.dropna(subset="score")
    assert baro["score"].between(0, 4).all()
    scales = prog.prem_items.merge(prog.prem_scales, on="scale")[["item", "code"]]
    prem = prog.prem_responses.dropna(subset="answer")
    pairs = prem[["item", "answer"]].drop_duplicates().rename(columns={"answer": "code"})
    assert len(pairs.merge(scales)) == len(pairs)
    values = prog.indicator_values
    assert (values["numerator"].dropna() <= values["denominator"].dropna()).all()


def test_written_files_pass_the_loader(tmp_path):
    load = getattr(impact, "load_programme", None)
    if load is None:
        pytest.skip("impact.load_programme is not available yet")
    demo = demo_programme(n_teams=8, seed=1)
    demo.to_csv(tmp_path)
    loaded = load(tmp_path)
    assert sorted(loaded.team_ids) == [f"T{i:02d}" for i in range(1, 9)]
    assert unexpected_warnings(loaded.warnings) == set()  # only the deliberate ones
    for name in TABLES:  # the round trip keeps every value and type
        pd.testing.assert_frame_equal(
            getattr(loaded, name).reset_index(drop=True), getattr(demo, name), obj=name
        )


# ---------------------------------------------------------------- teams and series
def test_teams_comparison_units_and_staggered_starts(prog):
    teams = prog.teams
    assert prog.team_ids == [f"T{i:02d}" for i in range(1, 61)]
    assert prog.comparison_ids == [f"C{i:02d}" for i in range(1, 16)]
    assert teams["ghu"].nunique() == 6
    prog_teams = teams[~teams["comparison"]]
    starts = prog_teams["start_date"]
    assert starts.between("2023-01-01", "2025-06-01").all() and (starts.dt.day == 1).all()
    assert starts.nunique() >= 15
    ends = prog_teams["end_date"].dropna()
    assert (ends > starts[ends.index]).all() and 0 < len(ends) < len(prog_teams)
    assert prog_teams["n_patient_partners"].between(1, 8).all()
    assert set(prog_teams["participation_level"]) == set(LEVELS)
    comp = teams[teams["comparison"]]
    assert comp["start_date"].isna().all() and comp["end_date"].isna().all()
    assert (comp["n_patient_partners"].fillna(0) == 0).all()


def test_every_unit_has_every_indicator_every_month(prog):
    values = prog.indicator_values
    assert len(values) == len(prog.teams) * len(prog.indicators) * len(MONTHS)
    assert (values["period"].dt.day == 1).all()
    start = values["team_id"].map(prog.teams.set_index("team_id")["start_date"])
    before = (values["period"] < start).groupby([values["team_id"], values["indicator"]]).sum()
    after = (values["period"] >= start).groupby([values["team_id"], values["indicator"]]).sum()
    teams = before.index.get_level_values(0).isin(prog.team_ids)
    assert (before[teams] >= 12).all() and (after[teams] >= 12).all()
    # patient partners are counted from partnership_activity (tests/test_demo_steering.py)
    assert not (prog.indicators["kind"] == "count").any()


def test_shared_trend_and_seasonality_in_comparison_units(prog):
    values = prog.indicator_values
    comp = values[values["team_id"].isin(prog.comparison_ids) & (values["indicator"] == "dms")]
    by_month = comp.groupby("period")["value"].mean()
    years = (by_month.index.year - 2022) + (by_month.index.month - 1) / 12
    season = np.sin(2 * np.pi * (by_month.index.month - 1) / 12)
    design = np.column_stack([np.ones(len(years)), years, season])
    coef = np.linalg.lstsq(design, by_month.to_numpy(), rcond=None)[0]
    assert coef[1] < -0.05 and coef[2] > 0.1  # dms: −0.15 day a year, season ±0.25


# ---------------------------------------------------------------- surveys
def test_barometer_waves_sizes_overlap_and_joint_assessment(prog):
    baro = prog.barometer_responses
    waves = baro.groupby("team_id")["wave"].agg(lambda w: tuple(sorted(set(w))))
    assert set(waves.index) == set(prog.team_ids)
    assert waves.isin([("T0", "T1"), ("T0", "T1", "T2")]).all()
    assert 0.15 < (waves.str.len() == 3).mean() < 0.55
    auto = baro[baro["assessment"] == "auto"].drop_duplicates(["team_id", "wave", "respondent"])
    pro = (
        (auto["role"] == "professionnel")
        .groupby([auto["team_id"], auto["wave"]])
        .agg(["sum", "size"])
    )
    assert pro["sum"].between(6, 15).all() and (pro["size"] - pro["sum"]).between(3, 8).all()
    assert auto["respondent"].str.fullmatch(r"T\d\d-P\d{3}").all()
    t0 = set(auto.loc[auto["wave"] == "T0", ["team_id", "respondent"]].itertuples(index=False))
    t1 = set(auto.loc[auto["wave"] == "T1", ["team_id", "respondent"]].itertuples(index=False))
    assert 0.45 < len(t0 & t1) / len(t0) < 0.75 and len(t1 - t0) > 0
    joint = baro[baro["assessment"] == "conjointe"]
    assert joint["role"].isna().all() and joint["respondent"].str.endswith("-CONJ").all()
    assert len(joint) == len(baro[["team_id", "wave"]].drop_duplicates()) * 11
    missing = baro.loc[baro["assessment"] == "auto", "score"].isna().mean()
    assert 0.03 < missing < 0.07


def test_prem_sizes_and_small_periods(prog):
    sizes = prog.prem_responses.groupby(["team_id", "period"])["respondent"].nunique()
    assert set(sizes.index.get_level_values(0)) == set(prog.team_ids)
    small = sizes[sizes < 30]
    assert sizes.between(12, 300).all() and sizes[sizes >= 30].le(300).all()
    assert 5 <= len(small) <= 12  # about 15 % of 60 teams
    assert small.index.get_level_values(0).is_unique  # one small period per team at most
    answers = prog.prem_responses["answer"]
    assert 0.01 < answers.isna().mean() < 0.03
    assert 0.015 < answers.isin([8, 9]).mean() < 0.045


def test_prem_case_mix_shifts_after_start(prog):
    people = prog.prem_responses.drop_duplicates(["team_id", "period", "respondent"])
    share = people.groupby("period").agg(
        old=("age_group", lambda s: (s == "75+").mean()),
        poor=("self_rated_health", lambda s: (s == "mauvaise").mean()),
        emergency=("admission_mode", lambda s: (s == "urgence").mean()),
    )
    assert (share.loc["après"] > share.loc["avant"] + 0.04).all()


# ---------------------------------------------------------------- truth
def test_truth_covers_every_team_and_measure(prog):
    truth = prog.truth[prog.truth["family"].isin(EFFECT_FAMILIES)]
    measures = (
        [
            f"indicator:{c}"
            for c, k in prog.indicators[["code", "kind"]].itertuples(index=False)
            if k != "count"
        ]
        + [f"barometer:{d}" for d in prog.barometer_items["dimension"].unique()]
        + ["prem:global"]
    )
    proms = truth[truth["family"] == "prom"]
    truth = truth[truth["family"] != "prom"]
    assert set(truth["measure"]) == set(measures)
    assert len(truth) == len(prog.team_ids) * len(measures)
    # PROMs: only the teams that collect them (about 90%), every PROM of the catalogue
    collecting = set(prog.prom_responses["team_id"])
    assert set(proms["team_id"]) == collecting and len(collecting) >= 0.8 * len(prog.team_ids)
    assert set(proms["measure"]) == {f"prom:{c}" for c in prog.proms["code"]}
    assert set(proms["scale"]) == {"difference (score)"}
    assert not truth.duplicated(["team_id", "measure"]).any()
    assert set(truth["team_id"]) == set(prog.team_ids)
    assert truth["true_effect"].notna().all() and truth["definition"].str.len().gt(50).all()
    scales = truth.groupby("family")["scale"].unique().map(set)
    assert scales["indicator"] == {"ratio", "difference (points)", "difference (units)"}
    assert scales["barometer"] == {"difference (score 0–4)"}
    assert scales["prem"] == {"difference (score 0–100)"}


def test_effects_vary_some_null_a_few_harmful_growing_with_level(prog):
    truth = prog.truth[prog.truth["family"].isin((*EFFECT_FAMILIES, "questionnaire"))]
    truth = truth.assign(fav=lambda t: favourable(t, prog.indicators, prog.proms))
    level = truth["team_id"].map(prog.teams.set_index("team_id")["participation_level"])
    for measure, fav in truth.groupby("measure")["fav"]:
        assert (fav.abs() < 1e-12).sum() >= 3, measure
        assert 1 <= (fav < -1e-9).sum() <= 12, measure
        assert fav.std() > 0, measure
        by_level = fav.groupby(level[fav.index]).mean()[list(LEVELS)]
        assert by_level.is_monotonic_increasing and by_level.is_unique, measure


def test_indicator_truth_is_what_a_diff_in_diff_recovers():
    """With huge denominators, each team's difference-in-differences against the
    comparison units over the same months equals the stored truth: the trend and the
    seasonality are shared, so they cancel; the truth holds no trend."""
    design = _design(10, 8, seed=3)
    prog = demo_programme(10, 8, seed=3)
    teams = design.teams
    values = simulate_series(
        np.random.default_rng(99),
        design.series,
        design.catalogues["indicators"],
        teams["team_id"].to_numpy(dtype=object),
        design.start,
        size_factor=1e4,
    )
    kinds = design.catalogues["indicators"].set_index("code")["kind"]
    wide = values.pivot_table(index=["indicator", "period"], columns="team_id", values="value")
    checked = 0
    for row in prog.truth[prog.truth["family"] == "indicator"].itertuples():
        series = wide.loc[row.code]
        y = np.log(series) if kinds[row.code] == "rate" else series
        control = y[prog.comparison_ids].mean(axis=1)
        post = series.index >= teams.set_index("team_id").loc[row.team_id, "start_date"]
        gap = y[row.team_id] - control
        did = gap[post].mean() - gap[~post].mean()
        if kinds[row.code] == "rate":
            assert np.exp(did) == pytest.approx(row.true_effect, abs=0.01), row
        elif kinds[row.code] == "proportion":
            assert did == pytest.approx(row.true_effect, abs=0.15), row
        else:
            assert did == pytest.approx(row.true_effect, abs=0.02 * max(1, abs(did))), row
        checked += 1
    assert checked == 10 * 7


def prem_person_scores(frame: pd.DataFrame, params, catalogues) -> tuple[np.ndarray, np.ndarray]:
    """Each respondent's mean points over informative answers, and whether it is "après"."""
    items = catalogues["prem_items"].merge(catalogues["prem_scales"], on="scale")
    table = np.full((len(params.items), 10), np.nan)  # points of each item's answer codes
    for row in items.itertuples():
        table[list(params.items).index(row.item), row.code] = row.points
    n_items = len(params.items)
    assert (frame["item"].to_numpy()[: 2 * n_items] == np.tile(params.items, 2)).all()
    answer = frame["answer"].to_numpy(dtype=float).reshape(-1, n_items)
    code = np.nan_to_num(answer, nan=0).astype(int)
    points = np.where(np.isnan(answer), np.nan, table[np.arange(n_items), code])
    with np.errstate(all="ignore"):
        person = np.nanmean(points, axis=1)  # NaN for a respondent with no informative answer
    return person, frame["period"].to_numpy()[::n_items] == "après"


@pytest.mark.parametrize("respondents", sizes(smoke=20_000, full=100_000))
def test_prem_truth_matches_a_huge_sample_at_fixed_case_mix(respondents):
    """100 000 simulated respondents per period (20 000 in the smoke run), with the "avant"
    case mix in both periods.

    The same draws with the team's effect switched off give a paired counterfactual for the
    "après" respondents: the mean paired difference must equal the truth to within a tight
    Monte-Carlo error, and the unpaired après − avant change to within its own error. With
    the drawn case-mix shift, the raw change falls short of the truth.
    """
    design = _design(12, 0, seed=5)
    truth = demo_programme(12, 0, seed=5).truth.set_index(["team_id", "measure"])["true_effect"]
    params = design.prem
    j = int(np.argmax(np.abs(params.delta)))
    fields = ("team_ids", "base", "delta", "mix_shift", "sizes")
    one = replace(params, **{k: getattr(params, k)[[j]] for k in fields})
    expected = truth[(params.team_ids[j], "prem:global")]
    assert abs(expected) > 2.0
    counts = np.array([[respondents, respondents]])

    def scores(prm, shift):
        frame = simulate_prem(np.random.default_rng(11), prm, sizes=counts, mix_shift=shift)
        return prem_person_scores(frame, params, design.catalogues)

    person, after = scores(one, 0.0)
    untreated, _ = scores(replace(one, delta=np.zeros(1)), 0.0)
    paired = (person - untreated)[after]
    paired = paired[~np.isnan(paired)]
    assert paired.mean() == pytest.approx(expected, abs=4 * paired.std() / np.sqrt(len(paired)))
    groups = [person[after & ~np.isnan(person)], person[~after & ~np.isnan(person)]]
    se = np.sqrt(sum(g.var() / len(g) for g in groups))
    assert groups[0].mean() - groups[1].mean() == pytest.approx(expected, abs=4 * se)
    person, after = scores(one, 1.0)
    raw = np.nanmean(person[after]) - np.nanmean(person[~after])
    assert raw < expected - 4 * se  # the case-mix shift biases the raw change downwards


def test_barometer_truth_matches_a_huge_sample_with_the_t0_role_mix():
    """Large fresh samples of professionals and patient-side respondents at T0 and T1,
    combined with the team's T0 role mix, reproduce the truth of every dimension."""
    design = _design(10, 0, seed=8)
    prog = demo_programme(10, 0, seed=8)
    params = design.barometer
    j = int(np.argmax(params.multiplier))
    first = prog.barometer_responses.query("wave == 'T0' and assessment == 'auto'")
    first = first[first["team_id"] == params.team_ids[j]].drop_duplicates("respondent")
    share_pro = (first["role"] == "professionnel").mean()
    rng, n = np.random.default_rng(21), 200_000
    mean = {}
    for patient in (0.0, 1.0):
        for wave in (0, 1):
            mu = barometer_latent_mean(params, np.full(n, j), np.full(n, patient), np.full(n, wave))
            level = rng.normal(0.0, BARO_SD_RESPONDENT, n)
            mean[patient, wave] = draw_barometer_scores(rng, params, mu, level)
    truth = prog.truth[prog.truth["team_id"] == params.team_ids[j]].set_index("code")
    for dim in dict.fromkeys(params.dimension):
        cols = params.dimension == dim
        per_person = {k: v[:, cols].mean(axis=1) for k, v in mean.items()}
        change = share_pro * (per_person[0.0, 1].mean() - per_person[0.0, 0].mean()) + (
            1 - share_pro
        ) * (per_person[1.0, 1].mean() - per_person[1.0, 0].mean())
        se = np.sqrt(
            sum(
                w**2 * (v.var() / n)
                for (p, _), v in per_person.items()
                for w in [share_pro if p == 0 else 1 - share_pro]
            )
        )
        assert truth.loc[dim, "true_effect"] > 0.2
        assert change == pytest.approx(truth.loc[dim, "true_effect"], abs=4 * se), dim


@pytest.mark.parametrize("patients", sizes(smoke=20_000, full=200_000))
def test_prom_truth_matches_a_huge_simulated_sample(patients):
    """The closed-form truth (expected clipped score) equals the mean change of 200,000
    simulated patients per team (Monte-Carlo SE ≈ 0.03 points for eq_vas); the smoke
    run's 20,000 widen the tolerance by sqrt(10)."""
    from dataclasses import replace

    from impact.demo.proms import prom_truth, simulate_proms

    design = _design(6, 0, seed=12)
    params = replace(design.proms, n_patients=np.full(6, patients), collects=np.ones(6, dtype=bool))
    sample = simulate_proms(np.random.default_rng(1), params)
    means = sample.groupby(["team_id", "prom", "period"])["value"].mean().unstack("period")
    observed = (means["après"] - means["avant"]).rename("observed")
    truth = prom_truth(params).set_index(["team_id", "code"])["true_effect"]
    joined = pd.concat([observed, truth.rename_axis(["team_id", "prom"])], axis=1)
    tolerance = {"eq_vas": 0.15, "douleur_nrs": 0.02}
    for (team, prom), row in joined.iterrows():
        assert abs(row["observed"] - row["true_effect"]) < widened(
            tolerance[prom], patients, full=200_000
        ), (team, prom)
