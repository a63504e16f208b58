"""Times the spreadsheet import of 10,000 rows, through the admin screens a district user uses.

`python bench/imports.py` (or `measure()` from another bench) migrates a throwaway SQLite
database (or the empty database in BENCH_IMPORT_DATABASE_URL), loads the demo, builds a
10,000-row XLSX of demo-like records for Biên Hòa's November 2024 (every indicator, second
measures, the yearly plan by name, leaflets by title), then, signed in as `canbo.tranbien`,
uploads it (read and check: the preview) and confirms it (the streamed progress page that
writes every record through `ActivityRecord.save()`, locking and audit included). Prints one JSON
line prefixed with BENCH.
"""

import datetime
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
MONTH = datetime.date(2026, 11, 1)  # open in the demo
PLACES = ["Nhà văn hóa khu phố 1", "Chợ trung tâm", "Trường THPT trên địa bàn", "Khu công nghiệp"]


def setup_django(database_url):
    # The test settings: DEBUG off (no query log), and static files without a manifest, which
    # the admin pages need and `collectstatic` would take longer than the import to build.
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
    )
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()


def spreadsheet(rows):
    """A filled-in template: demo-like rows spread over the month, every indicator."""
    from openpyxl import Workbook

    from campaigns.importing.template import headers
    from campaigns.models import Campaign, Indicator
    from news.models import LeafletPage

    indicators = list(Indicator.objects.all())
    plan = Campaign.objects.filter(start_date__year=MONTH.year).order_by("-end_date").first()
    leaflet = LeafletPage.objects.live().first()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    sheet.append(headers())
    for n in range(rows):
        indicator = indicators[n % len(indicators)]
        measure = indicator.second_measure
        sheet.append(
            [
                "26041",
                MONTH.replace(day=1 + n % 30).strftime("%d/%m/%Y"),
                indicator.code,
                1 + n % 40,
                10 + n % 90 if measure == "attendees" else None,
                5 + n % 25 if measure == "minutes" else None,
                plan.name if plan and n % 3 == 0 else None,
                leaflet.title if leaflet and indicator.code == "leaflets" and n % 10 == 0 else None,
                PLACES[n % len(PLACES)],
                f"Dòng {n + 1}",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def timed_import(content):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from campaigns.importing.models import ImportBatch
    from campaigns.models import ActivityRecord

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="canbo.tranbien"))
    before = ActivityRecord.objects.count()
    # Wall time, and this process's CPU time: on a shared machine the wall time also counts the
    # time other processes had the CPU (with SQLite the database work is in this process too).
    cpu = time.process_time()
    started = time.perf_counter()
    response = client.post(
        reverse("campaigns_import"),
        {"unit": "26041", "month": f"{MONTH:%Y-%m}", "file": _upload(content)},
    )
    assert response.status_code == 302, response.content[:2000]
    preview = client.get(response["Location"])
    checked = time.perf_counter()
    batch = ImportBatch.objects.latest("pk")
    assert not batch.summary["problems"], batch.summary["problems"][:5]
    response = client.post(reverse("campaigns_import_confirm", args=[batch.pk]))
    steps = sum(b"import-step" in chunk for chunk in response.streaming_content)
    written = time.perf_counter()
    cpu = time.process_time() - cpu
    assert preview.status_code == 200
    return {
        "rows": ROWS,
        "file_kb": round(len(content) / 1024),
        "check_seconds": round(checked - started, 1),
        "write_seconds": round(written - checked, 1),
        "seconds": round(written - started, 1),
        "cpu_seconds": round(cpu, 1),
        "records_written": ActivityRecord.objects.count() - before,
        "progress_steps": steps,
        "database": connection.vendor,
    }


def _upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("so-lieu-bien-hoa-2024-11.xlsx", content)


def measure():
    """Set up a throwaway database, import 10,000 rows, return the timings."""
    with tempfile.TemporaryDirectory(dir=ROOT / "var") as work:
        url = os.environ.get("BENCH_IMPORT_DATABASE_URL") or f"sqlite:///{work}/imports.sqlite3"
        setup_django(url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_demo", force=True, stdout=io.StringIO())
        return timed_import(spreadsheet(ROWS))


if __name__ == "__main__":
    (ROOT / "var").mkdir(exist_ok=True)
    print("BENCH " + json.dumps(measure()))
