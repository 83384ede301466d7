"""Step 5 — write: every file reportgen writes goes through here.

- :mod:`~reportgen.write.files`: :class:`OutputFolder` and atomic writes (a temporary file,
  then a rename), refusing paths outside the output folder and writing a file twice;
- :mod:`~reportgen.write.stamps`: what each output was made from, to reuse unchanged ones;
- :mod:`~reportgen.write.pictures`: the drawn charts kept between builds;
- :mod:`~reportgen.write.published`: a publication's new ``published/v<N>/`` folder;
- :mod:`~reportgen.write.signoffs`: a sign-off recorded in signoffs.yaml.
"""
