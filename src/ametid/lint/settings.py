"""The lint's settings, [tool.ametid.lint] in pyproject.toml: checks switched off, word lists
and the baseline file."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.lint import lexicon as lexicons
from ametid.lint.finding import CODES
from ametid.lint.lexicon import Lexicon

WORDS = "data/lint/words.txt"
WRONG_FORMS = "data/lint/wrong-forms.yaml"
BASELINE = "lint-baseline.json"
KEYS = ("disable", "words", "wrong-forms", "baseline")


@dataclass(frozen=True)
class LintSettings:
    """Which checks run, and where the project keeps its word lists and baseline."""

    enabled: tuple[str, ...] = CODES
    words: str = WORDS
    wrong_forms: str = WRONG_FORMS
    baseline: str = BASELINE


def _table(project: Project) -> dict[str, object]:
    pyproject = project.root / "pyproject.toml"
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}  # finding the project read it already, and says what is wrong with it
    tool = data.get("tool", {})
    ametid = tool.get("ametid", {}) if isinstance(tool, dict) else {}
    table = ametid.get("lint", {}) if isinstance(ametid, dict) else {}
    if not isinstance(table, dict):
        raise _bad(project, "", _("should be a table of settings ([tool.ametid.lint])"))
    return table


def _bad(project: Project, key: str, message: str) -> AmetidError:
    name = f"tool.ametid.lint.{key}" if key else "tool.ametid.lint"
    shown = display_path(project.root / "pyproject.toml")
    return AmetidError([Problem(shown, message=f"{name}: {message}", code="bad-setting")])


def _close(value: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    if close:
        return _("unknown '{value}'; did you mean '{close}'?").format(value=value, close=close[0])
    return _("unknown '{value}'; known: {known}").format(value=value, known=", ".join(known))


def read(project: Project) -> LintSettings:
    """The lint settings of a project; an error naming the setting when one is wrong."""
    table = _table(project)
    for key in table:
        if key not in KEYS:
            raise _bad(project, key, _close(key, KEYS))
    disable = table.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(code, str) for code in disable):
        raise _bad(
            project,
            "disable",
            _("should be a list of checks, of {known}").format(
                known=", ".join(f'"{code}"' for code in CODES)
            ),
        )
    for code in disable:
        if code not in CODES:
            raise _bad(project, "disable", _close(code, CODES))
    paths = {}
    for key, default in (("words", WORDS), ("wrong-forms", WRONG_FORMS), ("baseline", BASELINE)):
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise _bad(project, key, _("should be the path of a file in the project"))
        paths[key] = value
    enabled = tuple(code for code in CODES if code not in disable)
    return LintSettings(enabled, paths["words"], paths["wrong-forms"], paths["baseline"])


def lexicon(project: Project, settings: LintSettings) -> Lexicon:
    """The project's accepted words and its wrong forms added to those ametid ships."""
    accepted = lexicons.read_accepted(project.root / settings.words)
    wrong_forms = lexicons.shipped_wrong_forms()
    wrong_forms.update(lexicons.read_wrong_forms(project.root / settings.wrong_forms))
    return Lexicon(accepted, wrong_forms)


def path_of(project: Project, name: str) -> Path:
    """A file named in the settings, relative to the project's root."""
    return project.root / name
