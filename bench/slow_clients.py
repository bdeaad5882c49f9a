"""Slow clients for bench/slow_clients.sh: N_BODY connections that post a body one byte a
second and N_HEAD connections that send request headers one byte a second and never finish
them, each reconnecting when the server lets it go, for SECONDS seconds.

Usage: slow_clients.py HOST PORT N_BODY N_HEAD SECONDS

Prints, at the end, how many connections each kind opened and how many the server closed
(a closed connection is the server freeing itself; it is opened again at once).
"""

import asyncio
import sys

BODY_HEAD = (
    b"POST /api/articles HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
    b"Content-Length: 100000\r\n\r\n"
)
HEADERS = b"GET /api/stories HTTP/1.1\r\nHost: bench\r\nX-Slow: " + b"a" * 100000


async def client(host, port, first, trickle, deadline, counts, kind):
    loop = asyncio.get_running_loop()
    while loop.time() < deadline:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            await asyncio.sleep(0.2)
            continue
        counts[kind + " opened"] += 1
        let_go = False
        try:
            writer.write(first)
            await writer.drain()
            for i in range(len(trickle)):
                if loop.time() >= deadline:
                    break
                if reader.at_eof():
                    break
                writer.write(trickle[i : i + 1])
                await writer.drain()
                try:
                    # Anything read means the server answered (408) or closed: start again.
                    data = await asyncio.wait_for(reader.read(4096), timeout=1.0)
                    if data or reader.at_eof():
                        let_go = True
                        break
                except asyncio.TimeoutError:
                    pass
        except OSError:
            let_go = True
        finally:
            if let_go:
                counts[kind + " closed by the server"] += 1
            writer.close()


async def main():
    host, port, n_body, n_head, seconds = sys.argv[1:6]
    port, n_body, n_head, seconds = int(port), int(n_body), int(n_head), float(seconds)
    counts = {
        "trickled bodies opened": 0,
        "trickled bodies closed by the server": 0,
        "unfinished headers opened": 0,
        "unfinished headers closed by the server": 0,
    }
    deadline = asyncio.get_running_loop().time() + seconds
    body = b"[" + b" " * 99999
    tasks = [
        client(host, port, BODY_HEAD, body, deadline, counts, "trickled bodies")
        for _ in range(n_body)
    ]
    tasks += [
        client(host, port, HEADERS[:40], HEADERS[40:], deadline, counts, "unfinished headers")
        for _ in range(n_head)
    ]
    await asyncio.gather(*tasks)
    print("slow clients: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


asyncio.run(main())
