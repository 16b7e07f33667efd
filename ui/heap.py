"""Start-up's objects out of the garbage collector's way (``run_gui``, ``bench_gui``)."""

import gc


def settle_heap() -> None:
    """Take what start-up built (Qt wrappers, SQLAlchemy's mappers, every page) out of the
    garbage collector's sight.  A full collection otherwise walks all of it, ~50 ms measured,
    at a moment no one chooses: in the middle of a search or a scroll.  What is frozen stays
    alive for the session, which it does anyway."""
    gc.collect()
    gc.freeze()
