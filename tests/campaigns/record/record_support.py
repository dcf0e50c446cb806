"""For the record tests: a real HTTP server on 127.0.0.1 with prepared answers, fixture paths."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bot.campaigns.record.model import BillId

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "data" / "billstatus"
MADE_UP = FIXTURES / "BILLSTATUS-119hr9999.xml"  # a made-up bill with withdrawn cosponsors
MADE_UP_BILL = BillId(119, "hr", 9999)


def shared_billstatus() -> Path | None:
    """``../shared/billstatus`` beside the checkout (CI has it there, read-only).

    A git worktree sits one level deeper (``wt/<name>``), so the folders above are tried
    too; None when there is none.
    """
    for parent in ROOT.parents:
        folder = parent / "shared" / "billstatus"
        if folder.is_dir():
            return folder
    return None


@dataclass
class Answer:
    """What the server sends for one path."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/xml"
    etag: str | None = None
    last_modified: str | None = None
    cut_at: int | None = None  # send this many bytes of the body, then hang up
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class BillStatusServer:
    """http.server in a thread; answers by path, 404 for anything it wasn't told about."""

    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/BILLSTATUS"

    def answer(self, bill: BillId, answer: Answer) -> None:
        self.answers[f"/BILLSTATUS/{bill.congress}/{bill.type}/BILLSTATUS-{bill.key}.xml"] = answer

    @property
    def requests(self) -> int:
        return len(self.seen)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the test output quiet

            def do_GET(self) -> None:
                with server._lock:
                    server.seen.append(Seen(self.path, dict(self.headers.items())))
                answer = server.answers.get(self.path, Answer(404, b"Not Found", "text/plain"))
                time.sleep(answer.delay)
                fresh = (answer.etag and self.headers.get("If-None-Match") == answer.etag) or (
                    answer.last_modified
                    and self.headers.get("If-Modified-Since") == answer.last_modified
                )
                if answer.status == 200 and fresh:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                if answer.etag:
                    self.send_header("ETag", answer.etag)
                if answer.last_modified:
                    self.send_header("Last-Modified", answer.last_modified)
                self.end_headers()
                if answer.cut_at is None:
                    self.wfile.write(answer.body)
                    return
                self.wfile.write(answer.body[: answer.cut_at])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)

        return Handler

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
