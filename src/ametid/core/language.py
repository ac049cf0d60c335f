"""The language of messages: Estonian by default, English on request (gettext catalogues).

Messages are written in English in the code and looked up in the catalogue of the chosen
language when they are shown; English needs no catalogue.
"""

from __future__ import annotations

import gettext as _gettext

LANGUAGES = ("et", "en")
DEFAULT = "et"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def gettext(message: str) -> str:
    """The message in the chosen language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the chosen language."""
    return _translation.ngettext(singular, plural, count)
