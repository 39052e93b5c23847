"""``python -m newsx.service``: run the newsx server (the same as ``newsx serve``)."""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from newsx.service import config, observability, server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsx.service", description="Run the newsx gRPC server.")
    config.add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        settings = config.from_arguments(args)
    except ValueError as error:  # a setting that cannot work, from a flag or NEWSX_* variable
        parser.error(str(error))
    if not Path(settings.model).exists() and importlib.util.find_spec(settings.model.replace("-", "_")) is None:
        parser.error(f"model {settings.model!r} is neither an installed package nor a path")
    try:
        code = server.serve(settings)
    except server.StartupError as error:
        parser.error(str(error))
    observability.flush_logs()
    # Every call was answered or cancelled in drain(); do not wait for handler threads to unwind.
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
