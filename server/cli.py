"""`jobcoach-server serve | adduser | passwd | list-devices | revoke-device | new-epoch`.

The database comes from JOBCOACH_SERVER_DATABASE_URL (a SQLAlchemy URL,
e.g. postgresql+psycopg://jobcoach@db.example/jobcoach). Exit codes: 0 ok,
1 failed, 2 bad usage or unknown id.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.database import database_url, make_engine, new_epoch, upgrade_schema


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Adgangskode: ")
        if getpass.getpass("Gentag adgangskode: ") != first:
            raise SystemExit("Fejl: adgangskoderne er ikke ens.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    upgrade_schema(make_engine())  # once, before the workers start
    config = uvicorn.Config("server.api:create_app", factory=True, host=args.host, port=args.port,
                            workers=args.workers, log_level=args.log_level, access_log=False)
    if config.workers > 1:
        # uvicorn binds the workers' shared socket with protocol number 0, so
        # asyncio leaves TCP_NODELAY off on the connections they accept, and
        # every answer on a kept-alive connection then waits ~40 ms for the
        # client's delayed ACK. Set on the listening socket, Linux passes it
        # on to each accepted connection.
        sock = config.bind_socket()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        Multiprocess(config, sockets=[sock]).run()
    else:
        uvicorn.Server(config).run()
    return 0


def _engine():
    engine = make_engine()
    upgrade_schema(engine)
    return engine


def cmd_adduser(args: argparse.Namespace) -> int:
    from server.auth import add_user

    password = _read_password()
    if len(password) < 8:
        print("Fejl: adgangskoden skal være mindst 8 tegn.", file=sys.stderr)
        return 2
    with Session(_engine()) as session, session.begin():
        add_user(session, args.user, args.team, password, args.leader)
    print(f"Bruger {args.user} i team {args.team} er gemt.", file=sys.stderr)
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from server.auth import set_password

    password = _read_password()
    if len(password) < 8:
        print("Fejl: adgangskoden skal være mindst 8 tegn.", file=sys.stderr)
        return 2
    with Session(_engine()) as session, session.begin():
        revoked = set_password(session, args.user, password)
    if revoked is None:
        print(f"Fejl: ukendt bruger {args.user}", file=sys.stderr)
        return 2
    print(f"Adgangskoden for {args.user} er skiftet; {revoked} enhed(er) er spærret og skal logge ind igen.",
          file=sys.stderr)
    return 0


def _when(at) -> str:
    return at.isoformat(sep=" ", timespec="minutes") if at else "-"


def cmd_list_devices(_args: argparse.Namespace) -> int:
    from server.auth import TOKEN_IDLE_LIMIT
    from server.models import Account, Device, utcnow

    print("id\tnavn\tbruger\tteam\toprettet\tsidst set\tstatus")
    with Session(_engine()) as session:
        rows = session.execute(select(Device, Account).join(Account).order_by(Device.created_at)).all()
        for device, account in rows:
            idle = utcnow() - (device.last_seen or device.created_at) > TOKEN_IDLE_LIMIT
            state = "spærret" if device.revoked_at else ("udløbet" if idle else "aktiv")
            print(f"{device.id}\t{device.name}\t{account.username}\t{account.team}\t{_when(device.created_at)}"
                  f"\t{_when(device.last_seen)}\t{state}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from server.auth import revoke

    with Session(_engine()) as session, session.begin():
        if not revoke(session, args.device_id):
            print(f"Fejl: ukendt enhed {args.device_id}", file=sys.stderr)
            return 2
    print(f"Enheden {args.device_id} er spærret.", file=sys.stderr)
    return 0


def cmd_new_epoch(_args: argparse.Namespace) -> int:
    epoch = new_epoch(_engine())
    print(f"Ny epoke {epoch}: alle klienter synkroniserer forfra.", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobcoach-server", description=(
        "Jobcoach synkroniseringsserver. Database: $JOBCOACH_SERVER_DATABASE_URL"))
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start serveren (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="warning")
    serve.set_defaults(func=cmd_serve)
    add = sub.add_parser("adduser", help="opret eller opdatér en bruger (adgangskode fra terminal/stdin)")
    add.add_argument("user")
    add.add_argument("--team", required=True)
    add.add_argument("--leader", action="store_true", help="teamleder")
    add.set_defaults(func=cmd_adduser)
    pwd = sub.add_parser("passwd", help="skift en brugers adgangskode (fra terminal/stdin); "
                         "brugerens enheder spærres")
    pwd.add_argument("user")
    pwd.set_defaults(func=cmd_passwd)
    sub.add_parser("list-devices", help="vis registrerede enheder: navn, bruger, team, oprettet, sidst set"
                   ).set_defaults(func=cmd_list_devices)
    rev = sub.add_parser("revoke-device", help="spær en enhed (fx en mistet bærbar)")
    rev.add_argument("device_id")
    rev.set_defaults(func=cmd_revoke)
    sub.add_parser("new-epoch", help="efter gendannelse fra backup: klienter synkroniserer forfra"
                   ).set_defaults(func=cmd_new_epoch)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 1
    except Exception as exc:
        print(f"Fejl: {type(exc).__name__}: {exc}"[:500], file=sys.stderr)
        print(f"(database: {database_url().split('@')[-1]})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
