"""Step 1 — load: files read into plain values, nothing judged yet.

- :mod:`~reportgen.load.yaml`: a YAML file safely, every value with its line and column;
- :mod:`~reportgen.load.data`: a data table's counts, from CSV or YAML ``rows:``;
- :mod:`~reportgen.load.cache`: files read before, remembered by their bytes (in memory,
  and in a build's output folder), so an unchanged year is read quickly.
"""
