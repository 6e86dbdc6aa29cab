"""Pictures drawn at build time as inline SVG: a timeline of mentions and a network of actors.

Pure functions of their arguments: no JavaScript, no requests, no hard-coded colours (shapes
use `currentColor` and classes the theme's CSS paints), and the same input gives the same bytes.
The shared helpers (svg), the timeline and the network are a module each.
"""

from digest.render.pictures.network import network_svg
from digest.render.pictures.timeline import buckets, timeline_svg

__all__ = ["buckets", "network_svg", "timeline_svg"]
