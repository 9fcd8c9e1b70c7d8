"""The content model: schools and their showcase entries, read from ``content/``.

Nothing here knows about MkDocs; ``etalase check`` and the plugin both call
:func:`etalase.content.loader.load_catalogue`.
"""
