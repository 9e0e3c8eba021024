"""Shared by every benchmark file: the machine the figures were measured on goes into the JSON."""

import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path

PACKAGES = ("PySide6-Essentials", "sqlite-utils", "reportlab", "babel", "jsonschema", "pytest-benchmark")


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return None
    for line in meminfo.read_text(encoding="utf-8").splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024**2, 1)
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def pytest_benchmark_update_machine_info(config, machine_info):
    """Record what docs/benchmarks.md reports about the machine."""
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    machine_info["kokuho_desk"] = {
        "nproc": nproc,
        "cpu_model": _cpu_model(),
        "ram_gib": _ram_gib(),
        # other work on the machine while measuring makes every figure slower
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": {p: _version(p) for p in PACKAGES},
    }
