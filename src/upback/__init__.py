"""upback: a self-care coach for upper back pain."""

__version__ = "0.1.0"
