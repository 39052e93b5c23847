"""Domain errors to gRPC statuses with rich ``google.rpc`` details (AIP-193)."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from newsx.service import errors

ERROR_DOMAIN = "newsx.v1"

_CODES: dict[type[errors.NewsxError], grpc.StatusCode] = {
    errors.InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    errors.UnsupportedLanguage: grpc.StatusCode.FAILED_PRECONDITION,
    errors.Overloaded: grpc.StatusCode.RESOURCE_EXHAUSTED,
    errors.NotReady: grpc.StatusCode.UNAVAILABLE,
    errors.WorkerLost: grpc.StatusCode.UNAVAILABLE,
    errors.ShuttingDown: grpc.StatusCode.UNAVAILABLE,
    errors.TimedOut: grpc.StatusCode.DEADLINE_EXCEEDED,
    errors.Cancelled: grpc.StatusCode.CANCELLED,
}


def grpc_code(error: errors.NewsxError) -> grpc.StatusCode:
    return _CODES.get(type(error), grpc.StatusCode.INTERNAL)


def _pack(message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


def status_proto(error: errors.NewsxError) -> status_pb2.Status:
    """The ``google.rpc.Status`` for an error: code, message, ErrorInfo and the details that fit."""
    details = [_pack(error_details_pb2.ErrorInfo(reason=error.reason, domain=ERROR_DOMAIN, metadata=error.metadata))]
    if isinstance(error, errors.InvalidArgument):
        details.append(
            _pack(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
                        for v in error.violations
                    ]
                )
            )
        )
    elif isinstance(error, errors.Overloaded):
        delay = duration_pb2.Duration()
        delay.FromMilliseconds(int(error.retry_after * 1000))
        details.append(_pack(error_details_pb2.RetryInfo(retry_delay=delay)))
    elif isinstance(error, errors.UnsupportedLanguage):
        details.append(
            _pack(
                error_details_pb2.PreconditionFailure(
                    violations=[
                        error_details_pb2.PreconditionFailure.Violation(
                            type="LANGUAGE", subject="article.language", description=error.message
                        )
                    ]
                )
            )
        )
    code = grpc_code(error).value[0]
    return status_pb2.Status(code=code, message=error.message, details=details)


def abort(context: grpc.ServicerContext, error: errors.NewsxError) -> None:
    """End the call with the error's status and details (raises, as ``context.abort`` does)."""
    context.abort_with_status(rpc_status.to_status(status_proto(error)))
