#!/usr/bin/env python3
"""A local AWS double for the operations moto lacks, in front of moto for the rest.

- Requests whose operation has a registered answer get it (JSON 1.0/1.1 services are keyed by
  the X-Amz-Target header, query services by the Action form field).
- Everything else is proxied to the upstream emulator (moto), unchanged.
- Answers can carry a status (AWS-shaped errors), a delay, or hang (never answer in time).
- A global latency can be added to every request, proxied or not.

Control API (JSON):
  POST /_double/answers  [{"op": "ListActionExecutions", "match": "pipe-1", "status": 200,
                           "body": {...} | "<xml>", "delay_ms": 0, "hang": false, "times": null}]
       "match" is a substring of the request body the answer applies to (empty: any).
       "times" limits how often it answers (then the next matching answer, or the upstream).
  POST /_double/latency  {"ms": 50}
  GET  /_double/calls    -> [{"op": ..., "served": "double"|"upstream", "t": arrival (epoch s)}]
  POST /_double/reset

Standard library only; prints "PORT <n>" on its first line once it listens.
"""

import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"answers": [], "latency_ms": 0, "calls": []}


def operation(headers, body):
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    ctype = headers.get("Content-Type", "")
    if "x-www-form-urlencoded" in ctype:
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        action = form.get("Action", [""])[0]
        if action:
            return action
    return ""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None

    def log_message(self, *args):  # quiet
        pass

    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _send(self, status, body, ctype):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "double-request")
        self.end_headers()
        self.wfile.write(data)

    def _control(self, body):
        path = self.path
        if path == "/_double/answers":
            with LOCK:
                STATE["answers"].extend(json.loads(body or b"[]"))
        elif path == "/_double/latency":
            with LOCK:
                STATE["latency_ms"] = int(json.loads(body or b"{}").get("ms", 0))
        elif path == "/_double/reset":
            with LOCK:
                STATE.update({"answers": [], "latency_ms": 0, "calls": []})
        elif path == "/_double/calls":
            with LOCK:
                return self._send(200, json.dumps(STATE["calls"]), "application/json")
        else:
            return self._send(404, "unknown control path", "text/plain")
        self._send(200, "{}", "application/json")

    def _handle(self):
        arrived = time.time()
        body = self._body()
        if self.path.startswith("/_double/"):
            return self._control(body)
        with LOCK:
            latency = STATE["latency_ms"]
        if latency:
            time.sleep(latency / 1000.0)
        op = operation(self.headers, body)
        text = body.decode("utf-8", "replace")
        answer = None
        with LOCK:
            for a in STATE["answers"]:
                if a.get("op") == op and a.get("match", "") in text:
                    if a.get("times") is not None:
                        if a["times"] <= 0:
                            continue
                        a["times"] -= 1
                    answer = a
                    break
            STATE["calls"].append(
                {"op": op, "served": "double" if answer else "upstream", "t": arrived}
            )
        if answer is not None:
            if answer.get("hang"):
                time.sleep(600)
            if answer.get("delay_ms"):
                time.sleep(answer["delay_ms"] / 1000.0)
            payload = answer.get("body", {})
            if isinstance(payload, str):
                return self._send(answer.get("status", 200), payload, "text/xml")
            ctype = self.headers.get("Content-Type") or "application/x-amz-json-1.1"
            return self._send(answer.get("status", 200), json.dumps(payload), ctype)
        return self._proxy(body)

    def _proxy(self, body):
        up = urllib.parse.urlparse(self.upstream)
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=120)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "transfer-encoding")}
        headers["Content-Length"] = str(len(body))
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except OSError as e:
            return self._send(502, f"upstream unreachable: {e}", "text/plain")
        finally:
            conn.close()
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("connection", "transfer-encoding", "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle


class Server(ThreadingHTTPServer):
    """socketserver's listen backlog of 5 overflows when a test opens dozens of connections at
    once: the kernel drops SYNs (a 1 s retransmit) or resets them, and calls fail at random."""

    daemon_threads = True
    request_queue_size = 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--upstream", required=True)
    args = ap.parse_args()
    Handler.upstream = args.upstream
    server = Server(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
