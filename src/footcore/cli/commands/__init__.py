"""The ``footcore`` commands, one module per command or group of commands, each with a
``register(app)`` that adds them to the root app (``footcore.cli.app``)."""
