"""The offline editions (issue #23): the catalogue readable without a network.

:mod:`etalase.offline.zim` packs an edition folder of static pages with relative
links into a ZIM file for Kiwix. Nothing here imports MkDocs.
"""
