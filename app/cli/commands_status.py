"""`jobcoach status-report CITIZEN_ID --from DD.MM.ÅÅÅÅ --to DD.MM.ÅÅÅÅ -o FILE.pdf`:
the statusudtalelse to the jobcenter for one citizen and period.

`--assessment` and `--recommendation` give the coach's text; `--text FILE`
also writes the plain text for the case system. Each file made is a print
in the access log. A bad date or an unknown id is a usage error (exit 2).
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.cli.common import EXIT_USAGE, CliError, cli_context, write_file
from app.formatting import parse_date


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("status-report", help="statusudtalelse til jobcentret for en borger og en periode")
    cmd.add_argument("citizen_id", metavar="CITIZEN_ID", help="borgerens id (se `jobcoach list citizens`)")
    cmd.add_argument("--from", dest="start", metavar="DD.MM.ÅÅÅÅ", help="periodens første dag")
    cmd.add_argument("--to", dest="end", metavar="DD.MM.ÅÅÅÅ", help="periodens sidste dag")
    cmd.add_argument("-o", "--output", type=Path, help="PDF-filen der skal skrives")
    cmd.add_argument("--assessment", default="", help="jobcoachens vurdering (tekst)")
    cmd.add_argument("--recommendation", default="", help="jobcoachens anbefaling (tekst)")
    cmd.add_argument("--text", type=Path, help="skriv også udtalelsen som ren tekst til denne fil")
    cmd.set_defaults(func=cmd_status_report)


def _date(value: str | None, option: str) -> date:
    if not value:
        raise CliError(f"Angiv {option} DD.MM.ÅÅÅÅ, fx {option} 01.03.2026.", EXIT_USAGE)
    try:
        return parse_date(value)
    except ValueError:
        raise CliError(f"Ugyldig dato til {option}: {value!r}. Skriv datoen som DD.MM.ÅÅÅÅ, fx 01.03.2026.",
                       EXIT_USAGE) from None


def cmd_status_report(args: argparse.Namespace) -> int:
    from app.rules.errors import ValidationError
    from app.services import status_report
    from app.services.crud import NotFound

    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    if args.output is None:
        raise CliError("Angiv PDF-filen med -o FIL.pdf.", EXIT_USAGE)
    try:
        status_report.check_period(start, end)
    except ValidationError as exc:
        raise CliError(" ".join(exc.errors.values()), EXIT_USAGE) from None
    with cli_context() as ctx:
        try:
            report = status_report.build(ctx, args.citizen_id, start, end, args.assessment, args.recommendation)
        except NotFound:
            raise CliError(f"Borgeren {args.citizen_id!r} findes ikke. Se `jobcoach list citizens`.",
                           EXIT_USAGE) from None
        except ValidationError as exc:
            raise CliError(" ".join(exc.errors.values()), EXIT_USAGE) from None
        write_file(args.output, status_report.pdf(ctx, report))
        if args.text:
            write_file(args.text, status_report.text_version(ctx, report).encode("utf-8"))
    print(f"Statusudtalelse for perioden {start:%d.%m.%Y}–{end:%d.%m.%Y} skrevet til {args.output}",
          file=sys.stderr)
    return 0

