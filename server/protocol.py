"""Request and response shapes of the sync API (pydantic), and the protocol
version the server speaks. Strings are checked so that no input reaches the
database in a form it refuses (a NUL byte, say) — such input is a 422."""
from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, Field, TypeAdapter
from typing_extensions import TypedDict

PROTOCOL_VERSION = 1
MIN_CLIENT_PROTOCOL = 1
PROTOCOL_HEADER = "X-Jobcoach-Protocol"
TOO_OLD = ("Jobcoach på denne computer er for gammel til serveren. "
           "Opdatér programmet, og synkronisér derefter igen.")
OUT_OF_ORDER = ("Ændringerne kom i forkert rækkefølge: pakken før denne er ikke gemt på serveren, "
                "så denne er heller ikke gemt. Synkronisér igen.")
OUT_OF_ORDER_CODE = "out_of_order"
RESYNC = "Serveren er gendannet eller din position er for gammel. Der skal synkroniseres forfra."

Ident = Annotated[str, Field(min_length=1, max_length=36, pattern=r"^[0-9A-Za-z-]+$")]
Entity = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")]
Clean = Annotated[str, Field(max_length=200, pattern=r"^[^\x00-\x1f]*$")]
Stamp = Annotated[str, Field(max_length=60, pattern=r"^[0-9]{15}-[0-9]{5}-[0-9A-Za-z]{1,36}$")]
FieldName = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")]


class Change(BaseModel):
    change_id: Ident
    entity: Entity
    row_id: Ident
    op: Literal["insert", "update", "delete"]
    fields: dict[FieldName, tuple[Any, Any]]
    base_version: int = Field(ge=0, le=2**31 - 1)
    hlc: Stamp


BatchKey = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[0-9A-Za-z_.:-]+$")]


class PushRequest(BaseModel):
    key: BatchKey
    epoch: Ident | None = None
    # The key of the batch this device sent just before this one: this one
    # is applied only after it (409 "out_of_order" if it is not applied in
    # time). Sent by a laptop with several batches in flight.
    after: BatchKey | None = None
    client_ms: int | None = Field(default=None, ge=0, le=10**15 - 1)  # the laptop's clock when sending
    changes: list[Change] = Field(max_length=5000)


# The push body is read into plain dicts, not model objects: a first full
# sync sends 90 MB. PUSH_BODY states the rules (the same as Change /
# PushRequest above, which document them in the OpenAPI spec) and reads any
# body that server.pushbody's quicker check does not accept as it is.
class ChangeBody(TypedDict):
    change_id: Ident
    entity: Entity
    row_id: Ident
    op: Literal["insert", "update", "delete"]
    fields: dict[FieldName, tuple[Any, Any]]
    base_version: Annotated[int, Field(ge=0, le=2**31 - 1)]
    hlc: Stamp


class PushBody(TypedDict):
    key: BatchKey
    epoch: NotRequired[Ident | None]
    after: NotRequired[BatchKey | None]
    client_ms: NotRequired[Annotated[int, Field(ge=0, le=10**15 - 1)] | None]
    changes: Annotated[list[ChangeBody], Field(max_length=5000)]


PUSH_BODY = TypeAdapter(PushBody)


class PushAnswer(BaseModel):
    """The outcome of a pushed batch. `results` holds each change whose
    outcome is not "applied": "merged", "conflict", "duplicate" or "refused".
    A refused change (bad values for its entity's schema, or not this
    device's to make) is not applied and not logged; `refused` gives its
    reason in Danish, for the laptop to show. The rest of the batch applies:
    one bad change never fails the batch (no 4xx/5xx for it)."""

    batch: str
    counts: dict[str, int]
    results: dict[str, str]
    seq: int
    accepted: int  # changes applied, merged, in conflict or duplicate (not refused)
    refused: dict[str, str] = Field(default_factory=dict)  # change_id -> reason
    # This server applies a batch only after the one its `after` names: the
    # laptop may then send the next batch before this one's answer. (An
    # older server ignores `after` and does not say so.)
    ordered: bool = False


class RegisterRequest(BaseModel):
    username: Clean
    password: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")]
    name: Clean = ""


class RegisterAnswer(BaseModel):
    device_id: str
    token: str
    team: str
    username: str
    epoch: str
    leader: bool = False  # a team leader sees the access log on the laptop
    full_name: str = ""  # the coach's profile, for the printed tillægsaftale
    phone: str = ""
    email: str = ""


class PulledRecord(BaseModel):
    id: str
    entity: str
    data: dict[str, Any]
    version: int
    deleted: bool
    seq: int
    created_at: str


class PullAnswer(BaseModel):
    epoch: str
    records: list[PulledRecord]
    cursor: int
    more: bool
    server_ms: int


class Health(BaseModel):
    status: str
    protocol: int
    min_client_protocol: int
