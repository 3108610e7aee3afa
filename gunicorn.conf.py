"""gunicorn settings read from the repository root; command-line options still win."""


def post_worker_init(worker):
    """Say at startup when rate limits cannot be shared by the configured workers."""
    from matcher.ratelimits import warn_if_not_shared

    if worker.age == 1:  # once, from the first worker
        warn_if_not_shared(worker.wsgi, workers=worker.cfg.workers)
