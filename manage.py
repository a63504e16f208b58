#!/usr/bin/env python
"""Django's command-line utility, with the site-wide packages in `site/` on the import path."""

import os
import sys
from pathlib import Path

# `site` is the standard library's module name, so `site/` is a source root, not a package.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
