#!/usr/bin/env python3
"""A local SMTP server for benchmarks: speaks enough SMTP for JavaMail (EHLO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT), accepts every message, keeps none, and counts them. GreenMail (the test
server) parses and stores each message, which costs more CPU than the service's own sending on a
2-core machine, so the outbox figure would measure GreenMail instead.

    bench/smtp-sink.py PORT COUNT_FILE [RECIPIENTS_FILE]

Writes the number of messages accepted so far to COUNT_FILE once a second; with RECIPIENTS_FILE,
appends the recipient of each message accepted to it, one line each (bench/cluster counts the
addresses that got more than one). Python 3.8+, stdlib only.
"""
import asyncio
import sys

accepted = 0
recipients = None  # the file each accepted message's recipient is written to, if one was given


async def session(reader, writer):
    global accepted
    writer.write(b"220 sink ESMTP\r\n")
    to = b""
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                await writer.drain()
                await reader.readuntil(b"\r\n.\r\n")
                accepted += 1
                if recipients:
                    recipients.write(to.decode("ascii", "replace") + "\n")
                writer.write(b"250 2.0.0 accepted\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                break
            elif verb == b"RCPT":
                to = line[8:].strip().strip(b"<>")
                writer.write(b"250 ok\r\n")
            elif verb in (b"HELO", b"MAIL", b"RSET", b"NOOP"):
                writer.write(b"250 ok\r\n")
            else:
                writer.write(b"502 not here\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def report(path):
    while True:
        with open(path, "w") as f:
            f.write(str(accepted))
        if recipients:
            recipients.flush()
        await asyncio.sleep(1)


async def main(port, path):
    server = await asyncio.start_server(session, "127.0.0.1", port, limit=1 << 20)
    asyncio.ensure_future(report(path))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) > 3:
        recipients = open(sys.argv[3], "a")
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
