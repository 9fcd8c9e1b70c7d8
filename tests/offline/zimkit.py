"""The ZIM tests' helpers: those of ``scripts/bench_zim.py``, so tests and benchmark agree."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_pages  # noqa: E402
import bench_zim  # noqa: E402
from bench_zim import DemoZim  # noqa: E402

__all__ = ["ROOT", "DemoZim", "bench_pages", "bench_zim"]

if not (shutil.which("zimcheck") and shutil.which("kiwix-serve")):  # pragma: no cover
    raise pytest.UsageError("zim-tools/kiwix-tools missing: run the tests with `make test`")
