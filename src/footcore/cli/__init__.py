"""The ``footcore`` command line: thin commands over services and the domain."""
