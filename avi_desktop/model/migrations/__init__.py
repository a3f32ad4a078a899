"""Alembic migrations of the portfolio file, run programmatically when a file is opened."""
