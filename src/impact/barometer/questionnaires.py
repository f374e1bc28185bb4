"""Any Likert questionnaire of the catalogue, served to the barometer's engine.

A questionnaire (patient partners' experience, staff quality of working life, or the
user's own instrument) is described in ``questionnaire_items`` and answered in
``questionnaire_responses``: the barometer's catalogue and answers plus a
``questionnaire`` column. :func:`questionnaire_programme` gives a programme whose
barometer *is* that questionnaire, so every function written for the barometer (scores,
changes, gaps, joint vs self, reliability, figures, small-group suppression) serves it
unchanged: one engine, several catalogues.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from impact.data.programme import Programme

__all__ = [
    "ITEM_COLUMNS",
    "QUESTIONNAIRE",
    "outcome_code",
    "questionnaire_codes",
    "questionnaire_items",
    "questionnaire_name",
    "questionnaire_programme",
    "questionnaire_responses",
    "scale_range",
]

#: Column naming the questionnaire, in the catalogue and in the answers.
QUESTIONNAIRE = "questionnaire"
#: Columns of a questionnaire's catalogue rows as the barometer catalogue has them.
ITEM_COLUMNS = ("item", "dimension", "dimension_fr", "dimension_en", "label_fr", "label_en",
                "scale_min", "scale_max", "reverse", "certification")  # fmt: skip


def _has(frame: pd.DataFrame, *columns: str) -> bool:
    return all(c in frame.columns for c in columns)


def questionnaire_codes(programme: Programme) -> list[str]:
    """The questionnaires the programme has answers to: catalogue order, then any code
    the answers name that the catalogue lacks (its scoring then fails with the message of
    :func:`impact.barometer.common.item_values`).

    Examples
    --------
    >>> import impact
    >>> questionnaire_codes(impact.demo_programme(n_teams=2, seed=1)) in ([], ["experience_pp",
    ...     "qvt"])
    True
    """
    responses = programme.questionnaire_responses
    if responses.empty or not _has(responses, QUESTIONNAIRE):
        return []
    answered = set(responses[QUESTIONNAIRE].dropna().astype(str))
    catalogue = programme.questionnaire_items
    listed = (list(dict.fromkeys(catalogue[QUESTIONNAIRE].astype(str)))
              if _has(catalogue, QUESTIONNAIRE) else [])  # fmt: skip
    return [c for c in listed if c in answered] + sorted(answered - set(listed))


def questionnaire_items(catalogue: pd.DataFrame, code: str) -> pd.DataFrame:
    """The catalogue rows of questionnaire ``code`` with the barometer catalogue's columns
    (:data:`ITEM_COLUMNS`, those present), in catalogue order, index reset.

    Examples
    --------
    >>> import impact
    >>> items = impact.demo_programme(n_teams=2, seed=1).questionnaire_items
    >>> questionnaire_items(items, "qvt")["dimension"].unique().tolist()
    ['sens', 'reconnaissance', 'estime']
    """
    rows = catalogue.loc[catalogue[QUESTIONNAIRE].astype(str) == code] if _has(
        catalogue, QUESTIONNAIRE) else catalogue.iloc[:0]  # fmt: skip
    return rows[[c for c in ITEM_COLUMNS if c in rows.columns]].reset_index(drop=True)


def questionnaire_responses(responses: pd.DataFrame, code: str) -> pd.DataFrame:
    """The answers to questionnaire ``code``, without the ``questionnaire`` column (the
    barometer answers' shape), index reset."""
    if responses.empty or not _has(responses, QUESTIONNAIRE):
        return responses.drop(columns=[QUESTIONNAIRE], errors="ignore").reset_index(drop=True)
    rows = responses.loc[responses[QUESTIONNAIRE].astype(str) == code]
    return rows.drop(columns=[QUESTIONNAIRE]).reset_index(drop=True)


def questionnaire_programme(programme: Programme, code: str) -> Programme:
    """The programme seen through questionnaire ``code``: its answers as
    ``barometer_responses`` and its catalogue rows as ``barometer_items``.

    Every other table is kept, so the barometer's functions — and the report functions
    that read ``programme.barometer_*`` — compute the questionnaire's tables.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> questionnaire_programme(prog, "qvt").barometer_items["item"].iloc[0]
    'QVT_SE1'
    """
    return replace(
        programme,
        barometer_responses=questionnaire_responses(programme.questionnaire_responses, code),
        barometer_items=questionnaire_items(programme.questionnaire_items, code),
    )


def questionnaire_name(catalogue: pd.DataFrame, code: str, lang: str) -> str:
    """The questionnaire's name in ``lang`` (``questionnaire_fr``/``_en``), or its code."""
    column = f"questionnaire_{lang}"
    if not _has(catalogue, QUESTIONNAIRE, column):
        return code
    names = catalogue.loc[catalogue[QUESTIONNAIRE].astype(str) == code, column].dropna()
    return str(names.iloc[0]) if len(names) else code


def scale_range(items: pd.DataFrame) -> tuple[float, float]:
    """The answer range of a catalogue: smallest ``scale_min``, largest ``scale_max``.

    Raises
    ------
    ValueError
        If the catalogue has no row.

    Examples
    --------
    >>> scale_range(pd.DataFrame({"scale_min": [1, 0], "scale_max": [5, 4]}))
    (0.0, 5.0)
    """
    if items.empty:
        raise ValueError("The catalogue has no item: it has no answer scale.")
    return (float(pd.to_numeric(items["scale_min"]).min()),
            float(pd.to_numeric(items["scale_max"]).max()))  # fmt: skip


def outcome_code(code: str, dimension: str) -> str:
    """The programme-level outcome of a questionnaire's dimension: ``"<code>.<dimension>"``.

    Examples
    --------
    >>> outcome_code("qvt", "global")
    'qvt.global'
    """
    return f"{code}.{dimension}"
