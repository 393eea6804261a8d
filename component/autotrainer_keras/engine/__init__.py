"""The engine: runs trainings under watch, then repairs; wires the four layers together."""
