"""The one writer: whole files or none, no file replaced unless told, every OS error one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from ametid.core.files import os_problem, write_file, write_files
from ametid.core.problems import AmetidError


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "uus" / "kaust" / "fail.yaml"
    write_file(target, "title: Nõustaja\n")
    assert target.read_text(encoding="utf-8") == "title: Nõustaja\n"
    assert sorted(path.name for path in target.parent.iterdir()) == ["fail.yaml"]


def test_an_existing_file_is_replaced_only_when_forced(tmp_path: Path) -> None:
    target = tmp_path / "fail.yaml"
    target.write_text("vana\n", encoding="utf-8")
    with pytest.raises(AmetidError) as refused:
        write_file(target, "uus\n")
    assert refused.value.problems[0].message == "exists; not replaced (use --force to replace it)"
    assert target.read_text(encoding="utf-8") == "vana\n"
    write_file(target, "uus\n", force=True)
    assert target.read_text(encoding="utf-8") == "uus\n"


def test_a_full_disk_at_the_second_file_leaves_no_file_and_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = []
    real_write = os.write

    def write(descriptor: int, data: Any) -> int:
        written.append(descriptor)
        if len(written) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", write)
    out = tmp_path / "redlines"
    with pytest.raises(AmetidError) as failed:
        write_files([(out / "a.docx", b"a"), (out / "b.docx", b"b")])
    assert str(failed.value).endswith(
        "b.docx: no space left on the disk; free some space and run the command again"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.EACCES, "permission denied; check the rights to it, or choose another place"),
        (errno.EROFS, "the file system is read-only; choose a folder on another one"),
        (errno.ENAMETOOLONG, "the name is too long for the file system; choose a shorter one"),
        (errno.ENOTDIR, "a part of this path is a file, not a folder; choose another path"),
        (errno.EXFULL, "cannot write or read: Exchange full"),
    ],
)
def test_every_os_error_is_one_line_that_says_what_to_do(code: int, message: str) -> None:
    problem = os_problem(OSError(code, os.strerror(code), "out/x.docx"))
    assert str(problem) == f"out/x.docx: {message}"
