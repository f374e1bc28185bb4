"""The report layer: everything a page needs, from effect tables to HTML.

For one page: the headline of each family, small cells hidden once
(:mod:`impact.report.privacy`), labels and number formats in the report's language
(:mod:`impact.report.labels`, :mod:`impact.report.formatting`), figures
(:mod:`impact.report.figures`) and HTML sections. Submodules are imported where used
(this package imports nothing, so that ``import impact`` stays light).
"""
