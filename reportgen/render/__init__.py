"""Step 4 — render: lay a computed document out as HTML, PDF (from the HTML) and DOCX.

- :mod:`~reportgen.render.template_folders`: where templates are found (a council's own first);
- :mod:`~reportgen.render.html`, :mod:`~reportgen.render.pdf`,
  :mod:`~reportgen.render.docx` (with its parts, draft marking and contents page numbers);
- :mod:`~reportgen.render.charts`: charts drawn with matplotlib;
- :mod:`~reportgen.render.agenda_pack`: the report and its appendices as one PDF;
- :mod:`~reportgen.render.document`: one entry point for every document and format,
  rendering in parallel;
- :mod:`~reportgen.render.fingerprint`: what a document's files are made from, as one
  hash, so a build re-renders only the documents an edit changes.
"""
