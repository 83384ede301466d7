"""WeasyPrint's errors, collected while a PDF is laid out and put in words a council
officer can act on: which file, and why. WeasyPrint's own message for a picture that will
not load often ends in an empty reason ("Failed to load image at '…': "); the reason is in
the error behind it, and the picture's size and dimensions are read from its header."""

from __future__ import annotations

import logging
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

_IMAGE_FAILED = "Failed to load image"
_MISSING = (
    "no template folder has this file; check its name in the template or stylesheet "
    "(capital letters count) and put the file in the html folder of your template folder."
)
_NOT_A_HEADER = (SyntaxError, IndexError, TypeError, ValueError, OSError, struct.error)
"""What Pillow's format readers raise for a header that is not theirs."""


Locate = Callable[[str], str]
"""Where a URL the document names was really looked for (see pdf._first_found)."""


class ErrorCollector(logging.Filter):
    """Keeps each error WeasyPrint logs, in words, and keeps it off the console: the
    build fails with all of them in one message instead."""

    def __init__(self, locate: Locate) -> None:
        super().__init__()
        self.messages: list[str] = []
        self.locate = locate

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR:
            # A character no font has: `check` names its file, line and field instead.
            return ".notdef" not in str(record.msg)
        self.messages.append(explain(record, self.locate))
        return False


@contextmanager
def weasyprint_errors(locate: Locate) -> Iterator[ErrorCollector]:
    """Collect the errors WeasyPrint logs while the block runs; ``locate`` gives the file
    a URL was really read from."""
    collector = ErrorCollector(locate)
    logger = logging.getLogger("weasyprint")
    logger.addFilter(collector)
    try:
        yield collector
    finally:
        logger.removeFilter(collector)


def explain(record: logging.LogRecord, locate: Locate) -> str:
    """One of WeasyPrint's logged errors in words; a picture's with its file and reason."""
    arguments = record.args if isinstance(record.args, tuple) else ()
    error = next((a for a in arguments if isinstance(a, BaseException)), None)
    if str(record.msg).startswith(_IMAGE_FAILED) and arguments and error is not None:
        return image_failure(locate(str(arguments[0])), error)
    message = record.getMessage()
    if error is not None and not str(error):
        message += describe_error(root_cause(error))
    return message


def image_failure(url: str, error: BaseException) -> str:
    """Why the picture at ``url`` is not in the PDF: its file, size, and the reason."""
    path = _local_path(url)
    name = str(path) if path else (url if len(url) <= 80 else url[:77] + "...")
    facts = picture_facts(path) if path else ""
    missing = path is not None and not path.is_file()
    reason = _MISSING if missing else _reason(root_cause(error))
    return f"the image {name}{facts} could not be put in the PDF: {reason}"


def root_cause(error: BaseException) -> BaseException:
    """The error that says why: WeasyPrint wraps it in one with no message."""
    while not str(error):
        inner = error.__cause__ or error.__context__
        if inner is None:
            break
        error = inner
    return error


def describe_error(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _reason(error: BaseException) -> str:
    from PIL import Image, UnidentifiedImageError

    if isinstance(error, Image.DecompressionBombError):
        limit = f" (the most is {2 * Image.MAX_IMAGE_PIXELS:,})" if Image.MAX_IMAGE_PIXELS else ""
        return (
            f"it has more pixels than can be loaded safely{limit}; save a smaller copy of "
            "it (a few thousand pixels across is plenty for print) and use that."
        )
    if isinstance(error, UnidentifiedImageError):
        return (
            "it is not a picture file that can be read: it may be damaged, or not a PNG, "
            "JPEG, GIF or SVG file. Open it in a picture editor and save it again."
        )
    return describe_error(error) + "."


def _local_path(url: str) -> Path | None:
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def picture_facts(path: Path) -> str:
    """`` (1,234 bytes, PNG, 20000 x 20000 pixels)`` for a picture file, as far as it
    can be read without loading its pixels; empty if the file cannot be read."""
    try:
        facts = [f"{path.stat().st_size:,} bytes"]
        facts += picture_dimensions(path)
    except OSError:
        return ""
    return f" ({', '.join(facts)})"


def picture_dimensions(path: Path) -> list[str]:
    """The picture's format and dimensions, read from its header only. Pillow's own
    ``Image.open`` refuses a huge picture before saying how big it is, so each format
    reader Pillow has is asked in turn, as ``Image.open`` does, without that refusal."""
    from PIL import Image

    Image.init()
    with path.open("rb") as stream:
        prefix = stream.read(16)
        for format_id in Image.ID:
            factory, accept = Image.OPEN[format_id]
            accepted = accept is None or accept(prefix)
            if isinstance(accepted, str) or not accepted:  # a str is Pillow's warning
                continue
            stream.seek(0)
            try:
                picture = factory(stream, str(path))
            except _NOT_A_HEADER:
                continue
            return [str(picture.format), f"{picture.width} x {picture.height} pixels"]
    return []
