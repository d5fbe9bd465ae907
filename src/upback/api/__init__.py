"""The REST API (`/api/v1`), built with django-ninja: thin endpoints over the same services and
selectors as the web and the terminal."""
