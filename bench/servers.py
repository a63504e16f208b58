"""What the benchmark, load and scale-out scripts share: production settings, throwaway
PostgreSQL databases, gunicorn servers on loopback ports, and the demo's district accounts."""

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WORK = ROOT / "var" / "bench"
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/9")
# The load and scale-out runs record from one address: the per-address API limit would refuse them.
UNLIMITED = {"RATE_LIMIT_API": "1000000", "RATE_LIMIT_LOGIN": "1000"}


def environment(database_url, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60 + "abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(WORK / "media"),
        "STATIC_ROOT": str(WORK / "static"),
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "LOG_LEVEL": "WARNING",
        # Each run its own key prefix, so nothing is read from an earlier run's cache.
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}-{time.time_ns()}",
        **extra,
    }


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def django_script(env, path, *args):
    """Run a script of bench/ inside Django and return its `BENCH {json}` line, parsed."""
    code = f"import runpy, sys; sys.argv = {[path, *args]!r}; runpy.run_path({path!r})"
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(bench_line(result.stdout))


def bench_line(output):
    return next(line for line in output.splitlines() if line.startswith("BENCH ")).removeprefix(
        "BENCH "
    )


def wrk(url, connections, seconds, timeout, paths=()):
    """Load `url` with wrk and bench/latency.lua (which spreads the requests over `paths`, if
    any); returns (wrk's report, {requests, errors, duration_us, p95_us})."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", timeout,
         "-s", str(ROOT / "bench" / "latency.lua"), url, *(("--", *paths) if paths else ())],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    fields = {
        name: int(value)
        for name, value in (item.split("=") for item in bench_line(result.stdout).split())
    }
    return result.stdout, fields


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env, port, workers=2):
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "--pythonpath", "site", "config.wsgi",
         "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


@contextlib.contextmanager
def servers(env, count=1, workers=2):
    """`count` gunicorn servers on free loopback ports; yields their base addresses."""
    started = []
    try:
        for _ in range(count):
            port = free_port()
            started.append((f"http://127.0.0.1:{port}", start_server(env, port, workers)))
        yield [base for base, _ in started]
    finally:
        for _, server in started:
            server.terminate()
        for _, server in started:
            server.wait(timeout=30)


@contextlib.contextmanager
def postgres_database(prefix):
    """A new, empty PostgreSQL database for one run, dropped afterwards."""
    import psycopg

    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG}/{name}"
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load_demo(env):
    """Load the demo into the database and media the servers use. Production settings do not
    install the demo app, so this one command runs with the development settings."""
    manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "load_demo")


def demo_site(env):
    """Migrate, collect static files and load the demo content."""
    WORK.mkdir(parents=True, exist_ok=True)
    manage(env, "collectstatic", "--no-input")
    manage(env, "migrate", "--no-input")
    load_demo(env)


def api(base, path, token, payload=None):
    """One API call with a token; returns (status, parsed body)."""
    request = urllib.request.Request(
        base + path,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="POST" if payload is not None else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:300]


def recorded_total(base, token, year, indicator="leaflets"):
    """The province's total of `indicator` for `year`, as the totals API gives it."""
    status, body = api(base, f"/api/v1/totals/?year={year}&indicator={indicator}", token)
    assert status == 200, body
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return sum(row["quantity"] or 0 for row in rows)
