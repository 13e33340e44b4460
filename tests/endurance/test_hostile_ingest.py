"""Hostile XML and all of feedparser's own test feeds through the real ingest path
(`NewsService.ingest_dir`: parse, clean, dedupe, store, analyse). Every file must end stored, or
skipped with a reason, within a per-file time limit, and the store must stay sound.
`bench/feedparser_suite.py` measures agreement with the suite's expectations; this proves only that
nothing crashes or hangs. Skips when ../shared is absent.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.service import Service

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data"
HOSTILE = DATA / "hostile-xml"
SUITE = DATA / "feedparser-tests"
PER_FILE_SECONDS = 10.0


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (../shared data absent)")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return files


async def _ingest_each(service: Service, files: list[Path], root: Path, work: Path) -> list[str]:
    """Ingest every file on its own (a folder holding just a link to it); return the problems."""
    problems: list[str] = []
    for number, path in enumerate(files):
        folder = work / str(number)
        folder.mkdir()
        (folder / path.name).symlink_to(path.resolve())
        name = str(path.relative_to(root))
        try:
            report = await asyncio.wait_for(service.news.ingest_dir(folder), PER_FILE_SECONDS)
        except TimeoutError:
            problems.append(f"{name}: still running after {PER_FILE_SECONDS}s")
            continue
        except Exception as exc:
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        if report.files != 1 or report.feeds + len(report.skipped) != 1:
            problems.append(f"{name}: neither read nor skipped ({report.to_dict()})")
        if report.failed:
            problems.append(f"{name}: could not be stored: {report.failed}")
        for skipped, reason in report.skipped:
            if not reason.strip():
                problems.append(f"{name}: skipped ({skipped}) without a reason")
    return problems


@pytest.mark.timeout(300)
async def test_hostile_xml_is_stored_or_skipped_never_crashes_or_hangs(
    service: Service, tmp_path: Path
) -> None:
    files = _files(HOSTILE)
    problems = await _ingest_each(service, files, HOSTILE, tmp_path)
    assert problems == []
    assert await service.store.integrity_check() == "ok"
    about = await service.about()  # the bot still answers afterwards
    assert about.write_problem is None


@pytest.mark.timeout(300)
async def test_feedparser_suite_never_crashes_or_hangs(service: Service, tmp_path: Path) -> None:
    files = _files(SUITE)  # all 2,106: the ingest path reads them in a few seconds
    assert len(files) > 2000
    problems = await _ingest_each(service, files, SUITE, tmp_path)
    assert problems == []
    assert await service.store.integrity_check() == "ok"
    answer = await service.rumours.hotseat(None)  # stored garbage never breaks a read command
    assert answer.to_text()


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "folder", [HOSTILE, SUITE / "illformed"], ids=["hostile-xml", "feedparser-illformed"]
)
def test_cli_ingest_of_a_hostile_folder_finishes_with_a_report(folder: Path, tmp_path: Path) -> None:
    """`hotseat ingest --from-dir` as an admin runs it: one JSON report, no traceback, exit 0."""
    _files(folder)  # skips when absent
    env = {**os.environ, "HOTSEAT_DEFAULT_FEEDS": "false", "HOTSEAT_OPENFOOTBALL_URL": "off"}
    env.pop("HOTSEAT_DB", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "ingest",
            "--from-dir",
            str(folder),
            "--db",
            str(tmp_path / "h.db"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=110,
        cwd=ROOT,
        env=env,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr[-1000:]
    report = json.loads(result.stdout)
    assert report["ok"] and report["files"] == report["feeds"] + len(report["skipped"])
