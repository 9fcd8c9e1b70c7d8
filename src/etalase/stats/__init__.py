"""Reach from the office's own web-server logs: log lines in, totals per entry and month out.

:mod:`.logs` reads nginx/Apache combined log files (plain, gzipped, rotated) one line at
a time; :mod:`.routes` maps a request to the catalogue; :mod:`.counter` counts views and
plays without keeping any address or user agent; :mod:`.totals` is the small file in the
project that keeps the totals and what was imported. Nothing here knows MkDocs.
"""
