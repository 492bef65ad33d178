"""The read side over a Store: `timeline`, `stats`, `export` (and `facts`).

Import from the modules (`from sitrep.query.timeline import timeline`): the package does not
re-export, because a function named like its module would shadow the module here.
"""
