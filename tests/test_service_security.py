"""TLS, mutual TLS and bearer tokens: the wrong certificate or token is refused, the right one served.

The certificates are made by the test (a CA, a server certificate for localhost, client certificates
from that CA and from a stranger's CA).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from newsx.client.client import NewsxClient, NewsxError, tls_credentials
from newsx.service.server import in_process
from newsx.v1 import extraction_pb2 as pb

ARTICLE = pb.Article(text="Airbus delivered 50 jets to IndiGo in India last month.")


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, issuer_key, issuer_name: x509.Name, *, ca: bool, sans=()):
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name or _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName(list(sans)), critical=False)
    certificate = builder.sign(issuer_key or key, hashes.SHA256())
    return key, certificate


def _write(directory, name: str, key, certificate) -> tuple[str, str]:
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.pem"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """Paths of a CA, a localhost server certificate, a client certificate and a stranger's."""
    directory = tmp_path_factory.mktemp("pki")
    ca_key, ca = _certificate("newsx test CA", None, None, ca=True)
    stranger_key, stranger_ca = _certificate("stranger CA", None, None, ca=True)
    server = _certificate(
        "localhost",
        ca_key,
        ca.subject,
        ca=False,
        sans=(x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))),
    )
    client = _certificate("newsx client", ca_key, ca.subject, ca=False)
    rogue = _certificate("rogue client", stranger_key, stranger_ca.subject, ca=False)
    paths = {"ca": _write(directory, "ca", ca_key, ca)[1]}
    paths["server_key"], paths["server_cert"] = _write(directory, "server", *server)
    paths["client_key"], paths["client_cert"] = _write(directory, "client", *client)
    paths["rogue_key"], paths["rogue_cert"] = _write(directory, "rogue", *rogue)
    return paths


def _code(address: str, **client_options) -> str:
    try:
        with NewsxClient(address, timeout=10, **client_options) as client:
            client.extract(ARTICLE)
        return "OK"
    except NewsxError as error:
        return error.code.name


def test_security_tls_serves_trusting_clients_and_refuses_plaintext(server_settings, pki):
    settings = dataclasses.replace(server_settings, tls_cert_file=pki["server_cert"], tls_key_file=pki["server_key"])
    with in_process(settings) as (serving, _):
        address = f"localhost:{serving.port}"
        assert _code(address, credentials=tls_credentials(pki["ca"])) == "OK"
        assert _code(address) == "UNAVAILABLE"  # plaintext client against a TLS port


def test_security_mutual_tls_needs_a_client_certificate_from_the_ca(server_settings, pki):
    settings = dataclasses.replace(
        server_settings, tls_cert_file=pki["server_cert"], tls_key_file=pki["server_key"], tls_client_ca_file=pki["ca"]
    )
    with in_process(settings) as (serving, _):
        address = f"localhost:{serving.port}"
        assert _code(address, credentials=tls_credentials(pki["ca"], pki["client_cert"], pki["client_key"])) == "OK"
        assert _code(address, credentials=tls_credentials(pki["ca"])) == "UNAVAILABLE"  # no certificate
        assert (
            _code(address, credentials=tls_credentials(pki["ca"], pki["rogue_cert"], pki["rogue_key"])) == "UNAVAILABLE"
        )


def test_security_token_required_except_for_health(server_settings):
    settings = dataclasses.replace(server_settings, auth_token="s3cret-token")
    with in_process(settings) as (serving, _):
        address = f"127.0.0.1:{serving.port}"
        assert _code(address, token="s3cret-token") == "OK"
        assert _code(address) == "UNAUTHENTICATED"
        assert _code(address, token="s3cret-tokem") == "UNAUTHENTICATED"
        with NewsxClient(address, timeout=10) as anonymous:
            assert anonymous.health() == "SERVING"  # probes need no token
            with pytest.raises(NewsxError) as raised:
                list(anonymous.stream_extract([pb.ExtractRequest(article=ARTICLE)]))
            assert raised.value.code == grpc.StatusCode.UNAUTHENTICATED
