"""Adapters for files and formats: reading input files, and later calendars, PDF, FHIR, runs."""
