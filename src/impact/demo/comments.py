"""The demo programme's free-text comments: texts, their true themes and tones, reviews
and the truth.

**Who writes, how much.** Every unit (programme team and comparison unit) has comments in
both periods, « avant » and « après » its start (a comparison unit's reference date is the
start of a programme team drawn at random): each unit has a mean :math:`\\mu` per period,
6 for the :data:`P_SMALL` small units and uniform on :data:`MEAN_RANGE` otherwise (about
28 on average over units), and a period's count is negative binomial with mean
:math:`\\mu` and size :data:`NB_SIZE`, so some unit × period groups hold fewer than 10
comments. A comment is from e-Satis (probability :data:`P_ESATIS`; the questionnaire's number as
respondent, as :func:`impact.prem.read_esatis_comments` gives it; question « Points
positifs » when every tone is positive, else « Points à améliorer ») or from the
service's questionnaire (a pseudonymous respondent), dated uniformly in the 365
days before the reference date or from it to 365 days after (at most the data's last day).

**Themes and tone.** With probability :data:`P_NONE` a comment touches no theme (« RAS »,
« merci »…). Otherwise it touches :math:`K` = 1, 2 or 3 themes (probabilities
:data:`K_P`) of the default catalogue, drawn without replacement with probability
proportional to weights :math:`w_{u,p,j}` (successive sampling, drawn as the :math:`K`
largest of :math:`\\log w + \\text{Gumbel}`, Kool et al. 2019): :data:`BASE_WEIGHT`
times a unit × theme factor :math:`e^{N(0, 0.35^2)}`. Each theme gets a tone: « mixte »
with probability :data:`MIXED`, « négatif » with :math:`(1 - m_j)\\,\\text{logistic}
(\\text{logit}\\,q_j + a_u)` (:math:`q_j` = :data:`BASE_NEGATIVE`, :math:`a_u \\sim
N(0, 0.4^2)` the unit's mood), else « positif ». The text joins one hand-written sentence
per theme and tone (:mod:`impact.demo.comment_bank`), sometimes with a neutral opening
or closing sentence; :data:`P_PLAIN` of the comments are written without accents. The texts hold no
real-looking personal data: a few carry tags masked upstream (« [NOM] », « [CHAMBRE] »)
and a few a fictitious staff title and name (« Le Dr Martin »), which the run's masking
must find.

**Known shift.** In programme teams at level « co-construction » or « co-décision »
(about half), after their start, the weight of « participation_partenariat » is
multiplied by 3 and that of « information_communication » by 1.6 (:data:`SHIFT_WEIGHT`),
and the logit of their negative share falls by 1.2 and 0.8 (:data:`SHIFT_NEGATIVE`).
On average over shifted teams
(500-unit draw), the share of comments touching « participation_partenariat » goes from
0.05 to 0.12 and its negative share from 0.44 to 0.21; for « information_communication »
0.14 to 0.20 and 0.40 to 0.24; « accueil » falls from 0.18 to 0.17 by renormalisation.
Nothing changes elsewhere — other programme teams and comparison units have the same
model before and after — except that raising two weights lowers the others' share a
little in shifted teams (the truth holds the exact values).

**Reviews.** In :data:`N_REVIEWED_TEAMS` programme teams drawn at random, each comment is
reviewed with probability :data:`P_REVIEWED`: its ``comment_reviews`` rows are its true
labels (tones in the contract's French), one row with empty theme and tone when it has
no theme.

**Truth** (family ``comments``, every unit): per theme and period the population
probability that a comment touches the theme and the probability that its tone is
« négatif », and their après − avant changes, from the model (never from the sample).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from impact.demo.comment_bank import BANK, CLOSINGS, NO_THEME, OPENINGS, STAFF

__all__ = ["CommentDraw", "CommentParams", "comment_truth", "draw_comment_params",
           "draw_comment_reviews", "simulate_comments", "theme_probabilities"]  # fmt: skip

PERIODS = ("avant", "après")
TONES = ("positif", "negatif", "mixte")
#: The data's last day: no comment is dated after it.
DATA_END = np.datetime64("2026-06-30", "D")
P_SMALL, SMALL_MEAN, MEAN_RANGE, NB_SIZE = 0.15, 6.0, (26.0, 38.0), 10.0
P_ESATIS, P_NONE, P_PLAIN, P_OPENING, P_CLOSING, P_MASKED_STAFF = 0.6, 0.07, 0.1, 0.15, 0.1, 0.5
K_P = (0.55, 0.32, 0.13)
TEAM_SD, MOOD_SD = 0.35, 0.4
#: Weight of each theme (relative: the share of comments touching it before the start).
BASE_WEIGHT = {
    "accueil": 1.0, "prise_en_charge_medicale": 1.0, "prise_en_charge_paramedicale": 1.2,
    "information_communication": 0.8, "douleur": 0.4, "attente_delais": 0.9,
    "chambre_confort": 0.7, "repas": 0.7, "sortie": 0.5, "respect_intimite": 0.4,
    "participation_partenariat": 0.25,
}  # fmt: skip
#: Probability that a theme's tone is negative, before shifts and moods (not counting mixte).
BASE_NEGATIVE = {
    "accueil": 0.2, "prise_en_charge_medicale": 0.15, "prise_en_charge_paramedicale": 0.15,
    "information_communication": 0.45, "douleur": 0.4, "attente_delais": 0.7,
    "chambre_confort": 0.45, "repas": 0.5, "sortie": 0.4, "respect_intimite": 0.3,
    "participation_partenariat": 0.5,
}  # fmt: skip
MIXED = 0.12
SHIFT_LEVELS = ("co-construction", "co-décision")
SHIFT_WEIGHT = {"participation_partenariat": 3.0, "information_communication": 1.6}
SHIFT_NEGATIVE = {"participation_partenariat": 1.2, "information_communication": 0.8}
N_REVIEWED_TEAMS, P_REVIEWED = 3, 0.4
QUESTIONS = {"good": "Points positifs", "bad": "Points à améliorer",
             "questionnaire": "Avez-vous des remarques ou des suggestions ?"}  # fmt: skip


@dataclass(frozen=True)
class CommentParams:
    """The comment model of every unit (programme teams first, then comparison units).

    Attributes
    ----------
    team_ids : numpy.ndarray
        Unit identifiers.
    themes : tuple of str
        Theme codes (the catalogue's order).
    weight, negative : numpy.ndarray
        Theme weights and probabilities of « négatif », units × periods × themes.
    shifted : numpy.ndarray
        Whether the unit's comments shift after its start.
    reference : numpy.ndarray
        Start (programme teams) or reference date (comparison units), ``datetime64[D]``.
    mean : numpy.ndarray
        Mean number of comments per period.
    """

    team_ids: np.ndarray
    themes: tuple[str, ...]
    weight: np.ndarray
    negative: np.ndarray
    shifted: np.ndarray
    reference: np.ndarray
    mean: np.ndarray


def draw_comment_params(
    rng: np.random.Generator, teams: pd.DataFrame, themes: pd.Series
) -> CommentParams:
    """Draw the model of every unit of ``teams`` (the typed teams table).

    ``themes`` holds the catalogue's theme codes, which must be those of the sentence bank.
    """
    codes = tuple(themes)
    if set(codes) != set(BANK):
        raise ValueError(f"The demo comments need the themes {sorted(BANK)}. Got {sorted(codes)}.")
    n = len(teams)
    comparison = teams["comparison"].to_numpy(dtype=bool)
    start = teams["start_date"].to_numpy(dtype="datetime64[D]")
    reference = start.copy()
    reference[comparison] = rng.choice(start[~comparison], size=comparison.sum())
    shifted = ~comparison & teams["participation_level"].isin(SHIFT_LEVELS).to_numpy()
    base = np.array([BASE_WEIGHT[c] for c in codes])
    weight = base * np.exp(rng.normal(0.0, TEAM_SD, (n, len(codes))))
    weight = np.repeat(weight[:, None, :], 2, axis=1)
    logits = logit([BASE_NEGATIVE[c] for c in codes]) + rng.normal(0.0, MOOD_SD, (n, 1))
    logits = np.repeat(logits[:, None, :], 2, axis=1)
    for code, factor in SHIFT_WEIGHT.items():
        weight[shifted, 1, codes.index(code)] *= factor
    for code, fall in SHIFT_NEGATIVE.items():
        logits[shifted, 1, codes.index(code)] -= fall
    small = rng.random(n) < P_SMALL
    mean = np.where(small, SMALL_MEAN, rng.uniform(*MEAN_RANGE, n))
    return CommentParams(
        team_ids=teams["team_id"].to_numpy(dtype=object),
        themes=codes,
        weight=weight,
        negative=(1 - MIXED) * expit(logits),
        shifted=shifted,
        reference=reference,
        mean=mean,
    )


def theme_probabilities(weight: np.ndarray) -> np.ndarray:
    """Probability that a comment touches each theme, for weights ``(..., themes)``.

    Exact for the model: no theme with probability :data:`P_NONE`, else the first ``K``
    themes of successive sampling without replacement (probabilities proportional to the
    weights among those not drawn yet), ``K`` = 1, 2, 3 with probabilities :data:`K_P`.
    The probability that theme ``j`` is drawn in position 1, 2, 3 sums over the ordered
    themes drawn before it.
    """
    p = weight / weight.sum(axis=-1, keepdims=True)
    eye = np.eye(p.shape[-1], dtype=bool)
    # pair[..., i, j] = P(i drawn first, j second), i ≠ j
    pair = np.where(eye, 0.0, p[..., :, None] * p[..., None, :] / (1 - p[..., :, None]))
    # triple[..., i, k, j] = P(i, k, then j), all distinct
    distinct = ~(eye[:, :, None] | eye[:, None, :] | eye[None, :, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        rest = p[..., None, None, :] / (1 - p[..., :, None, None] - p[..., None, :, None])
    triple = np.where(distinct, pair[..., :, :, None] * rest, 0.0)
    second, third = pair.sum(axis=-2), triple.sum(axis=(-3, -2))
    _, k2, k3 = K_P
    return (1 - P_NONE) * (p + (k2 + k3) * second + k3 * third)


def _plain(text: str) -> str:
    """The text without accents (as typed on a keyboard without them)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _sentence(theme: str, tone: str, u: float, staff: int, masked: bool) -> str:
    """One bank sentence of ``theme`` × ``tone`` (``u`` uniform picks it)."""
    bank = BANK[theme][tone]
    sentence = bank[int(u * len(bank))]
    return sentence.replace("{staff}", STAFF[staff][int(masked)])


@dataclass(frozen=True)
class CommentDraw:
    """Untyped ``comments`` and their true labels (``comment``, ``theme``, ``tone`` in
    the engine's codes: positif, negatif, mixte; no row for a comment without theme)."""

    comments: pd.DataFrame
    labels: pd.DataFrame


def simulate_comments(rng: np.random.Generator, params: CommentParams) -> CommentDraw:
    """Draw every unit's comments in both periods, with their true labels."""
    n_units, n_themes = len(params.team_ids), len(params.themes)
    mean = np.repeat(params.mean, 2)
    counts = rng.negative_binomial(NB_SIZE, NB_SIZE / (NB_SIZE + mean))
    unit, period = np.repeat(np.arange(n_units), 2), np.tile([0, 1], n_units)
    unit, period = np.repeat(unit, counts), np.repeat(period, counts)
    n = len(unit)
    rank = np.concatenate([np.arange(1, c + 1) for c in counts]) if n else np.zeros(0, int)
    # every draw up front, in a fixed order
    none = rng.random(n) < P_NONE
    k = rng.choice(3, size=n, p=K_P) + 1
    keys = np.log(params.weight[unit, period]) + rng.gumbel(size=(n, n_themes))
    drawn = np.argsort(-keys, axis=1)[:, :3]
    u_tone, u_sentence = rng.random((n, 3)), rng.random((n, 3))
    staff, masked = rng.integers(0, len(STAFF), (n, 3)), rng.random((n, 3)) < P_MASKED_STAFF
    opening = np.where(rng.random(n) < P_OPENING, rng.integers(0, len(OPENINGS), n), -1)
    closing = np.where(rng.random(n) < P_CLOSING, rng.integers(0, len(CLOSINGS), n), -1)
    empty = rng.integers(0, len(NO_THEME), n)
    plain = rng.random(n) < P_PLAIN
    esatis = rng.random(n) < P_ESATIS
    offset = rng.random(n)

    negative = params.negative[unit, period]
    ids, texts, questions, labels = [], [], [], []
    for i in range(n):
        team = params.team_ids[unit[i]]
        ids.append(f"{team}-{'AV' if period[i] == 0 else 'AP'}-{rank[i]:03d}")
        if none[i]:
            texts.append(NO_THEME[empty[i]])
            questions.append("good")
            continue
        parts, tones = [], []
        for slot in range(k[i]):
            j = drawn[i, slot]
            neg = negative[i, j]
            tone = "negatif" if u_tone[i, slot] < neg else (
                "mixte" if u_tone[i, slot] < neg + MIXED else "positif")  # fmt: skip
            theme = params.themes[j]
            parts.append(_sentence(theme, tone, u_sentence[i, slot], staff[i, slot],
                                   masked[i, slot]))  # fmt: skip
            labels.append((ids[-1], theme, tone))
            tones.append(tone)
        if opening[i] >= 0:
            parts.insert(0, OPENINGS[opening[i]])
        if closing[i] >= 0:
            parts.append(CLOSINGS[closing[i]])
        text = " ".join(parts)
        texts.append(_plain(text) if plain[i] else text)
        questions.append("good" if set(tones) == {"positif"} else "bad")

    reference = params.reference[unit]
    after = np.minimum(365, (DATA_END - reference).astype(int) + 1)  # days from the start
    days = np.where(period == 0, -1 - np.floor(offset * 365), np.floor(offset * after))
    source = np.where(esatis, "e-Satis", "questionnaire")
    comments = pd.DataFrame({
        "comment": ids,
        "team_id": params.team_ids[unit],
        "period": np.array(PERIODS, dtype=object)[period],
        "source": source,
        "respondent": [f"E-{c}" if e else f"Q-{c}" for e, c in zip(esatis, ids, strict=True)],
        "question": [QUESTIONS[q] if e else QUESTIONS["questionnaire"]
                     for e, q in zip(esatis, questions, strict=True)],
        "date": reference + days.astype("timedelta64[D]"),
        "text": texts,
    })  # fmt: skip
    return CommentDraw(comments, pd.DataFrame(labels, columns=["comment", "theme", "tone"]))


def draw_comment_reviews(
    rng: np.random.Generator, draw: CommentDraw, teams: np.ndarray
) -> pd.DataFrame:
    """Untyped ``comment_reviews``: the true labels of about :data:`P_REVIEWED` of the
    comments of :data:`N_REVIEWED_TEAMS` teams drawn among ``teams`` (programme teams)."""
    chosen = rng.choice(teams, size=min(N_REVIEWED_TEAMS, len(teams)), replace=False)
    comments = draw.comments
    mine = comments["team_id"].isin(chosen).to_numpy()
    reviewed = comments["comment"][mine & (rng.random(len(comments)) < P_REVIEWED)]
    labels = draw.labels[draw.labels["comment"].isin(reviewed)]
    bare = reviewed[~reviewed.isin(labels["comment"])]
    rows = pd.concat(
        [labels.assign(tone=labels["tone"].replace({"negatif": "négatif"})),
         pd.DataFrame({"comment": bare, "theme": np.nan, "tone": np.nan})],
        ignore_index=True,
    )  # fmt: skip
    order = {c: k for k, c in enumerate(comments["comment"])}
    rows = rows.assign(_c=rows["comment"].map(order)).sort_values("_c", kind="stable")
    return rows.drop(columns="_c").assign(reviewer="patient partenaire").reset_index(drop=True)


def comment_truth(params: CommentParams) -> pd.DataFrame:
    """Truth rows (family ``comments``) of every unit and theme: population values of the
    model (:func:`theme_probabilities` and the tone probabilities), never of the sample."""
    share = theme_probabilities(params.weight)  # units × periods × themes
    model = ("Model of impact.demo.comments: no theme with probability 0.07, else 1–3 themes "
             "drawn by successive sampling with the unit's weights")  # fmt: skip
    blocks = []
    for name, values, what in (
        ("share", share, f"Probability that a comment of the unit touches the theme. {model}."),
        ("negative", params.negative,
         "Probability that the tone of the theme in a comment touching it is « négatif » "
         "(not « mixte »)."),
    ):  # fmt: skip
        for k, period in enumerate(PERIODS):
            blocks.append((name, period, values[:, k, :], "share (0–1)",
                           f"{what} Period « {period} »."))  # fmt: skip
        blocks.append((name, "change", values[:, 1, :] - values[:, 0, :],
                       "difference (share 0–1)",
                       f"Change après − avant. {what}"))  # fmt: skip
    n_units, n_themes = share.shape[0], share.shape[2]
    frames = []
    for name, period, values, scale, definition in blocks:
        codes = [f"{theme}.{name}.{period}" for theme in params.themes]
        frames.append(pd.DataFrame({
            "team_id": np.repeat(params.team_ids, n_themes),
            "code": np.tile(codes, n_units),
            "scale": scale,
            "true_effect": values.reshape(-1),
            "definition": definition,
            "_theme": np.tile(np.arange(n_themes), n_units),
        }))  # fmt: skip
    frame = pd.concat(frames, ignore_index=True)
    order = {team: k for k, team in enumerate(params.team_ids)}
    frame = frame.assign(_u=frame["team_id"].map(order)).sort_values(
        ["_u", "_theme"], kind="stable"
    )
    return pd.DataFrame({
        "team_id": frame["team_id"].astype(str),
        "measure": "comments:" + frame["code"],
        "family": "comments",
        "code": frame["code"],
        "scale": frame["scale"],
        "true_effect": frame["true_effect"].astype(float),
        "definition": frame["definition"],
    }).reset_index(drop=True)  # fmt: skip
