"""Run commands inside a private D-Bus session with a real Secret Service
(gnome-keyring-daemon, unlocked with a throwaway password from stdin), as on
a Linux desktop. Every step of one call shares the same session and keyring.
"""
from __future__ import annotations

import secrets
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Wait until the daemon owns the Secret Service name on the bus.
_WAIT_FOR_SERVICE = """
for _ in $(seq 1 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \\
    | grep -q 'boolean true' && break
  sleep 0.1
done
"""


@dataclass(frozen=True)
class Step:
    returncode: int
    stdout: str
    stderr: str


def run_steps(folder: Path, steps: list[list[str]], env: dict[str, str],
              timeout: float = 300) -> tuple[Step, list[Step]]:
    """(the keyring daemon's start, one Step per command) in one session."""
    folder.mkdir(parents=True, exist_ok=True)
    home = folder / "home"
    runtime = folder / "runtime"
    for path in (home, runtime):
        path.mkdir(exist_ok=True)
    runtime.chmod(0o700)
    lines = ["set -u", 'printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock '
             '--components=secrets --daemonize >daemon.out 2>daemon.err; echo $? >daemon.rc',
             "unset KEYRING_PASSWORD", _WAIT_FOR_SERVICE]
    for index, argv in enumerate(steps):
        lines.append(f"{shlex.join(argv)} >out.{index} 2>err.{index} </dev/null; echo $? >rc.{index}")
    script = folder / "session.sh"
    script.write_text("\n".join(lines) + "\n")
    session_env = dict(env, HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
                       XDG_DATA_HOME=str(home / ".local" / "share"),
                       KEYRING_PASSWORD=secrets.token_hex(16))
    subprocess.run(["dbus-run-session", "--", "bash", str(script)], cwd=folder, env=session_env,
                   timeout=timeout, check=False, capture_output=True)
    return _read(folder, "daemon"), [_read(folder, str(i), dotted=True) for i in range(len(steps))]


def _read(folder: Path, name: str, dotted: bool = False) -> Step:
    out, err, rc = ((f"out.{name}", f"err.{name}", f"rc.{name}") if dotted
                    else (f"{name}.out", f"{name}.err", f"{name}.rc"))

    def text(file_name: str) -> str:
        path = folder / file_name
        return path.read_text(errors="replace") if path.exists() else ""

    code = text(rc).strip()
    return Step(int(code) if code else -1, text(out), text(err))
