"""Sign-off bound to the text: who cleared which part of the report, when, and a hash of
exactly the words they cleared.

- :mod:`~reportgen.signoff.required`: what must be signed off, and its text as printed;
- :mod:`~reportgen.signoff.status`: where each sign-off stands (:class:`SignOffState`);
- :mod:`~reportgen.signoff.record`: recording a sign-off in signoffs.yaml.
"""

from reportgen.signoff.record import record_signoff
from reportgen.signoff.required import Required, required_signoffs, text_hash
from reportgen.signoff.status import (
    SignOffState,
    Status,
    all_current,
    describe,
    format_redline,
    outstanding,
    statuses,
    summary,
    word_changes,
)

__all__ = [
    "Required",
    "SignOffState",
    "Status",
    "all_current",
    "describe",
    "format_redline",
    "outstanding",
    "record_signoff",
    "required_signoffs",
    "statuses",
    "summary",
    "text_hash",
    "word_changes",
]
