"""Web views, one module per feature; each module also holds that feature's `urlpatterns`."""
