"""The editors a jobcoach uses in the field: placement, wage agreement,
skånehensyn, progression and the visit (with notes saved as typed)."""
