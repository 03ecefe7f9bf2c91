"""Widgets: they draw what the session driver reports and send it commands.

Nothing here keeps time: every number on screen is read from the engine's
status when a driver signal arrives.
"""
