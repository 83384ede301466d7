"""Step 5 — write: every file reportgen writes goes through here.

- :mod:`~reportgen.write.files`: :class:`OutputFolder` and atomic writes (a temporary file,
  then a rename), refusing paths outside the output folder and writing a file twice;
- :mod:`~reportgen.write.staging`: a build's files replaced all together (staged, then
  moved in under a journal), and what killed builds left removed;
- :mod:`~reportgen.write.lock`: one build at a time in an output folder;
- :mod:`~reportgen.write.stamps`: each output's fingerprint, to reuse unchanged ones;
- :mod:`~reportgen.write.pictures`: the drawn charts kept between builds;
- :mod:`~reportgen.write.published`: a publication's new ``published/v<N>/`` folder;
- :mod:`~reportgen.write.signoffs`: a sign-off recorded in signoffs.yaml.
"""
