"""The `hotseat` command line, split by job: arguments, output, the catalogue's questions, operations.

`bot.__main__` is the entry point; the questions (gap, table, …) are generated from bot/catalogue.py.
"""
