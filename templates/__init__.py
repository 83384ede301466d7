"""reportgen's built-in templates (installed as ``reportgen.builtin_templates``).

``html/`` holds the Jinja2 templates and house-style.css for the HTML and PDF versions,
``docx/`` the Word templates (regenerate them with ``make templates``).
"""
