"""The newsx server: domain extractors (``service.extract``), the engine (pipeline worker processes) and the gRPC layer."""
