"""Strings of Django and Wagtail whose Vietnamese translation we replace or supply.

Listing them here puts them in our catalogue (locale/vi), which Django reads before the
libraries' own, so our wording wins. Nothing imports this module.
"""

from django.utils.translation import gettext_noop

STRINGS = [
    # Django's own catalogue says "Nhập một số tổng thể", which reads as nonsense.
    gettext_noop("Enter a whole number."),
]
