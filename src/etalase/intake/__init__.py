"""Intake: reading the shared drop folder and turning submissions into content entries."""
