"""Read-only access to the git history of reports (REP004), bounded and cheap.

One :class:`GitHistory` serves one run: per git repository it runs ``git log`` once over the
commits since the earliest date asked about, and only for a file changed since then the file's own
history and the old versions (``git cat-file --batch``, one process). Dates are commit dates
(``%cd``, the committer's calendar day): when a change entered the repository's history. Outside
a git repository, without ``git``, or when a command fails or takes too long, it knows nothing
(and the rule that asked says nothing). It never writes anything.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

TIMEOUT = 20  # seconds per git command
MAX_VERSIONS = 50  # versions of one file read at most


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # YYYY-MM-DD, the committer's calendar day


class GitHistory:
    def __init__(self) -> None:
        self._git = shutil.which("git")
        self._tops: dict[str, str | None] = {}  # folder -> work tree top (None: not in git)
        self._changed: dict[tuple, dict[str, list[Commit]]] = {}  # (top, since, paths) -> relpath -> commits

    # ------------------------------------------------------------------ plumbing

    def _run(self, top: str, args: list[str], data: bytes | None = None) -> bytes | None:
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
        if self._git is None:
            return None
        folder = os.path.dirname(os.path.realpath(path))
        if folder not in self._tops:
            probe, found = folder, False
            while True:  # look for .git before starting a process: most folders are in no repository
                if os.path.exists(os.path.join(probe, ".git")):
                    found = True
                    break
                parent = os.path.dirname(probe)
                if parent == probe:
                    break
                probe = parent
            out = self._run(folder, ["rev-parse", "--show-toplevel"]) if found else None
            self._tops[folder] = os.path.realpath(out.decode("utf-8", "replace").strip()) if out else None
        return self._tops[folder]

    def relpath(self, path: str, top: str) -> str:
        return os.path.relpath(os.path.realpath(path), top).replace(os.sep, "/")

    # ------------------------------------------------------------------ history

    def changed_since(self, top: str, since: str, paths: list[str] | None = None) -> dict[str, list[Commit]]:
        """Files (relative to ``top``; ``paths``, else every Markdown file) touched by commits
        dated ``since`` or later, with those commits, newest first. One ``git log``."""
        key = (top, since, tuple(paths or ()))
        if key not in self._changed:
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
            self._changed[key] = files
        return self._changed[key]

    def commits(self, top: str, rel: str) -> list[Commit]:
        """Every commit that changed the file, newest first (at most a few hundred)."""
        out = self._run(top, ["log", "--no-renames", "-n", "400", "--format=%H %cd", "--date=short", "--",
                              f":(literal){rel}"])
        commits = []
        for line in (out or b"").decode("utf-8", "replace").splitlines():
            sha, _, date = line.partition(" ")
            if sha and date:
                commits.append(Commit(sha, date.strip()))
        return commits

    def read(self, top: str, rel: str, shas: list[str]) -> dict[str, bytes]:
        """The file's content at each commit (one ``git cat-file --batch``); a commit where the
        file did not exist is left out."""
        if not shas:
            return {}
        data = "".join(f"{sha}:{rel}\n" for sha in shas).encode("utf-8")
        out = self._run(top, ["cat-file", "--batch"], data)
        if out is None:
            return {}
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
