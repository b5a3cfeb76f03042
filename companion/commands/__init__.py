"""The `companion` subcommands, one module per feature.

Each module has `register(commands, common)`, which adds its subcommands with
their handlers. Only the standard library is imported at the top of these
modules; a handler imports what it needs when it runs.
"""
