"""Files that are not regular files: named pipes, folders, devices, sockets.

Reading a named pipe (FIFO) blocks until a writer appears, so each of these
runs under `no_hang`: a regression fails the test after 10 s instead of
hanging the suite. Every refusal is one line saying what the path is.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from companion.files import NotARegularFile, not_a_file, read_regular

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def unix_socket(path: Path) -> Path:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return path


def device(path: Path) -> Path:
    """A character device like /dev/null, made in the test's folder (needs root)."""
    if not AS_ROOT:
        pytest.skip("making a device file needs root (CI runs as root)")
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    return path


KINDS = [
    ("fifo", fifo, "a named pipe"),
    ("folder", folder, "a folder"),
    ("socket", unix_socket, "a socket"),
    ("device", device, "a device"),
]


@pytest.fixture(params=KINDS, ids=[kind[0] for kind in KINDS])
def special(request, tmp_path) -> tuple[Path, str]:
    _, make, words = request.param
    return make(tmp_path / "thing.txt"), words


def test_not_a_file_names_what_it_is_without_opening_it(special, no_hang):
    path, words = special
    assert not_a_file(path) == words


def test_read_regular_refuses_at_once(special, no_hang):
    path, words = special
    with pytest.raises(NotARegularFile) as error:
        read_regular(path, 100)
    assert error.value.kind == words
    assert words in error.value.strerror


def test_regular_files_and_links_to_them_are_read(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"placeholder text\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert not_a_file(target) == not_a_file(link) == ""
    assert read_regular(link, 100) == b"placeholder text\n"
    assert read_regular(target, 5) == b"place"  # never more than asked for
    assert not_a_file(tmp_path / "missing") == ""
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing", 10)


def test_a_link_to_a_pipe_is_a_pipe(tmp_path, no_hang):
    link = tmp_path / "link"
    link.symlink_to(fifo(tmp_path / "pipe"))
    with pytest.raises(NotARegularFile):
        read_regular(link, 10)


# ---------------------------------------------------------------- commands that read a file


def test_scales_import_refuses_a_named_pipe_and_a_device(cli, tmp_path, special, no_hang):
    path, words = special
    db = tmp_path / "companion.db"
    line = cli("scales", "import", "scs", path, "--db", db).assert_user_error()
    assert f"is {words}, not a text file" in line
    assert not db.exists()


def test_content_folder_refuses_a_pipe_or_folder_named_like_a_content_file(
    cli, content_dir, no_hang
):
    (content_dir / "worksheets").mkdir()
    fifo(content_dir / "worksheets" / "letter.toml")
    result = cli("content")
    line = result.assert_user_error()
    assert "letter.toml: cannot be read (it is a named pipe, not a file)" in line


def test_content_folder_refuses_a_folder_named_programme_toml(cli, content_dir, no_hang):
    folder(content_dir / "programme.toml")
    line = cli("content").assert_user_error()
    assert "programme.toml: cannot be read (it is a folder, not a file)" in line
