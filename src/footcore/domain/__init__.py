"""The pure domain of footcore: standard library only (a test enforces it)."""
