"""impact: measure whether patient partnership works.

Load and validate a programme's data (:func:`load_programme`), build the synthetic demo
programme (:func:`demo_programme`), and evaluate it with the modules of this package.
"""

from impact.data import Programme, load_programme, read_programme
from impact.demo import demo_programme
from impact.errors import DataValidationError, ImpactError, SmallSampleWarning

__version__ = "0.1.0"

__all__ = [
    "DataValidationError",
    "ImpactError",
    "Programme",
    "SmallSampleWarning",
    "demo_programme",
    "load_programme",
    "read_programme",
]
