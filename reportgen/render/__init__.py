"""Step 4 — render: lay a computed document out as HTML, PDF (from the HTML) and DOCX."""
