"""Reusable test helpers (local feed server)."""
