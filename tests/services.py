"""What a test needs from outside Python (a Redis server, Chromium): on a developer's machine a
test without it is skipped with the reason; in CI (CI=true) it fails, since there it must run."""

import os
import shutil
import signal
import subprocess
import tempfile
import time

import pytest
import redis

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason):
    """Skip the test here, fail it in CI."""
    if in_ci():
        pytest.fail(f"{reason}; CI=true, so this fails instead of skipping", pytrace=False)
    pytest.skip(f"{reason}; CI fails here instead")


def redis_unreachable(url):
    """Why the Redis at `url` cannot be used, or None when it answers PING within a second."""
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1) as client:
            client.ping()
    except redis.RedisError as error:
        return f"Redis is not reachable at {url}: {str(error).rstrip('.')}"
    return None


class RedisServer:
    """A redis-server of the test's own on a Unix socket, to kill, freeze (SIGSTOP) and restart:
    the shared Redis at 127.0.0.1:6379 is never touched. Its data is saved only when asked
    (`save()`), into its own folder, and read back by `start()`."""

    def __init__(self, binary):
        self.binary = binary
        # A short folder: a Unix socket's path may not be longer than about 100 characters.
        self.folder = tempfile.mkdtemp(prefix="pcmbn-redis-")
        self.socket = os.path.join(self.folder, "redis.sock")
        self.url = f"unix://{self.socket}?db=0"
        self.process = None

    @classmethod
    def or_unavailable(cls):
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("redis-server is not installed (apt-get install redis-server)")
        return cls(binary)

    def start(self):
        command = [self.binary, "--port", "0", "--unixsocket", self.socket]
        command += ["--unixsocketperm", "700", "--dir", self.folder, "--save", ""]
        command += ["--appendonly", "no", "--dbfilename", "dump.rdb"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while (reason := redis_unreachable(self.url)) is not None:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                unavailable(f"could not start redis-server: {reason}")
            time.sleep(0.05)
        return self

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=5)

    def save(self):
        with self.client() as client:
            client.save()

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def nginx_binary():
    """The nginx the reverse-proxy tests run (Debian's, /usr/sbin is often not on a user's PATH)."""
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if binary is None:
        unavailable("nginx is not installed (apt-get install nginx-light)")
    return binary
