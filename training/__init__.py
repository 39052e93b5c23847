"""``make train``: reproducible training of newsx's small learned components on public data (CPU)."""
