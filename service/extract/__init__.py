"""The newsx extractors: spaCy pipeline components, one module per capability.

Importing this package registers the component factories (``newsx.entities.v1`` ...), so that
``nlp.add_pipe("newsx.entities.v1")`` works on any spaCy pipeline.
"""
