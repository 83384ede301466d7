"""Sign-off bound to the text and its meeting: who cleared which part of the report, for
which report and meeting, when, a hash of exactly the words they cleared, and their
signature with their own key.

- :mod:`~reportgen.signoff.required`: what must be signed off, and its text as printed;
- :mod:`~reportgen.signoff.context`: the report, committee and meeting a sign-off is for,
  and the message an officer's key signs;
- :mod:`~reportgen.signoff.keys`: officers' keys, kept in their own configuration folder;
- :mod:`~reportgen.signoff.signature`: checking a signature against officers.yaml;
- :mod:`~reportgen.signoff.status`: where each sign-off stands (:class:`SignOffState`), and
  what changed since, word by word, in context (by the differ ``diff`` uses too,
  :mod:`reportgen.compare.words`);
- :mod:`~reportgen.signoff.record`: recording a sign-off in signoffs.yaml.
"""

from reportgen.compare.words import format_redline, word_changes
from reportgen.signoff.context import Context, year_context
from reportgen.signoff.keys import SigningKey, config_folder, key_path, load_key, new_key
from reportgen.signoff.record import record_signoff
from reportgen.signoff.required import Required, required_signoffs, text_hash
from reportgen.signoff.signature import KeyUse
from reportgen.signoff.status import (
    SignOffState,
    Status,
    all_current,
    describe,
    outstanding,
    statuses,
    summary,
)

__all__ = [
    "Context",
    "KeyUse",
    "Required",
    "SignOffState",
    "SigningKey",
    "Status",
    "all_current",
    "config_folder",
    "describe",
    "format_redline",
    "key_path",
    "load_key",
    "new_key",
    "outstanding",
    "record_signoff",
    "required_signoffs",
    "statuses",
    "summary",
    "text_hash",
    "word_changes",
    "year_context",
]
