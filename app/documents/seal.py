"""Seal a PDF with a PAdES signature (pyHanko), and check such a seal.

The seal covers the whole file as it is when sealed: any later change to
the signed bytes makes every PDF reader report the signature as broken.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.seal_keys import SealIdentity

FIELD_NAME = "Forsegling"


@dataclass(frozen=True)
class SealCheck:
    intact: bool   # the signed bytes are unchanged and the signature matches them
    trusted: bool  # made by a certificate the caller trusts
    covers_file: bool  # the seal covers the whole file (nothing appended)
    signer: str


def _asn1(identity: SealIdentity) -> tuple[asn1_keys.PrivateKeyInfo, list[asn1_x509.Certificate]]:
    key = serialization.load_pem_private_key(identity.key_pem, password=None)
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    certs = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in identity.certificates]
    return asn1_keys.PrivateKeyInfo.load(der_key), certs


def seal(pdf: bytes, identity: SealIdentity, reason: str, location: str) -> bytes:
    """The PDF with a PAdES baseline signature over all of it."""
    key, certs = _asn1(identity)
    signer = signers.SimpleSigner(signing_cert=certs[0], signing_key=key,
                                  cert_registry=SimpleCertificateStore.from_certs(certs))
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256",
                                        subfilter=SigSeedSubFilter.PADES, reason=reason,
                                        location=location)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out)
    return out.getvalue()


def check(pdf: bytes, trusted_certs_pem: bytes) -> SealCheck:
    """Validate the seal against the given trusted certificates."""
    from cryptography import x509

    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in x509.load_pem_x509_certificates(trusted_certs_pem)]
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    sigs = reader.embedded_signatures
    if not sigs:
        return SealCheck(False, False, False, "")
    status = validate_pdf_signature(sigs[-1], ValidationContext(trust_roots=roots))
    covers = sigs[-1].coverage is not None and sigs[-1].coverage.name == "ENTIRE_FILE"
    return SealCheck(status.intact and status.valid, status.trusted, covers,
                     status.signing_cert.subject.human_friendly)
