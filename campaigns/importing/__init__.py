"""Importing activity records from a spreadsheet (XLSX or CSV) that district staff filled in.

`template` writes the file to fill in, `reading` turns an uploaded file into rows of cells (or
refuses it), `checking` turns the rows into records and names every problem, and `batches` keeps
the uploaded file between the preview and the confirmation and writes the records, all or none,
each through `ActivityRecord.save()` so locking and the audit log apply as on every other route.
"""
