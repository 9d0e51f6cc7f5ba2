"""The editors a jobcoach uses in the field: placement, wage agreement,
skånehensyn, progression and the visit (with notes saved as typed)."""
from ui.editors import refcount_guard

refcount_guard.install()  # before any editor runs for long (see refcount_guard.py)
