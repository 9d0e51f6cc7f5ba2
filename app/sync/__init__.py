"""The sync client: push the outbox, pull the team's changes, keep conflicts.

No Qt here; the Synkronisering view and `jobcoach sync` both call
`app.sync.client.sync_round`.
"""
