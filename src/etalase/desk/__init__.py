"""The curator's desk (``etalase desk``): the review queue, the player and decisions in a browser.

Modules: :mod:`.security` (token, cookie, CSRF, Host check, password),
:mod:`.preview` (the curator preview, rebuilt after each decision),
:mod:`.queue` (the rows, filters and counts), :mod:`.actions` (a decision
carried out through :mod:`etalase.curation`), :mod:`.decisions` (the log) and
:mod:`.app` (the routes). :mod:`etalase.commands.desk` starts it.
"""
