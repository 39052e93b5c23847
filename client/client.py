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
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

import grpc
from google.protobuf import json_format
from google.rpc import code_pb2, error_details_pb2, status_pb2
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

# Stream items answered UNAVAILABLE (their worker died, the server is draining) are sent again
# this many times, after 0.2 s, 0.4 s, ... (2 s at most), before their error is given back; a
# stream broken by UNAVAILABLE is reopened from its first unanswered item as often.
STREAM_RETRIES = 4
RETRY_BACKOFF_SECONDS = 0.2
RETRY_BACKOFF_MAX_SECONDS = 2.0
# The ErrorInfo reason of an item past the server's articles-per-stream limit: sent again on a new stream.
STREAM_TOO_LONG = "STREAM_TOO_LONG"

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
        self, requests: Iterable[pb.ExtractRequest], *, timeout: float | None = None, retries: int = STREAM_RETRIES
    ) -> Iterator[pb.StreamExtractResponse]:
        """Answers in request order; per-article errors are in ``StreamExtractResponse.error``.

        ``timeout`` bounds each stream opened (default: none beyond the server's per-article
        limit). Items answered UNAVAILABLE are retried ``retries`` times with backoff first.
        """
        stream = self._stub.StreamExtract
        yield from self._stream(stream, pb.StreamExtractRequest, self._stub.Extract, requests, timeout, retries)

    def stream_summarize(
        self, requests: Iterable[pb.SummarizeRequest], *, timeout: float | None = None, retries: int = STREAM_RETRIES
    ) -> Iterator[pb.StreamSummarizeResponse]:
        """Like ``stream_extract``, for summaries: answers in request order, errors per item."""
        stream = self._stub.StreamSummarize
        yield from self._stream(stream, pb.StreamSummarizeRequest, self._stub.Summarize, requests, timeout, retries)

    def _stream(self, open_stream, wrap, unary, requests: Iterable, timeout: float | None, retries: int) -> Iterator:
        """One logical stream over as many gRPC streams as it takes: UNAVAILABLE breaks (at most
        ``retries`` in a row without an answer) and the server's articles-per-stream limit (the
        item answered STREAM_TOO_LONG starts the next stream); ``index`` counts over the whole."""
        feed = _Feed(requests)
        index = breaks = 0
        while True:
            call = open_stream((wrap(request=r) for r in feed.attempt()), timeout=timeout, metadata=self._metadata)
            answered_here = 0
            try:
                for answer in call:
                    if answered_here and _past_stream_limit(answer):
                        break
                    request = feed.answered()
                    answered_here += 1
                    breaks = 0
                    if answer.HasField("error") and answer.error.code == code_pb2.UNAVAILABLE:
                        self._retry_item(unary, request, answer, retries)
                    answer.index = index
                    index += 1
                    yield answer
                else:
                    return
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.UNAVAILABLE or breaks >= retries:
                    raise NewsxError.from_rpc_error(error) from None
                breaks += 1
                time.sleep(_backoff(breaks))
            finally:
                call.cancel()  # the caller stopped reading, or the stream broke: release it

    def _retry_item(self, unary: Callable, request, answer, retries: int) -> None:
        """Send an item answered UNAVAILABLE again as a single call; ``answer`` takes the outcome."""
        for attempt in range(1, retries + 1):
            time.sleep(_backoff(attempt))
            try:
                answer.response.CopyFrom(unary(request, timeout=self.timeout, metadata=self._metadata))
                return
            except grpc.RpcError as error:
                answer.error.CopyFrom(_status_of(error))
                if error.code() != grpc.StatusCode.UNAVAILABLE:
                    return

    def health(self, *, timeout: float | None = None, service: str = SERVICE_NAME) -> str:
        """The server's health status name: SERVING, NOT_SERVING, ..."""
        response = self._call(self._health.Check, health_pb2.HealthCheckRequest(service=service), timeout)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)


class _Feed:
    """The requests of one logical stream, read once from the caller's iterable: those sent and
    not yet answered are kept, so a reopened stream starts again from the first unanswered."""

    def __init__(self, requests: Iterable):
        self._source = iter(requests)
        self._lock = threading.Lock()  # the counters and the table
        self._read_lock = threading.Lock()  # one reader of the source at a time
        self._unanswered: dict[int, object] = {}  # by position in the logical stream
        self._read = self._answered = self._generation = 0

    def attempt(self) -> Iterator:
        """The requests for a new stream; the iterators of earlier streams stop."""
        with self._lock:
            self._generation += 1
            return self._items(self._generation, self._answered)

    def _items(self, generation: int, position: int) -> Iterator:
        while True:
            with self._read_lock:
                if generation != self._generation:
                    return
                if position == self._read:
                    try:
                        request = next(self._source)
                    except StopIteration:
                        return
                    with self._lock:
                        self._unanswered[position] = request
                        self._read += 1
                request = self._unanswered.get(position)
            if request is None:  # answered on a newer stream: this one is over
                return
            yield request
            position += 1

    def answered(self):
        """The request the stream's next answer is for."""
        with self._lock:
            request = self._unanswered.pop(self._answered)
            self._answered += 1
            return request


def _past_stream_limit(answer) -> bool:
    """An item the server refused only because its stream already carried ``max_stream_articles``."""
    if not answer.HasField("error"):
        return False
    details = unpack_details(answer.error.details)
    return any(isinstance(d, error_details_pb2.ErrorInfo) and d.reason == STREAM_TOO_LONG for d in details)


def _backoff(attempt: int) -> float:
    return min(RETRY_BACKOFF_SECONDS * 2 ** (attempt - 1), RETRY_BACKOFF_MAX_SECONDS)


def _status_of(error: grpc.RpcError) -> status_pb2.Status:
    """The ``google.rpc.Status`` of a failed call (with its details when the server sent them)."""
    status = rpc_status.from_call(error)
    return (
        status if status is not None else status_pb2.Status(code=error.code().value[0], message=error.details() or "")
    )


def to_dict(message) -> dict:
    """The protobuf JSON mapping as a dict: proto field names, every field of a message that is
    present (zeros and false included, so ``.span.start`` is there when it is 0), in the proto's
    field order (``article_id`` first, ``start`` before ``end``)."""
    value = json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    return _in_field_order(message.DESCRIPTOR, value)


def _in_field_order(descriptor, value: dict) -> dict:
    if descriptor.full_name.startswith("google.protobuf."):  # Any, Timestamp, ...: their own JSON form
        return value
    ordered = {}
    for field in descriptor.fields:
        if field.name not in value:
            continue
        item = value[field.name]
        if field.message_type is not None:
            nested = field.message_type
            item = [_in_field_order(nested, v) for v in item] if field.is_repeated else _in_field_order(nested, item)
        ordered[field.name] = item
    return ordered


def to_json(message, indent: int | None = 2) -> str:
    """``to_dict`` as JSON text, non-ASCII characters as they are."""
    return json.dumps(to_dict(message), indent=indent, ensure_ascii=False)
