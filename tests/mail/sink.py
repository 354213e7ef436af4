#!/usr/bin/env python3
"""A real SMTP server for natter's API tests (tests/api/mail_sink.rs starts it).

It receives the mails natter sends and writes each accepted one, parsed by Python's own
MIME parser (the `email` package, modern policy), as DIR/000001.json, DIR/000002.json, ...
in arrival order. A test then checks what a mail client would see (decoded subject,
text and HTML parts, headers) rather than natter's own idea of what it wrote.

    sink.py --host 127.0.0.1 --port 0 --dir DIR
            [--starttls-cert PEM --starttls-key PEM [--implicit-tls]] [--auth USER:PASSWORD]
            [--refuse-first N] [--reject-first N] [--exit-on-stdin-eof]

The first line on stdout is `listening on HOST:PORT`, printed once connections are
accepted (port 0 picks a free one). Needs aiosmtpd (PyPI; .ci/run installs it pinned).
"""

import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult


def write_atomically(path, text):
    # A test polls the folder while mails arrive: it must never see a half-written file,
    # so the file appears only whole, by rename (atomic within one folder).
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def header_text(value):
    # The modern policy decodes RFC 2047 encoded words; str() of its header object is
    # the decoded text. A header it cannot parse still yields its raw text, never a crash.
    if value is None:
        return None
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - a malformed header is itself worth seeing
        return repr(value)


def part_text(msg, subtype):
    # get_body picks the part a mail client would show for that subtype (not attachments).
    part = msg.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_type() != "text/" + subtype:
        return None
    return part.get_content()


def parse(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return {
        "subject": header_text(msg["subject"]),
        "from": header_text(msg["from"]),
        "to": header_text(msg["to"]),
        "headers": [[name, header_text(value)] for name, value in msg.items()],
        "message_id": header_text(msg["message-id"]),
        "date": header_text(msg["date"]),
        "text": part_text(msg, "plain"),
        "html": part_text(msg, "html"),
        "content_type": msg.get_content_type(),
        "raw": raw.decode("utf-8", errors="replace"),
    }


class Handler:
    def __init__(self, folder, refuse_first, reject_first):
        self.folder = folder
        self.refuse_left = refuse_first
        self.reject_left = reject_first
        self.refused = 0
        self.rejected = 0
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):
        # One event loop and no await below: numbering and counting cannot interleave.
        if self.refuse_left > 0:
            self.refuse_left -= 1
            self.refused += 1
            write_atomically(os.path.join(self.folder, "refused.count"), f"{self.refused}\n")
            return "451 4.3.0 try again later"
        if self.reject_left > 0:
            self.reject_left -= 1
            self.rejected += 1
            write_atomically(os.path.join(self.folder, "rejected.count"), f"{self.rejected}\n")
            return "550 5.1.1 no such user"
        raw = envelope.original_content or b""
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            # session.ssl is STARTTLS's; under implicit TLS the connection itself is.
            "tls": session.ssl is not None
            or server.transport.get_extra_info("ssl_object") is not None,
            "auth_user": session.auth_data if session.authenticated else None,
        }
        try:
            record.update(parse(raw))
        except Exception as e:  # noqa: BLE001 - keep the mail; the test sees why
            record.update({"parse_error": f"{type(e).__name__}: {e}",
                           "raw": raw.decode("utf-8", errors="replace")})
        self.accepted += 1
        name = f"{self.accepted:06d}.json"
        write_atomically(os.path.join(self.folder, name),
                         json.dumps(record, ensure_ascii=False, indent=1))
        return "250 2.0.0 OK queued as " + name


def main():
    # aiosmtpd warns on every AUTH (its own use of a deprecated field) and on AUTH without
    # TLS, which a plain test sink asks for on purpose: noise in a test's output.
    warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--starttls-cert")
    ap.add_argument("--starttls-key")
    ap.add_argument("--implicit-tls", action="store_true",
                    help="TLS from the first byte with that certificate (smtps), no STARTTLS")
    ap.add_argument("--auth", help="USER:PASSWORD; AUTH PLAIN or LOGIN then required")
    ap.add_argument("--refuse-first", type=int, default=0)
    ap.add_argument("--reject-first", type=int, default=0)
    ap.add_argument("--exit-on-stdin-eof", action="store_true",
                    help="stop when stdin closes (the test that started it is gone)")
    args = ap.parse_args()
    if bool(args.starttls_cert) != bool(args.starttls_key):
        ap.error("--starttls-cert and --starttls-key go together")
    os.makedirs(args.dir, exist_ok=True)

    tls_context = None
    if args.starttls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.starttls_cert, args.starttls_key)
    # Implicit TLS: the listening socket wraps every connection; the SMTP session offers
    # no STARTTLS on top.
    listen_tls = tls_context if args.implicit_tls else None
    if args.implicit_tls:
        tls_context = None

    authenticator = None
    if args.auth:
        user, sep, password = args.auth.partition(":")
        if not sep:
            ap.error("--auth takes USER:PASSWORD")

        def authenticator(_server, _session, _envelope, mechanism, data):
            if mechanism not in ("PLAIN", "LOGIN"):
                return AuthResult(success=False, handled=False)
            ok = data.login == user.encode() and data.password == password.encode()
            # handled=False: aiosmtpd then answers the failure itself (535 5.7.8);
            # its default, True, would leave the client waiting for a reply.
            return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    handler = Handler(args.dir, args.refuse_first, args.reject_first)

    def factory():
        return SMTP(
            handler,
            # A fixed name: the default asks the resolver for this machine's FQDN.
            hostname="natter-test-sink",
            enable_SMTPUTF8=True,
            tls_context=tls_context,
            require_starttls=tls_context is not None,
            authenticator=authenticator,
            auth_required=authenticator is not None,
            # AUTH only inside TLS when TLS is on; on a plain sink a test may still ask
            # for AUTH, which is then offered in the clear.
            auth_require_tls=tls_context is not None,
            auth_exclude_mechanism=None,
        )

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, host=args.host, port=args.port,
                                          ssl=listen_tls)
        host, port = server.sockets[0].getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)
        if args.exit_on_stdin_eof:
            # When the test process dies without its Drop running, its end of the pipe
            # closes and this sink goes too, instead of lingering on the machine.
            reader = asyncio.StreamReader()
            await loop.connect_read_pipe(
                lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
            while await reader.read(4096):
                pass
            server.close()
            return
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
