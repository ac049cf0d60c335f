"""Windows desktops: no module of the package needs a POSIX-only module to be imported."""

from __future__ import annotations

import subprocess
import sys

# Standard modules that exist only on POSIX systems; on Windows importing any of them fails.
POSIX_ONLY = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog")

IMPORT_EVERYTHING = """
import importlib, pkgutil, sys

class Windows:
    def find_spec(self, name, path=None, target=None):
        if name in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

for name in BLOCKED:
    sys.modules.pop(name, None)
sys.meta_path.insert(0, Windows())
import ametid
for module in pkgutil.walk_packages(ametid.__path__, "ametid."):
    importlib.import_module(module.name)
print(len(sys.modules))
"""


def test_every_module_imports_without_posix_only_modules() -> None:
    code = f"BLOCKED = {POSIX_ONLY!r}\n{IMPORT_EVERYTHING}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 100  # the package and what it imports were loaded


def test_the_check_would_catch_a_posix_only_import() -> None:
    code = f"BLOCKED = {POSIX_ONLY!r}\n{IMPORT_EVERYTHING}".replace(
        "import ametid\n", "import ametid\nimport fcntl\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    assert "No module named 'fcntl'" in done.stderr
