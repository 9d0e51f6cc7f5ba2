"""`jobcoach import-seal FILE.p12`: take the municipality's certificate and
key for sealing signed tillægsaftaler into the keyring (once). The
passphrase is read from the terminal without echo, or from stdin."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import seal_keys
from app.cli.common import EXIT_USAGE, CliError, read_secret
from app.secrets import KeyringUnavailable


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("import-seal", help="importér kommunens certifikat (PKCS#12) til forsegling")
    cmd.add_argument("file", type=Path, metavar="FIL.p12")
    cmd.set_defaults(func=cmd_import_seal)


def cmd_import_seal(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"Kunne ikke læse {args.file}: {exc.strerror or exc}", EXIT_USAGE) from None
    passphrase = read_secret("Adgangskode til certifikatfilen: ")
    try:
        identity = seal_keys.import_pkcs12(data, passphrase)
    except seal_keys.SealKeyError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except KeyringUnavailable as exc:
        raise CliError(str(exc), 1) from None
    print(f"Certifikatet er gemt i nøgleringen og bruges fremover til forsegling: {identity.subject}",
          file=sys.stderr)
    return 0
