"""``python -m service``: run the newsx server (the same as ``newsx serve``)."""

import argparse
import sys

from service import config, server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service", description="Run the newsx gRPC server.")
    config.add_arguments(parser)
    return server.serve(config.from_arguments(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
