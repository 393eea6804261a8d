"""kfp layer."""
