"""Reminders: staff whose month is not submitted, and the coordinators' weekly digest
(`manage.py send_reminders`, docs/campaigns.md)."""
