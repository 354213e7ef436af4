#!/usr/bin/env python3
"""A WebSocket opening handshake (RFC 6455 4.1) with the standard library only, as a
browser sends it: prints the status line it got back, and exits 0 on 101 Switching
Protocols with the right Sec-WebSocket-Accept, 1 otherwise.

    ws_handshake.py URL [--connect HOST:PORT] [--cacert PEM] [--origin O] [--cookie C]

URL is ws(s):// or http(s)://host[:port]/path?query; --connect sends the bytes to another address
than the URL's host (as curl --resolve), so TLS still checks the URL's name.
"""

import argparse
import base64
import hashlib
import os
import socket
import ssl
import sys
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--connect")
    parser.add_argument("--cacert")
    parser.add_argument("--origin")
    parser.add_argument("--cookie")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.url)
    secure = url.scheme in ("https", "wss")
    default_port = 443 if secure else 80
    port = url.port or default_port
    host, connect_port = url.hostname, port
    if args.connect:
        host, _, connect_port = args.connect.rpartition(":")
        connect_port = int(connect_port)
    conn = socket.create_connection((host, connect_port), timeout=10)
    if secure:
        context = ssl.create_default_context(cafile=args.cacert)
        context.set_alpn_protocols(["http/1.1"])
        conn = context.wrap_socket(conn, server_hostname=url.hostname)

    key = base64.b64encode(os.urandom(16)).decode()
    target = url.path or "/"
    if url.query:
        target += "?" + url.query
    authority = url.hostname if port == default_port else f"{url.hostname}:{port}"
    lines = [
        f"GET {target} HTTP/1.1",
        f"Host: {authority}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    if args.origin:
        lines.append(f"Origin: {args.origin}")
    if args.cookie:
        lines.append(f"Cookie: {args.cookie}")
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())

    head = b""
    while b"\r\n\r\n" not in head:
        chunk = conn.recv(4096)
        if not chunk:
            break
        head += chunk
    head = head.split(b"\r\n\r\n")[0].decode("latin-1")
    status = head.split("\r\n")[0]
    print(status)
    headers = {}
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    expected = base64.b64encode(
        hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()
    ).decode()
    ok = status.split(" ")[1:2] == ["101"] and headers.get("sec-websocket-accept") == expected
    conn.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
