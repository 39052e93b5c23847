"""A thin Python client for newsx.v1: one channel per client, a deadline on every call.

    with NewsxClient("localhost:50051") as client:
        response = client.extract(Article(text="...", published_at="2024-10-09"))

Several servers can be given (``["10.0.0.1:50051", "10.0.0.2:50051"]``) or one DNS name with
several addresses (``dns:///newsx.default.svc:50051``): calls are spread round-robin and a call
answered UNAVAILABLE (a server draining or gone) is retried on another server.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable, Iterator, Sequence

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from newsx.v1 import extraction_pb2 as pb
from newsx.v1 import extraction_pb2_grpc

DEFAULT_SERVER = "localhost:50051"
DEFAULT_TIMEOUT = 30.0
SERVICE_NAME = "newsx.v1.ExtractionService"

# Retry UNAVAILABLE (server draining, restarting or gone) on another server, with backoff.
SERVICE_CONFIG = {
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [
        {
            "name": [{"service": SERVICE_NAME}],
            "retryPolicy": {
                "maxAttempts": 5,
                "initialBackoff": "0.1s",
                "maxBackoff": "2s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE"],
            },
        }
    ],
}

_DETAIL_TYPES = (
    error_details_pb2.ErrorInfo,
    error_details_pb2.BadRequest,
    error_details_pb2.RetryInfo,
    error_details_pb2.PreconditionFailure,
)


class NewsxError(Exception):
    """A call that failed: the gRPC status code, its message and the ``google.rpc`` details."""

    def __init__(self, code: grpc.StatusCode, message: str, details: Sequence = ()):
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.details = list(details)

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> NewsxError:
        status = rpc_status.from_call(error)
        details = unpack_details(status.details) if status is not None else []
        return cls(error.code(), error.details() or "", details)

    @property
    def reason(self) -> str:
        """The ``ErrorInfo.reason`` (e.g. ``EMPTY_ARTICLE``), or empty."""
        return next((d.reason for d in self.details if isinstance(d, error_details_pb2.ErrorInfo)), "")

    @property
    def field_violations(self) -> list[tuple[str, str]]:
        """(field, description) pairs of a ``BadRequest``."""
        return [
            (v.field, v.description)
            for d in self.details
            if isinstance(d, error_details_pb2.BadRequest)
            for v in d.field_violations
        ]

    @property
    def retry_delay(self) -> float | None:
        """Seconds the server asked the caller to wait (RESOURCE_EXHAUSTED), if it said."""
        for d in self.details:
            if isinstance(d, error_details_pb2.RetryInfo):
                return d.retry_delay.ToTimedelta().total_seconds()
        return None


def unpack_details(details: Iterable) -> list:
    """Unpack ``google.protobuf.Any`` details into the known ``google.rpc`` messages."""
    unpacked = []
    for packed in details:
        for detail_type in _DETAIL_TYPES:
            if packed.Is(detail_type.DESCRIPTOR):
                message = detail_type()
                packed.Unpack(message)
                unpacked.append(message)
    return unpacked


def tls_credentials(ca_file: str = "", cert_file: str = "", key_file: str = "") -> grpc.ChannelCredentials:
    """TLS to the server, trusting ``ca_file`` (default: the system's roots); with a client
    certificate and key, for servers that require mutual TLS."""

    def read(path: str) -> bytes:
        with open(path, "rb") as handle:
            return handle.read()

    return grpc.ssl_channel_credentials(
        root_certificates=read(ca_file) if ca_file else None,
        private_key=read(key_file) if key_file else None,
        certificate_chain=read(cert_file) if cert_file else None,
    )


def channel_target(servers: str | Sequence[str]) -> str:
    """One gRPC target for one server, a DNS name, or a list of IP:port addresses."""
    if isinstance(servers, str):
        servers = [s.strip() for s in servers.split(",") if s.strip()]
    if len(servers) == 1:
        return servers[0]
    hosts = []
    for server in servers:
        host, _, port = server.rpartition(":")
        host = host.strip("[]")
        host = "127.0.0.1" if host == "localhost" else host
        try:
            version = ipaddress.ip_address(host).version
        except ValueError:
            raise ValueError(
                f"several servers must be IP:port addresses (or use one dns:/// name): {server!r}"
            ) from None
        hosts.append((version, f"[{host}]:{port}" if version == 6 else f"{host}:{port}"))
    versions = {version for version, _ in hosts}
    if len(versions) != 1:
        raise ValueError("several servers must be all IPv4 or all IPv6")
    return f"ipv{versions.pop()}:" + ",".join(address for _, address in hosts)


class NewsxClient:
    """Owns one channel; use it as a context manager or call ``close``."""

    def __init__(
        self,
        servers: str | Sequence[str] = DEFAULT_SERVER,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        credentials: grpc.ChannelCredentials | None = None,
        token: str = "",
        max_message_bytes: int = 8 * 1024 * 1024,
    ):
        options = [
            ("grpc.service_config", json.dumps(SERVICE_CONFIG)),
            ("grpc.enable_retries", 1),
            ("grpc.max_receive_message_length", max_message_bytes),
            ("grpc.max_send_message_length", max_message_bytes),
        ]
        target = channel_target(servers)
        if credentials is not None:
            self._channel = grpc.secure_channel(target, credentials, options=options)
        else:
            self._channel = grpc.insecure_channel(target, options=options)
        self._metadata = (("authorization", f"Bearer {token}"),) if token else ()
        self._stub = extraction_pb2_grpc.ExtractionServiceStub(self._channel)
        self._health = health_pb2_grpc.HealthStub(self._channel)
        self.timeout = timeout

    def __enter__(self) -> NewsxClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    def _call(self, method, request, timeout: float | None):
        try:
            return method(request, timeout=timeout or self.timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise NewsxError.from_rpc_error(error) from None

    def extract(
        self,
        article: pb.Article,
        *,
        offset_encoding: int = pb.OFFSET_ENCODING_UNSPECIFIED,
        min_confidence: float = 0.0,
        timeout: float | None = None,
    ) -> pb.ExtractResponse:
        request = pb.ExtractRequest(article=article, offset_encoding=offset_encoding, min_confidence=min_confidence)
        return self._call(self._stub.Extract, request, timeout)

    def summarize(self, article: pb.Article, *, timeout: float | None = None, **options) -> pb.SummarizeResponse:
        """Options are ``SummarizeRequest`` fields: max_sentences, max_characters, method, ratio, ..."""
        return self._call(self._stub.Summarize, pb.SummarizeRequest(article=article, **options), timeout)

    def stream_extract(
        self, requests: Iterable[pb.ExtractRequest], *, timeout: float | None = None
    ) -> Iterator[pb.StreamExtractResponse]:
        """Answers in request order; per-article errors are in ``StreamExtractResponse.error``.

        ``timeout`` bounds the whole stream (default: none beyond the server's per-article limit).
        """
        items = (pb.StreamExtractRequest(request=request) for request in requests)
        try:
            yield from self._stub.StreamExtract(items, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise NewsxError.from_rpc_error(error) from None

    def stream_summarize(
        self, requests: Iterable[pb.SummarizeRequest], *, timeout: float | None = None
    ) -> Iterator[pb.StreamSummarizeResponse]:
        """Like ``stream_extract``, for summaries: answers in request order, errors per item."""
        items = (pb.StreamSummarizeRequest(request=request) for request in requests)
        try:
            yield from self._stub.StreamSummarize(items, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise NewsxError.from_rpc_error(error) from None

    def health(self, *, timeout: float | None = None, service: str = SERVICE_NAME) -> str:
        """The server's health status name: SERVING, NOT_SERVING, ..."""
        response = self._call(self._health.Check, health_pb2.HealthCheckRequest(service=service), timeout)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)


def to_json(message, indent: int | None = 2) -> str:
    """The protobuf JSON mapping with proto field names (as the CLI prints)."""
    return json_format.MessageToJson(message, preserving_proto_field_name=True, indent=indent)
