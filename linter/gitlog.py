"""Read-only access to the git history of reports (REP004), bounded and cheap.

Per git repository and run: ``git rev-parse HEAD``, then one ``git log`` over the commits since
the earliest date asked about; only for a file changed since then, the file's own history and its
old versions (``git cat-file --batch``, one process). Dates are commit dates (``%cd``, the
committer's calendar day): when a change entered the repository's history. Outside a git
repository, without ``git``, or when a command fails or takes too long, it knows nothing (and the
rule that asked says nothing). It never writes anything.

A long-lived process (the language server lints on every keystroke) asks again and again: what
git answered is remembered for as long as ``HEAD`` stays the same commit, and old versions (by
commit and path) for good, so a lint costs one ``git rev-parse HEAD`` while nothing is committed.
A new commit, a checkout or a reset moves ``HEAD`` and everything is asked again: the history is
never served stale.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any

from .files import real_path
from .records import Record

TIMEOUT = 20  # seconds per git command
MEMO_SIZE = 512  # answers remembered per kind (logs, file histories)
BLOB_MEMO_SIZE = 64  # old versions remembered (a report is some 10-100 KB)


class Commit(Record, frozen=True):
    sha: str
    date: str  # YYYY-MM-DD, the committer's calendar day

    def __init__(self, sha: str, date: str) -> None:
        self.sha = sha
        self.date = date


class _Memo(OrderedDict):
    """A small LRU map shared by every :class:`GitHistory` of the process."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        super().__init__()
        self.size = size

    def get_or(self, key: Any, compute):
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = self[key] = compute()
        while len(self) > self.size:
            self.popitem(last=False)
        return value


_TOPS: dict[str, str | None] = {}  # folder -> work tree top (None: in no repository); stable
_LOGS = _Memo()  # (top, HEAD, since, paths) -> relpath -> commits
_HISTORIES = _Memo()  # (top, HEAD, relpath) -> commits
_BLOBS = _Memo(BLOB_MEMO_SIZE)  # (top, sha, relpath) -> bytes | None
MEMO: dict[str, _Memo] = {"logs": _LOGS, "histories": _HISTORIES, "blobs": _BLOBS}


class GitHistory:
    def __init__(self) -> None:
        self._git_exe: str | None | bool = False  # False: not looked up yet (see _git)
        self._heads: dict[str, str | None] = {}  # top -> HEAD commit, asked once per instance (per run)

    # ------------------------------------------------------------------ plumbing

    @property
    def _git(self) -> str | None:
        """git's executable (None: not installed), looked up when a folder is in a work tree: a
        run outside any repository never loads shutil and subprocess."""
        if self._git_exe is False:
            import shutil

            self._git_exe = shutil.which("git")
        return self._git_exe

    def _run(self, top: str, args: list[str], data: bytes | None = None) -> bytes | None:
        import subprocess

        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in ("GIT_CONFIG_NOSYSTEM",)}
        env["GIT_OPTIONAL_LOCKS"] = "0"  # never take the index lock (a pre-commit hook runs during a commit)
        try:
            proc = subprocess.run([self._git, "-C", top, "-c", "core.quotepath=off", *args], input=data,
                                  capture_output=True, timeout=TIMEOUT, env=env)
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout if proc.returncode == 0 else None

    def top(self, path: str) -> str | None:
        """The top folder of the git work tree holding ``path`` (None: not in one)."""
        folder = os.path.dirname(real_path(path))
        if folder not in _TOPS:
            probe, found = folder, False
            while True:  # look for .git before starting a process: most folders are in no repository
                if os.path.exists(os.path.join(probe, ".git")):
                    found = True
                    break
                parent = os.path.dirname(probe)
                if parent == probe:
                    break
                probe = parent
            found = found and self._git is not None
            out = self._run(folder, ["rev-parse", "--show-toplevel"]) if found else None
            _TOPS[folder] = os.path.realpath(out.decode("utf-8", "replace").strip()) if out else None
        return _TOPS[folder]

    def head(self, top: str) -> str | None:
        """The commit ``HEAD`` names (None: no commit yet)."""
        if top not in self._heads:
            out = self._run(top, ["rev-parse", "--verify", "-q", "HEAD"])
            self._heads[top] = out.decode("ascii", "replace").strip() if out else None
        return self._heads[top]

    def relpath(self, path: str, top: str) -> str:
        return os.path.relpath(real_path(path), top).replace(os.sep, "/")

    # ------------------------------------------------------------------ history

    def changed_since(self, top: str, since: str, paths: list[str] | None = None) -> dict[str, list[Commit]]:
        """Files (relative to ``top``; ``paths``, else every Markdown file) touched by commits
        dated ``since`` or later, with those commits, newest first. One ``git log``."""
        head = self.head(top)
        if head is None:
            return {}
        return _LOGS.get_or((top, head, since, tuple(paths or ())), lambda: self._changed_since(top, since, paths))

    def _changed_since(self, top: str, since: str, paths: list[str] | None) -> dict[str, list[Commit]]:
        specs = [f":(literal){p}" for p in paths] if paths else ["*.md", "*.markdown", "*.MD"]
        out = self._run(top, ["log", "--no-renames", "--name-only", "-z", "--format=%x01%H%x02%cd",
                              "--date=short", f"--since={since}", "--", *specs])
        files: dict[str, list[Commit]] = {}
        for record in (out or b"").decode("utf-8", "replace").split("\x01"):
            head, _, names = record.partition("\0")
            sha, _, date = head.partition("\x02")
            if not sha or not date:
                continue
            for name in names.lstrip("\n").split("\0"):
                if name.strip():
                    files.setdefault(name.strip("\n"), []).append(Commit(sha.strip(), date.strip()))
        return files

    def commits(self, top: str, rel: str) -> list[Commit]:
        """Every commit that changed the file, newest first (at most a few hundred)."""
        head = self.head(top)
        if head is None:
            return []
        return _HISTORIES.get_or((top, head, rel), lambda: self._commits(top, rel))

    def _commits(self, top: str, rel: str) -> list[Commit]:
        out = self._run(top, ["log", "--no-renames", "-n", "400", "--format=%H %cd", "--date=short", "--",
                              f":(literal){rel}"])
        commits = []
        for line in (out or b"").decode("utf-8", "replace").splitlines():
            sha, _, date = line.partition(" ")
            if sha and date:
                commits.append(Commit(sha, date.strip()))
        return commits

    def read(self, top: str, rel: str, shas: list[str]) -> dict[str, bytes]:
        """The file's content at each commit (one ``git cat-file --batch`` for those not read
        before); a commit where the file did not exist is left out."""
        todo = [sha for sha in shas if (top, sha, rel) not in _BLOBS]
        if todo:
            got = self._read(top, rel, todo)
            if got is None:
                return {}  # git failed: nothing remembered, nothing known
            for sha in todo:
                _BLOBS.get_or((top, sha, rel), lambda sha=sha: got.get(sha))
        out = {}
        for sha in shas:
            blob = _BLOBS.get((top, sha, rel))
            if blob is not None:
                out[sha] = blob
        return out

    def _read(self, top: str, rel: str, shas: list[str]) -> dict[str, bytes] | None:
        data = "".join(f"{sha}:{rel}\n" for sha in shas).encode("utf-8")
        out = self._run(top, ["cat-file", "--batch"], data)
        if out is None:
            return None
        result: dict[str, bytes] = {}
        pos = 0
        for sha in shas:
            nl = out.find(b"\n", pos)
            if nl < 0:
                break
            header = out[pos:nl].split()
            pos = nl + 1
            if len(header) != 3 or header[1] != b"blob":
                continue  # "<name> missing"
            size = int(header[2])
            result[sha] = out[pos:pos + size]
            pos += size + 1
        return result


def git_history() -> GitHistory:
    return GitHistory()
