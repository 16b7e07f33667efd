"""One package per database engine; ``db.backend`` picks one by the engine's dialect."""
