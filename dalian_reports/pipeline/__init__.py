"""The pipeline: sources → tables → validate → write (runs from a checkout, ``make``).

Nothing in the library imports this package. ``dalian-reports build`` builds every table of
:mod:`.tables.catalog`, validates it against its metadata (:mod:`.metadata`), and writes the tables,
``datapackage.json``, the figures, the workbook and, on request, the executed notebooks (:mod:`.build`).
"""
