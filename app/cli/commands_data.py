"""`jobcoach demo` and `jobcoach list`."""
from __future__ import annotations

import argparse
import sys
import time

from app.cli.common import cli_context, progress_printer
from app.formatting import fmt_date
from app.labels import PLACEMENT_TYPES, label
from app.services import citizens, companies, placements

PAGE = 1000


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="fyld databasen med opdigtede data")
    demo.add_argument("--size", choices=["small", "large"], default="small")
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(func=cmd_demo)
    lst = sub.add_parser("list", help="vis borgere, virksomheder eller forløb (tabulatorsepareret)")
    lst.add_argument("what", choices=["citizens", "companies", "placements"])
    lst.set_defaults(func=cmd_list)


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import build_demo

    started = time.perf_counter()
    with cli_context() as ctx:
        counts = build_demo(ctx, args.size, args.seed, progress_printer("Demo"))
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    print(f"Demo-data ({args.size}) oprettet på {elapsed:.1f} s: "
          + ", ".join(f"{k}={v}" for k, v in counts.items()), file=sys.stderr)
    print(f"rows\t{total}\tseconds\t{elapsed:.3f}")
    return 0


def _lines(what: str, ctx, offset: int) -> tuple[list[str], int]:
    if what == "citizens":
        page = citizens.list_citizens(ctx, offset, PAGE)
        return [f"{c.id}\t{c.name}\t{c.cpr_masked}\t{c.city}\t{c.status}" for c in page.rows], page.total
    if what == "companies":
        page = companies.list_companies(ctx, offset, PAGE)
        return [f"{c.id}\t{c.name}\t{c.cvr}\t{c.city}" for c in page.rows], page.total
    page = placements.list_placements(ctx, offset, PAGE)
    return [f"{p.id}\t{p.citizen_name}\t{p.company_name}\t{label(PLACEMENT_TYPES, p.placement_type)}"
            f"\t{fmt_date(p.start_date)}\t{fmt_date(p.end_date or p.planned_end)}" for p in page.rows], page.total


def cmd_list(args: argparse.Namespace) -> int:
    with cli_context() as ctx:
        offset = 0
        while True:
            lines, total = _lines(args.what, ctx, offset)
            for line in lines:
                print(line)
            offset += PAGE
            if offset >= total or not lines:
                break
    return 0
