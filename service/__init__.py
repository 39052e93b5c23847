"""The newsx server: domain extractors (``service.extract``), the analyzer and the gRPC layer."""
