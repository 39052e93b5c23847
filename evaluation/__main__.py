"""``make eval``: every quality score on the hand-annotated corpora, bare spaCy beside newsx."""

import importlib
import sys

SCORERS = ("entities", "times", "figures", "events", "summaries")


def main() -> int:
    failed = 0
    for name in SCORERS:
        print(f"\n=== {name} ===", flush=True)
        try:
            module = importlib.import_module(f"evaluation.{name}")
            failed += bool(module.main())
        except Exception as error:  # noqa: BLE001 - report every scorer, then fail
            print(f"evaluation.{name} failed: {error!r}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
