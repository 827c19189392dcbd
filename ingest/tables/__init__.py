"""Structured sources: tables (xlsx, csv/tsv, ods, json, HTML tables) become typed records, one per row."""
