"""Curation: the office's review queue and the safe edits it makes to front matter."""
