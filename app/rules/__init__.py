"""Pure rules from DESIGN.md: checks on what is typed and rules of the work."""
from app.rules.errors import ValidationError

__all__ = ["ValidationError"]
