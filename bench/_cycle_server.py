"""The project's test feed server (tests/support/feed_server.py) in its own process, steered on stdin.

Every /gen/<n>.xml feed is served with an ETag (so a repeat poll is a 304). A line
`add <n> <json item list>` on stdin prepends items to feed n and changes its ETag; the server answers
`ok <unix time>` once the new feed is being served: the moment the items "appear".
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.feed_server import FeedServer, generated_feed, item, rss_feed

ITEMS = 5


async def serve() -> None:
    server = FeedServer(generated_items=ITEMS)
    await server.start(0)
    print(server.port, flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    extra: dict[int, list[dict[str, object]]] = {}
    while line := (await reader.readline()).decode().strip():
        _, number, payload = line.split(" ", 2)
        n = int(number)
        extra.setdefault(n, [])
        extra[n] = [item(0, **spec) for spec in json.loads(payload)] + extra[n]
        base = generated_feed(n, ITEMS).decode()
        head, tail = base.split("<item>", 1)
        body = rss_feed(extra[n]).decode()
        new_items = body[body.index("<item>") : body.rindex("</item>") + len("</item>")]
        server.feed(
            f"/gen/{n}.xml", f"{head}{new_items}<item>{tail}".encode(), etag=f'"gen-{n}-{len(extra[n])}"'
        )
        print(f"ok {time.time()}", flush=True)
    await server.stop()


if __name__ == "__main__":
    asyncio.run(serve())
