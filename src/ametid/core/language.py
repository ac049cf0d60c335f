"""The language of messages: Estonian by default, English on request.

Messages are written in English in the code (`_("…")`) and looked up, when they are shown, in
the gettext catalogue of the chosen language: `locale/<language>/LC_MESSAGES/ametid.mo` inside
the package, compiled from the `.po` file beside it when the package is installed. English
needs no catalogue. The documents are Estonian whatever the language of the messages.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

LANGUAGES = ("et", "en")
DEFAULT = "et"
DOMAIN = "ametid"
# The variable that chooses the language for every command (CI), unless --lang is given.
ENVIRONMENT = "AMETID_LANG"

_chosen: tuple[str, _gettext.NullTranslations] | None = None


def catalogue_dir() -> Path:
    """The folder of the compiled catalogues: <language>/LC_MESSAGES/ametid.mo."""
    # gettext reads catalogues from a folder, so the package's own folder is used as it is on
    # disk (importlib.resources would cost `ametid --help` a tenth of its time for no gain).
    return Path(__file__).resolve().parent.parent / "locale"


def use(language: str) -> None:
    """Show messages in `language` (one of LANGUAGES) from now on."""
    global _chosen
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if _chosen is not None and _chosen[0] == language:
        return
    translation = (
        _gettext.translation(DOMAIN, catalogue_dir(), [language], fallback=True)
        if language != "en"
        else _gettext.NullTranslations()
    )
    _chosen = (language, translation)


def current() -> str:
    """The language messages are shown in."""
    if _chosen is None:
        use(DEFAULT)
    assert _chosen is not None
    return _chosen[0]


def gettext(message: str) -> str:
    """The message in the chosen language."""
    if _chosen is None:
        use(DEFAULT)
    assert _chosen is not None
    return _chosen[1].gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the chosen language."""
    if _chosen is None:
        use(DEFAULT)
    assert _chosen is not None
    return _chosen[1].ngettext(singular, plural, count)


def noop(message: str) -> str:
    """Mark a message for the catalogue where it is translated later (help texts)."""
    return message
