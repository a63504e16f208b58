"""Saves a draft of the page at an address with a new title, inside Django (bench/scale_out.py).

The live page is unchanged until someone publishes the draft. Prints `BENCH {"id": page id}`.
"""

import json
import sys

from wagtail.models import Page

url, title = sys.argv[1], sys.argv[2]
page = next(p for p in Page.objects.live().specific() if p.url == url)
page.title = title
page.save_revision()
print("BENCH " + json.dumps({"id": page.pk}))
