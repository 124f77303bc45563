"""Reading a file named by a user or a repository without trusting it.

A pull request can put anything under a report's name: a FIFO (opening it blocks forever), a
device (``/dev/zero`` never ends and says it is empty), a socket, or a file that grows while it
is read. So only regular files are opened, and never more than a limit is read, whatever the
file system says the size is. A file is opened without blocking and checked again once open,
so it cannot be swapped for a FIFO between the check and the read.
"""
from __future__ import annotations

import os
import stat

_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "character-device"), (stat.S_ISBLK, "block-device"),
          (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "directory"))
# what each kind is called in messages (English, Chinese)
KIND_WORDS = {
    "fifo": ("a FIFO (named pipe)", "命名管道（FIFO）"),
    "character-device": ("a character device", "字符设备"),
    "block-device": ("a block device", "块设备"),
    "socket": ("a socket", "套接字"),
    "directory": ("a folder", "文件夹"),
    "other": ("not a regular file", "非普通文件"),
}
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder; it was not opened."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path}: {KIND_WORDS[kind][0]}, not a regular file; not opened")
        self.kind = kind


class FileTooLarge(OSError):
    """More than ``limit`` bytes. ``size`` is what the file system reported (``exact``), or
    only a lower bound when it claimed less (a file in /proc, a growing file)."""

    def __init__(self, path: str, size: int, limit: int, exact: bool = True) -> None:
        super().__init__(f"{path}: more than {limit} bytes")
        self.size, self.limit, self.exact = size, limit, exact


def file_kind(mode: int) -> str | None:
    """None for a regular file, else what it is (a key of :data:`KIND_WORDS`)."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "other")


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (symbolic links followed).

    Raises :class:`NotRegularFile` (never opened), :class:`FileTooLarge` (at most ``limit + 1``
    bytes read) or :class:`OSError`."""
    name = os.fspath(path)
    st = os.stat(name)
    kind = file_kind(st.st_mode)
    if kind is not None:
        raise NotRegularFile(name, kind)
    if st.st_size > limit:
        raise FileTooLarge(name, st.st_size, limit)
    fd = os.open(name, _FLAGS)
    try:
        st = os.fstat(fd)
        kind = file_kind(st.st_mode)
        if kind is not None:  # replaced between the check and the open
            raise NotRegularFile(name, kind)
        chunks = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(max(st.st_size, 65536), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLarge(name, max(st.st_size, total), limit, exact=st.st_size >= total)
        return b"".join(chunks)
    finally:
        os.close(fd)
