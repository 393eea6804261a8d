"""repair layer."""
