"""What the analysis forkserver imports once, before forking any worker: the analysis, and SIGTERM
ignored.

A service manager stops a unit by sending SIGTERM to every process in it. Stopping is the bot's call:
were the forkserver to die first, its workers would die with it (they ask the kernel for that, so as
never to outlive a killed bot) and the article in hand would be stored as failed. The forkserver
still leaves as soon as the bot has gone (multiprocessing watches the bot's end of a pipe).
"""

import signal

import bot.workers  # noqa: F401 - imported here so each forked worker starts with it loaded

signal.signal(signal.SIGTERM, signal.SIG_IGN)
