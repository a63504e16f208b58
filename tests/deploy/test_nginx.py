"""The reverse proxy shipped in deploy/nginx/: it refuses an oversized body itself, per route,
and slow clients never reach the app.

nginx runs from a throwaway prefix on a free loopback port, with the shipped
`pcmbn-proxy.conf` included unchanged, in front of a test server that answers one request at a
time, like one sync gunicorn worker: a request the proxy passed on before it was complete would
block every other. Without nginx installed these tests are skipped; in CI they fail
(tests/services.py)."""

import http.server
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from django.conf import settings

from tests.services import nginx_binary

ROOT = Path(__file__).resolve().parents[2]
PROXY_CONF = ROOT / "deploy" / "nginx" / "pcmbn-proxy.conf"
MB = 1024 * 1024


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class App(http.server.BaseHTTPRequestHandler):
    """Records each request it is given, body length included, and answers 200."""

    seen = []

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        App.seen.append((self.command, self.path, length))
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def app():
    server = http.server.HTTPServer(("127.0.0.1", free_port()), App)  # one request at a time
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def proxy(app, tmp_path_factory):
    binary = nginx_binary()
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;
error_log {prefix / "error.log"} info;
pid {prefix / "nginx.pid"};
events {{ worker_connections 256; }}
http {{
    access_log off;
{temp}
    upstream pcmbn_app {{ server 127.0.0.1:{app.server_address[1]}; }}
    server {{
        listen 127.0.0.1:{port};
        include {PROXY_CONF};
    }}
}}
"""
    )
    command = [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not start: {process.communicate()[1].decode()}")
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(autouse=True)
def nothing_seen_yet():
    App.seen.clear()


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def status_of(connection):
    head = b""
    while b"\r\n" not in head:
        chunk = connection.recv(4096)
        if not chunk:
            break
        head += chunk
    return int(head.split(b" ", 2)[1])


def request(port, method, path, body=b""):
    """(status, seconds) of a whole request sent at once."""
    started = time.monotonic()
    with connect(port) as connection:
        connection.sendall(
            f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n".encode()
            + body
        )
        return status_of(connection), time.monotonic() - started


def post_announcing(port, path, size):
    """Announce a `size`-byte body, then send it until the proxy answers or hangs up."""
    with connect(port) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {size}\r\n"
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        connection.settimeout(0.2)
        try:
            return status_of(connection)  # nginx answers on the Content-Length alone
        except TimeoutError:
            pass
        connection.settimeout(10)
        chunk = b"x" * MB
        try:
            for _ in range(size // MB):
                connection.sendall(chunk)
        except OSError:
            pass
        return status_of(connection)


def post_chunked(port, path, size):
    """The same body without a Content-Length: the proxy must count it as it comes."""
    with connect(port) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )
        chunk = b"%x\r\n" % MB + b"x" * MB + b"\r\n"
        try:
            for _ in range(size // MB):
                connection.sendall(chunk)
        except OSError:
            pass  # the proxy answered and hung up
        return status_of(connection)


def body_limit(location):
    """The client_max_body_size of `location ^~ <location>` in the shipped file, in bytes."""
    text = PROXY_CONF.read_text()
    block = re.search(rf"location \^~ {re.escape(location)} \{{(.*?)\}}", text, re.S).group(1)
    number, unit = re.search(r"client_max_body_size (\d+)([km]?);", block).groups()
    return int(number) * {"": 1, "k": 1024, "m": MB}[unit]


class TestBodyLimits:
    @pytest.mark.parametrize("path", ["/", "/en/tim-kiem/", "/api/v1/records/", "/admin/login/"])
    def test_a_200_mb_post_is_refused_by_the_proxy(self, proxy, path):
        assert post_announcing(proxy, path, 200 * MB) == 413
        assert post_chunked(proxy, path, 200 * MB) == 413
        assert App.seen == []

    def test_the_import_takes_a_file_of_import_max_mb(self, proxy):
        body = b"x" * settings.IMPORT_MAX_BYTES
        assert request(proxy, "POST", "/admin/campaigns/import/", body)[0] == 200
        assert App.seen == [("POST", "/admin/campaigns/import/", len(body))]
        # ... which no other route takes.
        assert request(proxy, "POST", "/api/v1/records/", body)[0] == 413
        assert request(proxy, "POST", "/admin/pages/3/edit/", body)[0] == 413
        assert post_announcing(proxy, "/admin/campaigns/import/", 200 * MB) == 413
        assert len(App.seen) == 1

    def test_the_limits_fit_the_settings(self):
        # Each with room for the multipart form around the file.
        assert body_limit("/admin/campaigns/import/") > settings.IMPORT_MAX_BYTES
        assert body_limit("/admin/images/") > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        assert body_limit("/admin/documents/") > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        assert body_limit("/api/") <= MB and body_limit("/admin/") <= 3 * MB


class TestSlowClients:
    def test_slow_headers_and_bodies_do_not_block_other_requests(self, proxy):
        slow = []
        try:
            for _ in range(10):  # headers that never end
                connection = connect(proxy)
                connection.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                slow.append(connection)
            for _ in range(10):  # a body that never comes
                connection = connect(proxy)
                connection.sendall(
                    b"POST /api/v1/records/ HTTP/1.1\r\nHost: localhost\r\n"
                    b"Content-Length: 1000\r\nContent-Type: application/json\r\n\r\n{"
                )
                slow.append(connection)
            time.sleep(0.3)
            for _ in range(5):
                status, seconds = request(proxy, "GET", "/tin-tuc/")
                assert status == 200 and seconds < 1
        finally:
            for connection in slow:
                connection.close()
        # The app saw only the complete requests.
        assert App.seen == [("GET", "/tin-tuc/", 0)] * 5
