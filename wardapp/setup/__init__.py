"""Creating an office database and changing its details, and the demo year.

High in the layers: it uses the catalogue, the indicators and the dossiers."""
