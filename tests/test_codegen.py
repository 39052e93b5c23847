"""The generated protobuf code in gen/ is what the current proto compiles to (no stale code)."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import google.rpc

ROOT = pathlib.Path(__file__).parents[1]


def test_codegen_generated_code_matches_proto(tmp_path):
    googleapis = pathlib.Path(google.rpc.__path__[0]).parents[1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            f"-I{ROOT / 'protos'}",
            f"-I{googleapis}",
            f"--python_out={tmp_path}",
            f"--grpc_python_out={tmp_path}",
            f"--pyi_out={tmp_path}",
            str(ROOT / "protos/newsx/v1/extraction.proto"),
        ],
        check=True,
    )
    for name in ("extraction_pb2.py", "extraction_pb2_grpc.py", "extraction_pb2.pyi"):
        fresh = (tmp_path / "newsx/v1" / name).read_text()
        assert (ROOT / "gen/newsx/v1" / name).read_text() == fresh, f"gen/newsx/v1/{name} is stale: run make proto"
