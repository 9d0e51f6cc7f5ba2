"""Use cases the windows and the command line call. They take a Context,
open one unit of work, and return plain data objects (never live ORM rows)."""
