"""AVI Desktop: offline assessment of AI initiatives against the AI Value Alignment framework."""

__version__ = "0.1.0"
APP_NAME = "AVI Desktop"
PORTFOLIO_SUFFIX = ".avip"
