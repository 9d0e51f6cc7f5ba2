"""Passphrase mode: rules for a new passphrase typed twice with its strength
shown, a wrong passphrase that lets the user try again, and a store whose
keyring is gone told as exactly that."""
from __future__ import annotations

import pytest

from app import passphrase, paths
from app.rules.errors import ValidationError
from app.store import open_store, store_key
from tests.ui.day.conftest import shoot
from ui.passphrase_dialog import PassphraseDialog

GOOD = "hest ko får gris"


@pytest.mark.parametrize("text", ["abc", "aaaaaaaaaaaaaaaa", "kort"])
def test_weak_passphrases_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        passphrase.check_new(text, text)
    assert "passphrase" in caught.value.errors


@pytest.mark.parametrize("text", [GOOD, "Sommer2026!!x", "correct horse battery staple"])
def test_long_or_four_word_passphrases_pass(text):
    passphrase.check_new(text, text)


def test_strength_grows_with_length_and_variety():
    assert passphrase.strength("abc") < passphrase.strength("abcdefgh") < passphrase.strength(
        "Blå bil, gul hest & 7 kager")


def test_new_passphrase_must_be_typed_twice_and_shows_strength(qtbot):
    dialog = PassphraseDialog(new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("abc")
    assert dialog.strength.text() == "Styrke: meget svag"
    assert not dialog.try_accept()
    assert "mindst 12 tegn eller 4 ord" in dialog.form.errors.message("passphrase")
    dialog.passphrase.setText(GOOD)
    dialog.repeated.setText(GOOD + "x")
    assert not dialog.try_accept()
    assert "ikke ens" in dialog.form.errors.message("repeated")
    shoot(dialog, "passphrase_new")
    dialog.repeated.setText(GOOD)
    assert dialog.try_accept() and dialog.key == store_key(GOOD)


def test_wrong_passphrase_says_so_and_allows_another_try(qtbot):
    opened = open_store(key=store_key(GOOD))
    opened.store.close()
    assert passphrase.key_state() is passphrase.StoreKeyState.PASSPHRASE
    dialog = PassphraseDialog(new=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("hest ko får grise")
    assert not dialog.try_accept() and dialog.isVisible()
    assert dialog.form.errors.message("passphrase") == "Forkert adgangsfrase. Prøv igen."
    shoot(dialog, "passphrase_wrong")
    dialog.passphrase.setText(GOOD)
    assert dialog.try_accept() and dialog.key == store_key(GOOD)


def test_store_whose_keyring_is_gone_is_named_as_such(ctx):
    assert paths.store_path().exists() and not paths.passphrase_salt_file().exists()
    assert passphrase.key_state() is passphrase.StoreKeyState.KEYRING_GONE
    assert "nøglering" in passphrase.KEYRING_GONE and "adgangsfrase" in passphrase.KEYRING_GONE
