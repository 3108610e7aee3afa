"""gunicorn settings read from the repository root; command-line options still win."""

import gc

# The application (Flask, scikit-learn, OR-Tools, the PDF and spreadsheet writers: about
# 220 MB) is loaded once, before the workers are forked, so they share its pages instead of
# each importing its own copy. New code needs a restart: a HUP reloads workers, not modules.
preload_app = True


def pre_fork(server, worker):
    """Move what the master has loaded out of the collector's reach: a collection in a worker
    would otherwise write to those objects and copy their pages (Python's `gc.freeze`)."""
    gc.freeze()


def post_worker_init(worker):
    """Drop database connections inherited from the master; say at startup when rate limits
    cannot be shared by the configured workers."""
    from matcher.db import forget_inherited_connections
    from matcher.ratelimits import warn_if_not_shared

    forget_inherited_connections(worker.wsgi)
    if worker.age == 1:  # once, from the first worker
        warn_if_not_shared(worker.wsgi, workers=worker.cfg.workers)
