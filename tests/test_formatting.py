"""Report number and date formats (impact.report.formatting), values written by hand.

References: CLDR (Unicode Common Locale Data Repository) number and date data of
``fr_FR`` and ``en_GB``, https://cldr.unicode.org: French group separator U+202F
(narrow no-break space), decimal comma, minimum grouping digits 1 (four-digit numbers
are grouped), short date ``dd/MM/y``, year–month ``MM/y``; English group separator ",",
decimal point. The package's own rules (module note of impact.report.formatting): the
true minus sign U+2212, U+202F before % in French, ISO 8601 dates in English.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from impact.report.formatting import format_date, format_month, format_number, format_percent

NNBSP, MINUS = "\u202f", "\u2212"


@pytest.mark.parametrize(
    ("value", "lang", "digits", "sign", "expected"),
    [
        (1234567.5, "fr", 1, False, f"1{NNBSP}234{NNBSP}567,5"),
        (1234567.5, "en", 1, False, "1,234,567.5"),
        (1234, "fr", 0, False, f"1{NNBSP}234"),  # grouped from four digits
        (123, "fr", 2, False, "123,00"),  # always `digits` decimals
        (999.95, "fr", 1, False, f"1{NNBSP}000,0"),  # 999.95000000000004547…: up, new group
        (2.675, "fr", 2, False, "2,67"),  # stored as 2.67499999999999982236…
        (0.125, "en", 2, False, "0.12"),  # exact tie: to even
        (-1234.5, "fr", 1, False, f"{MINUS}1{NNBSP}234,5"),
        (-1234.5, "en", 1, True, f"{MINUS}1,234.5"),
        (1234.5, "en", 1, True, "+1,234.5"),
        (-0.04, "fr", 1, True, "0,0"),  # rounds to zero: no sign
        (float("inf"), "fr", 1, False, "∞"),
        (None, "fr", 1, False, "–"),
        (np.nan, "en", 1, False, "–"),
    ],
)
def test_format_number_by_hand(value, lang, digits, sign, expected):
    assert format_number(value, lang=lang, digits=digits, sign=sign) == expected


def test_format_percent_by_hand():
    assert format_percent(12345.67, lang="fr") == f"12{NNBSP}345,7{NNBSP}%"
    assert format_percent(12345.67, lang="en") == "12,345.7%"
    assert format_percent(-5, lang="fr", digits=0) == f"{MINUS}5{NNBSP}%"
    assert format_percent(None, lang="en") == "–"


def test_format_date_and_month_by_hand():
    day = pd.Timestamp("2024-01-05 13:45")
    assert format_date(day, lang="fr") == "05/01/2024"
    assert format_date(day, lang="en") == "2024-01-05"
    assert format_date(np.datetime64("2023-12-31"), lang="fr") == "31/12/2023"
    assert format_month(day, lang="fr") == "01/2024"
    assert format_month("2023-11-30", lang="en") == "2023-11"
    assert format_date(pd.NaT, lang="fr") == "–" and format_month(None, lang="en") == "–"
    with pytest.raises(ValueError, match="lang"):
        format_date(day, lang="de")
