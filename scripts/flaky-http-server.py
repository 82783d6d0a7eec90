#!/usr/bin/env python3
"""flaky-http-server.py DIR PORT DROPS CUT_BYTES

Serves the files of DIR over HTTP/1.1 on 127.0.0.1:PORT with byte ranges (Range, If-Range, ETag), like a CDN,
except that the first DROPS requests for files ending in .zst or .img are cut off after CUT_BYTES bytes of
body: a connection dropping mid-download. Used by scripts/demo-network.sh to show a resumed install.
"""
import os
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, PORT, DROPS, CUT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
state = {"payload_requests": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("flaky-http: %s %s\n" % (self.requestline, self.headers.get("Range", "")))

    def do_GET(self):
        path = os.path.join(ROOT, os.path.normpath(self.path.split("?")[0]).lstrip("/"))
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        size = os.path.getsize(path)
        etag = '"%x-%x"' % (size, int(os.path.getmtime(path)))
        start = 0
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and self.headers.get("If-Range", etag) == etag:
            start = int(rng[6:].split("-")[0])
        if start >= size and size > 0:
            self.send_response(416)
            self.send_header("Content-Range", "bytes */%d" % size)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(206 if start else 200)
        self.send_header("ETag", etag)
        self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, size - 1, size))
        self.send_header("Content-Length", str(size - start))
        self.end_headers()
        cut = None
        if path.endswith((".zst", ".img")):
            state["payload_requests"] += 1
            if state["payload_requests"] <= DROPS:
                cut = CUT
        with open(path, "rb") as f:
            f.seek(start)
            sent = 0
            while True:
                chunk = f.read(65536 if cut is None else min(65536, cut - sent))
                if not chunk:
                    break
                self.wfile.write(chunk)
                sent += len(chunk)
                if cut is not None and sent >= cut:
                    self.wfile.flush()
                    sys.stderr.write("flaky-http: dropping the connection after %d bytes\n" % sent)
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
