"""Which findings a `--changed` run reports: those with a side in a changed file, however the
paths are spelled (relative, absolute, through a symbolic link)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.findings import Evidence, Finding, Severity, Status
from checker.gitchanges import select_changed


def _finding(*paths: str) -> Finding:
    sides = tuple(Evidence(article=Path(p).stem, path=p, line=1, column=1, end_line=1, end_column=2, quote="x",
                           sentence="x", kind="quantity", low=1, high=1, unit=None, display="1") for p in paths)
    return Finding(rule="CT01", name="count-mismatch", status=Status.CONFLICT, severity=Severity.ERROR,
                   topic="t", message="m", confidence=1.0, fingerprint="f" + "".join(paths), event=None, claims=sides)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        (tmp_path / "corpus" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "corpus" / name).write_text("x", encoding="utf-8")
    return tmp_path / "corpus"


def test_a_finding_is_selected_by_any_of_its_sides(corpus: Path) -> None:
    ab, bc = _finding(str(corpus / "a.txt"), str(corpus / "b.txt")), _finding(str(corpus / "b.txt"),
                                                                             str(corpus / "sub/c.txt"))
    assert select_changed([ab, bc], [corpus / "a.txt"]) == [ab]
    assert select_changed([ab, bc], [corpus / "sub"]) == [bc]
    assert select_changed([ab, bc], [corpus / "b.txt"]) == [ab, bc]
    assert select_changed([ab, bc], []) == []


def test_relative_and_absolute_spellings_meet(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    found = _finding("sub/c.txt", "a.txt")
    assert select_changed([found], [corpus / "sub" / "c.txt"]) == [found]
    assert select_changed([_finding(str(corpus / "a.txt"))], ["./a.txt"]) != []
    assert select_changed([_finding("sub/../b.txt")], ["b.txt"]) != []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_to_files_and_directories_are_followed(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(corpus / "a.txt")
    (tmp_path / "linkdir").symlink_to(corpus / "sub")
    via_file = _finding(str(tmp_path / "link.txt"))
    via_dir = _finding(str(tmp_path / "linkdir" / "c.txt"))
    assert select_changed([via_file, via_dir], [corpus / "a.txt"]) == [via_file]
    assert select_changed([via_file, via_dir], [corpus / "sub" / "c.txt"]) == [via_dir]
    assert select_changed([_finding(str(corpus / "a.txt"))], [tmp_path / "link.txt"]) != []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_spelled_without_a_directory_is_followed(corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Which names are links is read from a listing of their directory (the working directory
    for a bare name); a file beside the link that is none is not taken for one."""
    (tmp_path / "link.txt").symlink_to(corpus / "a.txt")
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    via_link, plain = _finding("link.txt"), _finding("plain.txt")
    assert select_changed([via_link, plain], [corpus / "a.txt"]) == [via_link]
    assert select_changed([via_link, plain], [tmp_path / "plain.txt"]) == [plain]
    assert select_changed([via_link, plain], [tmp_path / "link.txt"]) == [via_link]
