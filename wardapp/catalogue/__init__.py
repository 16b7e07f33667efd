"""The procedure catalogue (danh mục TTHC): versions by effective date, edits, stops, imports."""
