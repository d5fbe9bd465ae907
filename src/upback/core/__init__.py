"""The pure domain core: no Django, no database, no network.

Everything in here takes plain data in and gives typed, deterministic results out, so it can be
tested in milliseconds and reused by the web app, the REST API and the terminal alike.
"""
