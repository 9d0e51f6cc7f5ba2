"""The window's login form refuses plain http to another machine at the
address field, as `jobcoach login` does, and names the device as it does."""
from __future__ import annotations

import getpass
import socket

import pytest

from app.rules.errors import ValidationError
from app.sync.login_help import check_fields, default_device_name


def test_plain_http_to_another_machine_is_refused_at_the_address() -> None:
    with pytest.raises(ValidationError) as caught:
        check_fields("http://jobcoach.kommune.dk", "anna", "kode", "Bærbar")
    assert "klartekst" in caught.value.errors["url"]


@pytest.mark.parametrize("url", ["https://jobcoach.kommune.dk", "http://127.0.0.1:8765", "http://localhost:1"])
def test_https_and_this_machine_are_accepted(url: str) -> None:
    assert check_fields(url, "anna", "kode", "Bærbar").url == url


def test_device_name_is_host_and_user() -> None:
    assert default_device_name() == f"{socket.gethostname()} ({getpass.getuser()})"[:100]
