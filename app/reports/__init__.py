"""The team leader's figures: pure computation over a snapshot of the store
(no Qt), with CSV and PDF export. `app.services.reports` is the entry point."""
