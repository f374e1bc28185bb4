"""Report runs: compute once, kept-alive kernels, workers, atomic output folders.

:func:`impact.run.runner.run_reports` is the entry point (``impact run``).
"""
