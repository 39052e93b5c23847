"""TLS and mutual TLS credentials, and bearer-token authentication.

With ``auth_token`` set, every call but the health check must carry ``authorization: Bearer
<token>`` metadata, compared in constant time; health stays open so that probes need no secret.
"""

from __future__ import annotations

import hmac
from pathlib import Path

import grpc

from newsx.service.config import Settings

OPEN_METHODS_PREFIX = "/grpc.health.v1.Health/"


def server_credentials(settings: Settings) -> grpc.ServerCredentials | None:
    """TLS credentials from the certificate and key files; with a client CA, clients must present
    a certificate it signed (mutual TLS). None when TLS is not configured."""
    if not settings.tls_cert_file:
        return None
    key = Path(settings.tls_key_file).read_bytes()
    chain = Path(settings.tls_cert_file).read_bytes()
    client_ca = Path(settings.tls_client_ca_file).read_bytes() if settings.tls_client_ca_file else None
    return grpc.ssl_server_credentials(
        [(key, chain)], root_certificates=client_ca, require_client_auth=client_ca is not None
    )


def _refuse(_request, context):
    context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or wrong bearer token in the authorization metadata")


def _refuse_stream(_request_iterator, context):
    _refuse(None, context)
    yield from ()


class TokenAuthInterceptor(grpc.ServerInterceptor):
    """Lets a call through only with the right bearer token (health checks always pass)."""

    def __init__(self, token: str):
        self._expected = f"Bearer {token}".encode()

    def intercept_service(self, continuation, handler_call_details):
        if handler_call_details.method.startswith(OPEN_METHODS_PREFIX):
            return continuation(handler_call_details)
        metadata = dict(handler_call_details.invocation_metadata or ())
        given = metadata.get("authorization", "").encode()
        if hmac.compare_digest(given, self._expected):
            return continuation(handler_call_details)
        handler = continuation(handler_call_details)
        if handler is not None and handler.stream_stream:
            return grpc.stream_stream_rpc_method_handler(_refuse_stream)
        if handler is not None and handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(_refuse_stream)
        return grpc.unary_unary_rpc_method_handler(_refuse)
