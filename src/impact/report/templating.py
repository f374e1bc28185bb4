"""Report sections from Jinja2 templates (``report/templates/sections/*.html.j2``).

Pages are built from small templates fed by plain values, as nbconvert builds its own
pages: escaping is the template engine's job (autoescape), so a value from the data — a
team's name, an indicator's label — can never inject markup into a report. A fragment
built by one template and placed in another is :class:`markupsafe.Markup` and is not
escaped twice.

Examples
--------
>>> render("heading.html.j2", level=2, text="Avant & après", anchor="team-summary")
Markup('<h2 id="team-summary">Avant &amp; après</h2>')
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["Markup", "environment", "render"]

TEMPLATES = Path(__file__).resolve().parent / "templates" / "sections"


@cache
def environment() -> Environment:
    """The templates' environment: autoescape on, undefined values are errors."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, /, **values: object) -> Markup:
    """Render the section template ``name`` with ``values``; the result is safe HTML.

    Parameters
    ----------
    name : str
        File name in ``report/templates/sections`` (e.g. ``"table.html.j2"``).
    **values
        The template's variables: plain text is escaped, :class:`Markup` is kept.
    """
    return Markup(environment().get_template(name).render(**values).strip("\n"))
