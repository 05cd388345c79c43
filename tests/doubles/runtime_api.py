#!/usr/bin/env python3
"""A local double of the AWS Lambda Runtime API, to start a function binary as Lambda would.

The function process is started with AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>. It asks for its
next event with GET /2018-06-01/runtime/invocation/next; the double hands out the queued events
one by one (and holds the request once the queue is empty, as Lambda does between invocations),
then records what comes back on .../response or .../error, with arrival times.

Control API (JSON):
  POST /_runtime/events   [{"event": {...}, "deadline_ms": 30000}, ...]   queue invocations
  GET  /_runtime/log      -> [{"kind": "next"|"event"|"response"|"error"|"init_error",
                               "id": ..., "t": epoch seconds, "body": "..."}]
       ("next": the function asked; "event": the double handed one out)
  POST /_runtime/reset

Standard library only; prints "PORT <n>" on its first line once it listens.
"""

import argparse
import json
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"
COND = threading.Condition()
STATE = {"queue": [], "log": [], "generation": 0}


def record(kind, rid=None, body=""):
    with COND:
        STATE["log"].append({"kind": kind, "id": rid, "t": time.time(), "body": body})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    # trailers, then the blank line
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _send(self, status, body=b"", headers=None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == PREFIX + "/invocation/next":
            with COND:
                STATE["log"].append({"kind": "next", "id": None, "t": time.time(), "body": ""})
                # A request held across a reset belongs to a process that is gone (killed while
                # it waited): it must not take the next process's event.
                generation = STATE["generation"]
                while not STATE["queue"] and STATE["generation"] == generation:
                    COND.wait()
                if STATE["generation"] != generation:
                    self.close_connection = True
                    self._send(410, b"{}")
                    return
                item = STATE["queue"].pop(0)
            rid = str(uuid.uuid4())
            deadline = int(time.time() * 1000) + int(item.get("deadline_ms", 30000))
            record("event", rid)
            self._send(200, json.dumps(item["event"]), {
                "Lambda-Runtime-Aws-Request-Id": rid,
                "Lambda-Runtime-Deadline-Ms": str(deadline),
                "Lambda-Runtime-Invoked-Function-Arn":
                    "arn:aws:lambda:us-east-1:123456789012:function:triage",
                "Lambda-Runtime-Trace-Id": "Root=1-00000000-000000000000000000000000",
            })
        elif self.path == "/_runtime/log":
            with COND:
                self._send(200, json.dumps(STATE["log"]))
        else:
            self._send(404, b"{}")

    def do_POST(self):
        body = self._body()
        path = self.path
        if path == "/_runtime/events":
            with COND:
                STATE["queue"].extend(json.loads(body or b"[]"))
                COND.notify_all()
            self._send(200, b"{}")
        elif path == "/_runtime/reset":
            with COND:
                STATE.update({"queue": [], "log": [], "generation": STATE["generation"] + 1})
                COND.notify_all()
            self._send(200, b"{}")
        elif path == PREFIX + "/init/error":
            record("init_error", None, body.decode("utf-8", "replace"))
            self._send(202, b'{"status":"OK"}')
        elif path.startswith(PREFIX + "/invocation/"):
            rest = path[len(PREFIX + "/invocation/"):]
            rid, _, kind = rest.partition("/")
            if kind not in ("response", "error"):
                self._send(404, b"{}")
                return
            record(kind, rid, body.decode("utf-8", "replace"))
            self._send(202, b'{"status":"OK"}')
        else:
            self._send(404, b"{}")


class Server(ThreadingHTTPServer):
    """socketserver's listen backlog of 5 overflows when a test opens dozens of connections at
    once: the kernel drops SYNs (a 1 s retransmit) or resets them, and calls fail at random."""

    daemon_threads = True
    request_queue_size = 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
