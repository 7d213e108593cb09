"""learnlog: a reflective learning log for social-services practitioners working towards SSSC Open Badges."""

__version__ = "0.1.0"
