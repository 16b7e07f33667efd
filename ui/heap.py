"""Start-up's objects out of the garbage collector's way (``run_gui``, ``bench_gui``)."""

import gc


def settle_heap() -> None:
    """Take what start-up built (Qt wrappers, SQLAlchemy's mappers, every page) out of the
    garbage collector's sight.  A full collection otherwise walks all of it, ~50 ms measured,
    at a moment no one chooses: in the middle of a search or a scroll.  What is frozen stays
    alive for the session, which it does anyway."""
    gc.collect()
    gc.freeze()


def warm_documents() -> None:
    """Import the PDF side (reportlab, the documents' modules, pypdfium2 for the preview) in a
    background thread once the window is up: the first receipt a clerk reprints then takes the
    time of a receipt, not of a second's imports on an office PC."""
    import threading

    def work() -> None:
        import pypdfium2  # noqa: F401 - the preview's renderer

        # imports only (the import lock makes them safe beside the GUI thread); registering
        # the fonts stays with the first document, which owns their subsets
        from wardapp.documents import receipt_pdf  # noqa: F401 - loads the receipt's modules

    threading.Thread(target=work, name="warm-documents", daemon=True).start()
