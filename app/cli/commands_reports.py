"""`jobcoach report`: the team leader's figures without a window.

    jobcoach report --from 01.01.2026 --to 30.06.2026 [--coach ID | --team ID]
                    [--csv FILE] [--pdf FILE]

Prints one tab-separated line per figure: section, figure, value, count, out of.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.cli.common import EXIT_USAGE, CliError, cli_context
from app.formatting import parse_date
from app.reports.rows import figure_rows, month_cells, scope_text


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldig dato: {text!r} (brug fx 23.11.2026)") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="rapport: progression, skift og opfølgning for en periode")
    p.add_argument("--from", dest="start", type=_date, default=date(date.today().year, 1, 1),
                   help="periodens første dag (standard: 1. januar i år)")
    p.add_argument("--to", dest="end", type=_date, default=date.today(),
                   help="periodens sidste dag (standard: i dag)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--coach", help="kun én jobcoachs borgere (id)")
    who.add_argument("--team", help="kun ét teams borgere (id)")
    p.add_argument("--csv", type=Path, help="gem tallene som CSV (semikolon, UTF-8 med BOM)")
    p.add_argument("--pdf", type=Path, help="gem rapporten som PDF")
    p.set_defaults(func=cmd_report)


def _choice(ctx, args: argparse.Namespace):
    from app.services.reports import scope_choices
    if not (args.coach or args.team):
        return None
    kind, wanted = ("coach", args.coach) if args.coach else ("team", args.team)
    for choice in scope_choices(ctx):
        if choice.kind == kind and choice.id == wanted:
            return choice
    raise CliError(f"Ukendt {'jobcoach' if kind == 'coach' else 'team'}: {wanted}", EXIT_USAGE)


def cmd_report(args: argparse.Namespace) -> int:
    from app.rules.errors import ValidationError
    from app.services import reports

    with cli_context() as ctx:
        try:
            scope = reports.make_scope(args.start, args.end, _choice(ctx, args))
        except ValidationError as exc:
            raise CliError(" ".join(exc.errors.values()), EXIT_USAGE) from None
        report = reports.build_report(ctx, scope)
        print(f"# {scope_text(report)}", file=sys.stderr)
        for row in figure_rows(report):
            print("\t".join([row.section, row.label, row.value_text(),
                             "" if row.count is None else str(row.count),
                             "" if row.total is None else str(row.total)]))
        for cells in month_cells(report):
            print("\t".join(("Pr. måned",) + cells))
        if args.csv:
            reports.export_csv(ctx, report, args.csv)
            print(f"CSV gemt: {args.csv}", file=sys.stderr)
        if args.pdf:
            reports.export_pdf(ctx, report, args.pdf)
            print(f"PDF gemt: {args.pdf}", file=sys.stderr)
    return 0
