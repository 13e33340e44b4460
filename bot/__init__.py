"""Hotseat: football managers under pressure, their tipped successors, and the real table."""

__version__ = "0.1.0"
