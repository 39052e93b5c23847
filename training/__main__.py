"""``python -m training [TASK ...]``: run every ``training.<task>`` module's ``main`` (or the named ones)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    names = argv or sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name != "__main__")
    for name in names:
        print(f"=== training.{name} ===", flush=True)
        importlib.import_module(f"training.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
