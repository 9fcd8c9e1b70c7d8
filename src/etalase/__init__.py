"""Etalase Sekolah: a searchable catalogue of school showcase videos, built with MkDocs."""

__version__ = "0.1.0"
