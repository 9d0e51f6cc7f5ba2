"""`jobcoach addendum ID --signed/--list/--attach` and `jobcoach import-seal`
in a child process."""
from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from app import seal_keys
from app.context import open_context
from app.documents import seal
from app.services import placements, signatures
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.signing_support import sign_latest
from tests.test_addendum_helpers import make_placement


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(jobcoach_cmd() + list(args), env=subprocess_env(), capture_output=True,
                          text=True, timeout=120, input=stdin)


def _municipality_p12(passphrase: str) -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testkommune forsegling")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), True)
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, None,
                                                 BestAvailableEncryption(passphrase.encode()))


def test_signed_copy_list_and_attach(isolated, tmp_path: Path):
    ctx = open_context()
    try:
        made = make_placement(ctx)
    finally:
        ctx.close()
    none = _run("addendum", made.placement_id, "--signed", "-o", str(tmp_path / "none.pdf"))
    assert none.returncode == 2 and "ingen tillægsaftale, der er underskrevet" in none.stderr
    ctx = open_context()
    try:
        dto, _ = sign_latest(ctx, made.placement_id)
        sealed = signatures.sealed_pdf(ctx, dto.id)
        placements.update_placement(ctx, made.placement_id, tasks="Ændrede opgaver.")
    finally:
        ctx.close()
    newer = _run("addendum", made.placement_id, "-o", str(tmp_path / "v2.pdf"))
    assert newer.returncode == 0 and "\t2\t" in newer.stdout
    out = _run("addendum", made.placement_id, "--signed", "-o", str(tmp_path / "signed.pdf"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "signed.pdf").read_bytes() == sealed  # version 1: the newest signed one
    scan = tmp_path / "kopi.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    attached = _run("addendum", made.placement_id, "--attach", str(scan), "--version", "2")
    assert attached.returncode == 0, attached.stderr
    assert _run("addendum", made.placement_id, "--attach", str(scan)).returncode == 2
    listed = _run("addendum", made.placement_id, "--list").stdout.splitlines()
    assert listed[0].split("\t")[5].startswith("underskrevet på skærm ")
    assert listed[1].split("\t")[5] == "underskrevet kopi vedhæftet"


def test_import_seal_from_pkcs12(isolated, tmp_path: Path):
    p12 = tmp_path / "kommune.p12"
    p12.write_bytes(_municipality_p12("hemmelig"))
    wrong = _run("import-seal", str(p12), stdin="forkert\n")
    assert wrong.returncode == 2 and "adgangskoden" in wrong.stderr.lower()
    assert seal_keys.stored() is None
    done = _run("import-seal", str(p12), stdin="hemmelig\n")
    assert done.returncode == 0, done.stderr
    identity = seal_keys.stored()
    assert identity is not None and "Testkommune" in identity.subject
    ctx = open_context()
    try:
        made = make_placement(ctx)
        dto, result = sign_latest(ctx, made.placement_id)
        pdf = signatures.sealed_pdf(ctx, dto.id)
    finally:
        ctx.close()
    check = seal.check(pdf, identity.certs_pem)
    assert result.seal_error == "" and check.intact and check.trusted and "Testkommune" in check.signer
