"""``python -m newsx.service``: run the newsx server (the same as ``newsx serve``)."""

import argparse

from newsx.service import config, server


def main(argv: list[str] | None = None) -> None:
    """Serve until SIGTERM (the process then exits from ``server.run``); exit 2 on a bad setting."""
    parser = argparse.ArgumentParser(prog="python -m newsx.service", description="Run the newsx gRPC server.")
    config.add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        settings = config.from_arguments(args)
    except ValueError as error:  # a setting that cannot work, from a flag or NEWSX_* variable
        parser.error(str(error))
    try:
        server.run(settings)
    except server.StartupError as error:
        parser.error(str(error))


if __name__ == "__main__":
    main()
