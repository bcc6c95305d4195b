"""The JSON API under ``/api/v1`` (plus ``/healthz``)."""
