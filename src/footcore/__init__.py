"""footcore: foot-and-ankle training for runners."""

__version__ = "0.1.0"
