"""The key and certificate that seal signed tillægsaftaler.

Either the installation's own (an EC P-256 key and a self-signed
certificate, made on first use) or the municipality's (imported once from a
PKCS#12 file). Both live in the OS keyring as PEM text, never in a file.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app import secrets

KEY_NAME = "seal-key"
CERTS_NAME = "seal-certs"
ORIGIN_NAME = "seal-origin"  # "installation" or "imported"


class SealKeyError(ValueError):
    """A PKCS#12 file that cannot be used; the message is Danish."""


@dataclass(frozen=True)
class SealIdentity:
    key_pem: bytes
    certs_pem: bytes  # the signing certificate first, then its chain
    imported: bool = False  # the municipality's, not the installation's own

    @property
    def certificates(self) -> list[x509.Certificate]:
        return x509.load_pem_x509_certificates(self.certs_pem)

    @property
    def subject(self) -> str:
        return self.certificates[0].subject.rfc4514_string()

    @property
    def self_signed(self) -> bool:
        cert = self.certificates[0]
        return cert.issuer == cert.subject


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _pem_certs(certs: list[x509.Certificate]) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


# Windows' credential store holds about 1280 characters per entry: an RSA
# key or a certificate chain is kept in parts, "name" holding their count.
PART = 1000


def _put(name: str, text: str) -> None:
    parts = [text[i:i + PART] for i in range(0, len(text), PART)]
    for n, part in enumerate(parts):
        secrets.set_secret(f"{name}.{n}", part)
    secrets.set_secret(name, str(len(parts)))


def _get(name: str) -> str | None:
    count = secrets.get_secret(name)
    if not count or not count.isdigit():
        return None
    parts = [secrets.get_secret(f"{name}.{n}") for n in range(int(count))]
    return None if any(p is None for p in parts) else "".join(p for p in parts if p)


def stored() -> SealIdentity | None:
    key, certs = _get(KEY_NAME), _get(CERTS_NAME)
    if not key or not certs:
        return None
    return SealIdentity(key.encode("ascii"), certs.encode("ascii"),
                        secrets.get_secret(ORIGIN_NAME) == "imported")


def _store(identity: SealIdentity) -> SealIdentity:
    _put(KEY_NAME, identity.key_pem.decode("ascii"))
    _put(CERTS_NAME, identity.certs_pem.decode("ascii"))
    secrets.set_secret(ORIGIN_NAME, "imported" if identity.imported else "installation")
    return identity


def self_signed(unit_name: str) -> SealIdentity:
    """A new installation key and a certificate naming the unit."""
    key = ec.generate_private_key(ec.SECP256R1())
    org = (unit_name or "Jobcoach").strip()[:60]
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Jobcoach-forsegling {org}"[:64]),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return SealIdentity(_pem_key(key), _pem_certs([cert]))


def get_or_create(unit_name: str) -> SealIdentity:
    """The stored identity, or a new installation identity kept in the keyring."""
    return stored() or _store(self_signed(unit_name))


def import_pkcs12(data: bytes, passphrase: str) -> SealIdentity:
    """Read a PKCS#12 file and keep its key and certificates in the keyring
    (replacing the installation's own)."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") or None)
    except ValueError:
        raise SealKeyError("Filen kunne ikke åbnes. Er adgangskoden rigtig, og er det en "
                           "PKCS#12-fil (.p12/.pfx)?") from None
    if key is None or cert is None:
        raise SealKeyError("Filen indeholder ikke både en nøgle og et certifikat.")
    if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
        raise SealKeyError("Nøgletypen i filen kan ikke bruges til forsegling.")
    return _store(SealIdentity(_pem_key(key), _pem_certs([cert, *(extra or [])]), imported=True))
