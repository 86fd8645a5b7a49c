"""honkoku: plain-text transcriptions of archival documents -> TEI P5 -> static site."""

__version__ = "0.1.0"
