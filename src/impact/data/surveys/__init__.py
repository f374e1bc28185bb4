"""Wide survey exports (LimeSurvey, REDCap, Forms) → the long tables of the data contract.

:func:`import_survey` converts an export with a mapping file (format in
:mod:`impact.data.surveys.mapping`); :func:`draft_mapping` proposes that file from the
catalogue by fuzzy matching the question texts and codes.
"""

from impact.data.surveys.formats import read_export
from impact.data.surveys.mapping import Mapping, draft_mapping, read_mapping, write_mapping
from impact.data.surveys.tables import SURVEY_TABLES
from impact.data.surveys.wide import SurveyProblem, import_survey, wide_to_long

__all__ = [
    "SURVEY_TABLES",
    "Mapping",
    "SurveyProblem",
    "draft_mapping",
    "import_survey",
    "read_export",
    "read_mapping",
    "wide_to_long",
    "write_mapping",
]
