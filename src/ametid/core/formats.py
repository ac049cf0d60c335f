"""The output formats a build can write, and where each puts its files: the one table of paths."""

FORMATS = ("md", "html", "docx", "pdf")
# PDF is left out by default: it needs LibreOffice, which not every machine has.
DEFAULT_FORMATS = ("md", "html", "docx")
# What a format's files are called where a person reads of them (progress on a terminal).
FORMAT_NAMES = {
    "md": "Markdown pages",
    "html": "HTML pages",
    "docx": "Word documents",
    "pdf": "PDF documents (LibreOffice)",
}
# The site's list of every position.
INDEX_PAGE = "html/index.html"


def output_path(fmt: str, position_id: str) -> str:
    """Where a position's document in a format stands inside the output folder: md/<id>.md …"""
    return f"{fmt}/{position_id}.{fmt}"


def page_link(fmt: str, position_id: str) -> str:
    """The link from a position's HTML page to its document in another format."""
    return f"../{output_path(fmt, position_id)}"
