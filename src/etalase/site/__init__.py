"""The public catalogue, MkDocs-free: page specs, views, sanitizing, feed and search index."""
