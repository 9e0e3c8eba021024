"""Process-wide protections set once at start (cli.main): no core dumps, private new files.

A core dump of the window would hold decrypted cases and the key; ``RLIMIT_CORE`` 0
stops the system writing one (POSIX; Windows has no such limit and writes none by
default). A umask of 077 makes every file and folder the program creates readable by
the user only (0600 / 0700), whichever module creates it.
"""

from __future__ import annotations

import os
from types import ModuleType

resource: ModuleType | None
try:
    import resource
except ImportError:  # Windows
    resource = None


def harden_process() -> None:
    if resource is not None and hasattr(resource, "RLIMIT_CORE"):
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (ValueError, OSError):
            pass
    if os.name == "posix":
        os.umask(0o077)
