"""Settings declared in one place, with types and defaults.

Only non-secret values live here (a JSON file in the config folder); keys and
tokens go to the OS keyring through `app.secrets`.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields

from app import paths

log = logging.getLogger(__name__)


@dataclass
class Settings:
    unit_name: str = "Kommunens beskæftigelsesenhed"
    user_name: str = ""
    retention_days: int = 5 * 365
    backup_keep_days: int = 14
    idle_lock_minutes: int = 10  # on by default: a laptop left open shows no notes
    sync_server_url: str = ""
    sync_username: str = ""
    sync_interval_minutes: int = 5
    guide_done: bool = False  # the first-start guide was finished or closed
    # No verify_tls here: certificate checks are switched off per command only
    # (`--no-verify-tls`), never saved; an old file's value is ignored.

    @classmethod
    def load(cls) -> Settings:
        path = paths.settings_file()
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("settings file unreadable; defaults used")
            return cls()
        return cls._from_raw(raw)

    @classmethod
    def _from_raw(cls, raw: dict) -> Settings:
        values = {}
        defaults = cls()
        for field in fields(cls):
            if field.name in raw and isinstance(raw[field.name], type(getattr(defaults, field.name))):
                values[field.name] = raw[field.name]
        return cls(**values)

    def save(self) -> None:
        path = paths.settings_file()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
