#!/usr/bin/env python3
"""Opens N keep-alive connections to 127.0.0.1:PORT, makes one small request on each, then holds
them idle until stdin closes. Prints 'ready N' when all are established and answered; a
connection the server closed or did not answer counts as a failure (exit 1), so a bench never
reports memory for connections that are not there."""
import socket
import sys
import time

port, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
request = f"GET {path} HTTP/1.1\r\nHost: bench\r\nUser-Agent: hold-{{}}\r\n\r\n"
held = []
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request.format(i).encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            print(f"hold: connection {i} closed by the server before answering", file=sys.stderr, flush=True)
            sys.exit(1)
        data += chunk
    if not data.startswith(b"HTTP/1.1 200"):
        print(f"hold: connection {i} answered {data.splitlines()[0]!r}", file=sys.stderr, flush=True)
        sys.exit(1)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        chunk = s.recv(65536)
        if not chunk:
            print(f"hold: connection {i} closed mid-body", file=sys.stderr, flush=True)
            sys.exit(1)
        body += chunk
    held.append(s)
# A server closes idle keep-alive connections after its timeout (dumpdist: client_timeout,
# 60 s by default); on a loaded machine opening thousands can take longer than that. The
# bodies were read above, so a connection that reads as closed (EOF) is no longer held.
time.sleep(0.5)
closed = 0
for s in held:
    try:
        if s.recv(65536, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
            closed += 1
    except BlockingIOError:
        pass
if closed:
    print(f"hold: {closed} of {count} connections were closed by the server while opening the rest", file=sys.stderr, flush=True)
    sys.exit(1)
print(f"ready {len(held)}", flush=True)
sys.stdin.read()
