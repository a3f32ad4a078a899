"""matplotlib figures built from model results, for the window and for PDFs alike. No Qt."""
