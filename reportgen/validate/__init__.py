"""Step 2 — validate: every file checked against the content model and against each other.

- :mod:`~reportgen.validate.year`: :func:`validate_year`, the whole year folder;
- :mod:`~reportgen.validate.fields`: one file against its model, each error in plain
  English on its line and field;
- :mod:`~reportgen.validate.files`, :mod:`~reportgen.validate.library`,
  :mod:`~reportgen.validate.glossary`, :mod:`~reportgen.validate.contacts`,
  :mod:`~reportgen.validate.chapters`, :mod:`~reportgen.validate.tables`,
  :mod:`~reportgen.validate.priorities`, :mod:`~reportgen.validate.compliance`,
  :mod:`~reportgen.validate.signoffs`: the year's files, the shared library, the
  assessment's and plan's chapters and data tables, priorities, what the law requires,
  and the sign-off record.
"""
