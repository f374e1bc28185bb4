"""The languages of messages and reports, and the lookup of a text in a catalogue."""

from __future__ import annotations

__all__ = ["LANGUAGES", "check_lang", "translate"]

#: Languages of every message and report; French is the default and the reference.
LANGUAGES = ("fr", "en")


def check_lang(lang: object) -> str:
    """Return ``lang`` if it is one of :data:`LANGUAGES`, else raise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    return str(lang)


def translate(catalogue: dict[str, dict[str, str]], key: str, lang: str, /, **fields: object
              ) -> str:  # fmt: skip
    """The text of ``key`` in ``lang`` from ``catalogue``, formatted with ``fields``.

    Raises
    ------
    ValueError
        For an unknown language.
    KeyError
        For an unknown key.
    """
    check_lang(lang)
    try:
        text = catalogue[key][lang]
    except KeyError:
        raise KeyError(f"No label {key!r}.") from None
    return text.format(**fields) if fields else text
