"""The MkDocs-facing layer: thin event handlers over the content model."""
