"""ReportLab briefings built from model results and charts. No Qt."""
