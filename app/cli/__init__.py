"""The command line (DESIGN.md): the same services the windows use."""
