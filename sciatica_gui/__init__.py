"""A calm guided exercise-session timer for people with sciatica.

`sciatica_gui.core` holds the content, timeline and session engine and never
imports Qt; `sciatica_gui.qt` adapts them to Qt's event loop; the widgets sit
on top. See the README's architecture section.
"""

APP_NAME = "sciatica-gui"
APP_DISPLAY_NAME = "Sciatica Exercises"
__version__ = "0.1.0"
