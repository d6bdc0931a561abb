"""Changed articles: ``--changed PATH...`` and ``--since GIT_REF``.

factlint aligns against the whole corpus and then reports only the findings that involve
a changed article (one of its sides is in a changed file or under a changed directory).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from .corpus import link_names
from .findings import Finding


class GitError(RuntimeError):
    """git is missing, the directory is not in a repository, or the revision is unknown."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              errors="surrogateescape", timeout=120, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"'git {' '.join(args)}' took too long") from None
    if proc.returncode != 0:
        first = next((line for line in proc.stderr.splitlines() if line.strip()), f"exit code {proc.returncode}")
        raise GitError(first.strip())
    return proc.stdout


def changed_since(ref: str, cwd: str | Path | None = None) -> list[str]:
    """Absolute paths of the files changed since ``ref``: ``git diff --name-only REF`` (commits
    and uncommitted changes) plus untracked files not ignored. ``GitError`` explains failures."""
    here = Path(cwd) if cwd is not None else Path.cwd()
    if ref.startswith("-"):
        raise GitError(f"invalid revision {ref!r}")
    try:
        top = _git(["rev-parse", "--show-toplevel"], here).strip()
    except GitError as exc:
        if "not a git repository" in str(exc).lower():
            raise GitError(f"{here} is not inside a git repository") from None
        raise
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], Path(top))
    except GitError:
        raise GitError(f"unknown git revision {ref!r}") from None
    diff = _git(["-c", "core.quotepath=off", "diff", "--no-relative", "--name-only", "-z", ref, "--"], Path(top))
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], Path(top))
    names = {n for n in (diff + untracked).split("\0") if n}
    return sorted(os.path.join(top, n) for n in names)


def _real(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _under_changed(changed: Iterable[str | Path]) -> Callable[[str], bool]:
    """A test of a path: is it one of the changed files, or under a changed directory, once
    both are resolved (relative spellings, symbolic links)? Answers are kept per path."""
    targets = [_real(p) for p in changed]
    files = set(targets)
    dirs = tuple(t.rstrip(os.sep) + os.sep for t in targets)
    answers: dict[str, bool] = {}
    real_dirs: dict[str, str] = {}
    links: dict[str, frozenset[str] | None] = {}

    def is_link(path: str, head: str, name: str) -> bool:
        # Which names are links comes with one listing of their directory (not an lstat each).
        if head not in links:
            links[head] = link_names(head or os.curdir)
        known = links[head]
        return os.path.islink(path) if known is None else name in known

    def real(path: str) -> str:
        # The real path of a file that is no link is its real directory and its name: no
        # system call per file (a report quotes thousands of files), one per directory.
        head, name = os.path.split(path)
        if name in ("", ".", "..") or is_link(path, head, name):
            return _real(path)
        if head not in real_dirs:
            real_dirs[head] = _real(head or os.curdir)
        return os.path.join(real_dirs[head], os.path.normcase(name))

    def hit(path: str) -> bool:
        if path not in answers:
            resolved = real(path)
            answers[path] = resolved in files or resolved.startswith(dirs)
        return answers[path]

    return hit


def select_changed(findings: Iterable[Finding], changed: Iterable[str | Path]) -> list[Finding]:
    """The findings with at least one side in a changed file (or under a changed directory)."""
    hit = _under_changed(changed)
    return [f for f in findings if any(hit(e.path) for e in f.claims)]
