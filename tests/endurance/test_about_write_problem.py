"""While writes fail (full disk, read-only file) Discord's /about must say so, as the console does."""

from __future__ import annotations

from tests.cogs.conftest import Harness, harness, recorder, seed_dir

__all__ = ["harness", "recorder", "seed_dir"]


async def test_console_about_shows_the_write_problem(harness: Harness) -> None:
    harness.service.store.write_problem = "the disk is full: free some space and Hotseat resumes writing"
    assert "the disk is full" in (await harness.service.about()).to_text()


async def test_discord_about_shows_the_write_problem(harness: Harness) -> None:
    harness.service.store.write_problem = "the disk is full: free some space and Hotseat resumes writing"
    call = (await harness.invoke("about"))[0]
    assert "the disk is full" in call.text
