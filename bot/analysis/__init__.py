"""Reads one article like a football journalist: pressure, manager, club, successors, claims, sources."""

from bot.analysis.engine import analyze
from bot.analysis.models import Appointment, Evidence, Finding, GapClaim, SuccessorTip

__all__ = ["Appointment", "Evidence", "Finding", "GapClaim", "SuccessorTip", "analyze"]
