"""The newsx benchmark (``make bench``)."""
