"""The newsx extractors: spaCy pipeline components, one module per capability.

Importing this package registers the component factories (``newsx_entities_v1`` ...), so that
``nlp.add_pipe("newsx_entities_v1")`` works on any spaCy pipeline.
"""
