#!/usr/bin/env python3
"""Opens N keep-alive connections to 127.0.0.1:PORT, makes one small request on each, then holds
them idle until stdin closes. Prints 'ready N' when all are established and answered."""
import socket
import sys

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
            break
        data += chunk
    held.append(s)
print(f"ready {len(held)}", flush=True)
sys.stdin.read()
