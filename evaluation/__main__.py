"""``make eval``: every quality score, our corpora and the public development sets reported apart.

Each scorer module ``evaluation.<task>`` has ``scores(public: bool) -> (list[Score], skipped)``:
it prints its tables and returns its figures. The report goes to ``evaluation/report.json``,
README's quality table is regenerated from it, and the run fails when a floor of
``evaluation/floors/<task>.json`` is not met.

    python -m evaluation [--tasks times,figures] [--no-public] [--no-write]
"""

from __future__ import annotations

import argparse
import importlib
import sys

from evaluation.report import (
    README,
    REPORT,
    Score,
    floor_violations,
    read_floors,
    read_report,
    readme_with_table,
    render_table,
    write_report,
)

TASKS = ("entities", "times", "figures", "events", "summaries")


def run(tasks: tuple[str, ...], public: bool) -> tuple[list[Score], list[str]]:
    scores: list[Score] = []
    skipped: list[str] = []
    for name in tasks:
        print(f"\n=== {name} ===", flush=True)
        task_scores, task_skipped = importlib.import_module(f"evaluation.{name}").scores(public=public)
        scores += task_scores
        skipped += task_skipped
    return scores, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=",".join(TASKS), help="comma-separated tasks (default: all)")
    parser.add_argument("--no-public", action="store_true", help="score our own corpora only")
    parser.add_argument("--no-write", action="store_true", help="do not write the report or README")
    args = parser.parse_args(argv)
    tasks = tuple(t for t in args.tasks.split(",") if t)
    unknown = set(tasks) - set(TASKS)
    if unknown:
        parser.error(f"unknown tasks: {', '.join(sorted(unknown))}")
    scores, skipped = run(tasks, public=not args.no_public)
    if not args.no_write:
        if set(tasks) != set(TASKS) and REPORT.exists():
            # A partial run replaces only its own tasks' rows in the report.
            previous, previous_skipped = read_report()
            scores = [s for s in previous if s.task not in tasks] + scores
            skipped = [s for s in previous_skipped if s.split(":")[0] not in tasks] + skipped
        write_report(scores, skipped)
        written = read_report()  # the table shows the figures as the report rounds them
        README.write_text(readme_with_table(README.read_text(encoding="utf-8"), render_table(*written)))
        print(f"\nwrote {REPORT} and README's quality table")
    problems = [p for p in floor_violations(scores, read_floors()) if p.split("|")[0] in tasks]
    for problem in problems:
        print("FLOOR:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
