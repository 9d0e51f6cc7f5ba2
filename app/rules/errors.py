"""The one validation error type: a Danish message per field."""
from __future__ import annotations

WRONG_KIND = "Værdien har en forkert form for dette felt."


class ValidationError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class Collector:
    """Gathers field errors so a form shows all of them at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(self, field: str, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            self.errors.setdefault(field, next(iter(exc.errors.values())))
            return None
        except (TypeError, AttributeError) as exc:
            # A value of the wrong kind (a number where text belongs, from a
            # file or the command line) is bad input. Text is what every form
            # gives, so failing on a text value is a bug in the validator: it
            # goes on to be logged and shown as an error, not as a field message.
            if args and isinstance(args[0], str):
                raise RuntimeError(f"validator for {field!r} failed: {type(exc).__name__}") from exc
            self.errors.setdefault(field, WRONG_KIND)
            return None
        except (ValueError, OverflowError):
            # int("abc"), a date out of range: the value is wrong, not the program.
            self.errors.setdefault(field, WRONG_KIND)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
