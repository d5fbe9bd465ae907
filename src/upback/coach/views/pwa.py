"""upback as an installable web app: the manifest, the service worker and the offline page.

The service worker (`coach/pwa/sw.js`, served from the site root so its scope is the whole site)
keeps the static shell and the offline page, keeps the pages a person opened recently (library,
player, breaks, Today, Plan) for when the network is gone, and queues the few records that are safe
to replay later (a break taken, an item done) until the person is back online. Its rules on
safety and privacy are in the script itself; this module only hands it its configuration: the
addresses it works with and a version that changes whenever a file it keeps changes, so browsers
pick up the new shell.

All three are reachable without logging in: a browser fetches the manifest and the worker on any
page, the login page included, and the offline page is kept at install time.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

NAME = "upback — upper back coach"
SHORT_NAME = "upback"
DESCRIPTION = (
    "A self-care coach for upper back pain: a short daily routine, movement breaks at the desk, "
    "and a clear view of whether it is working."
)
# From static/coach/upback.css: the accent (--accent) and the page background (--bg).
THEME_COLOR = "#0d6b5e"
BACKGROUND_COLOR = "#f7f8f6"

APP_STATIC = Path(__file__).resolve().parents[1] / "static"
ICONS: tuple[dict[str, str], ...] = (
    {"src": "coach/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "coach/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {
        "src": "coach/icons/icon-maskable-512.png",
        "sizes": "512x512",
        "type": "image/png",
        "purpose": "maskable",
    },
    {"src": "coach/icons/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
)
MAX_PAGES = 60


def _shell_files() -> list[str]:
    """The static files every page may need offline: our stylesheets and scripts, htmx, icons.

    Listed from the folder rather than by hand, so a page added later is kept offline too.
    """
    coach = APP_STATIC / "coach"
    names = [p for p in coach.iterdir() if p.suffix in (".css", ".js") and p.is_file()]
    names += [coach / "vendor" / "htmx.min.js"]
    names += [p for p in (coach / "icons").iterdir() if p.suffix in (".png", ".svg")]
    return sorted(p.relative_to(APP_STATIC).as_posix() for p in names)


def _signature(files: list[str]) -> tuple[tuple[str, int, int], ...]:
    stats = ((name, (APP_STATIC / name).stat()) for name in files)
    return tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)


@lru_cache(maxsize=4)
def _version(signature: tuple[tuple[str, int, int], ...], template: str) -> str:
    """A short hash of the kept files and the worker itself: a new one makes browsers update."""
    digest = hashlib.sha256(template.encode())
    for name, _mtime, _size in signature:
        digest.update(name.encode())
        digest.update((APP_STATIC / name).read_bytes())
    return digest.hexdigest()[:12]


def _prefix(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def worker_config() -> dict[str, Any]:
    """What the service worker needs to know, built from the URL names rather than spelled out."""
    root = reverse("home")
    player = _prefix("player", 0).removesuffix("0/")  # "/session/"
    files = _shell_files()
    shell = [static(name) for name in files]
    return {
        "shell": shell,
        "records": static("coach/sw-records.js"),  # the worker's second half, imported
        "offline": reverse("offline"),
        "static": static("coach/"),
        "login": reverse("login"),
        "logout": reverse("logout"),
        "stop": reverse("stop"),
        # Where the server sends a record it will not take while exercise is on hold.
        "refusals": [reverse("stop"), reverse("screen_start")],
        "maxPages": MAX_PAGES,
        # Pages kept for offline use: network first, the kept copy when the network fails.
        "pages": [
            f"^{root}today/$",
            f"^{root}plan/$",
            f"^{root}library/",
            f"^{root}advice/",
            f"^{root}breaks/",
            f"^{player}\\d+/$",
        ],
        # Exercise pictures, kept like pages and forgotten whenever the care state changes.
        "pictures": [f"^{root}library/[^/]+/(moving|steps)\\.svg$"],
        # Pages that show exercise: never served from the cache while the person is stopped.
        "exercise": [f"^{root}library/", f"^{root}breaks/routine/", f"^{player}\\d+/$"],
        # Never kept, whatever else is said: the account, data, reports, sign-in and admin.
        "never": [
            f"^{root}account",
            f"^{root}data",
            f"^{root}report",
            f"^{root}login",
            f"^{root}logout",
            f"^{root}signup",
            f"^{root}admin",
            f"^{root}password",
        ],
        # Records that may wait for the network: both endpoints are idempotent.
        "queue": [f"^{root}breaks/record/$", f"^{player}\\d+/item/\\d+/$"],
    }


@login_not_required
@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "id": reverse("today"),
        "name": NAME,
        "short_name": SHORT_NAME,
        "description": DESCRIPTION,
        "lang": "en",
        "dir": "ltr",
        "start_url": reverse("today"),
        "scope": reverse("home"),
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "categories": ["health", "fitness", "medical"],
        "icons": [{**icon, "src": static(icon["src"])} for icon in ICONS],
    }
    response = JsonResponse(body, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_not_required
@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    config = worker_config()
    template = render_to_string("coach/pwa/sw.js", {"config": "{}", "version": ""})
    config["version"] = _version(_signature(_shell_files()), template)
    # The configuration is JSON from our own URL names; it is JavaScript here, not HTML.
    script = render_to_string(
        "coach/pwa/sw.js", {"config": mark_safe(json.dumps(config, indent=2))}
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    # Browsers must always ask whether the worker changed, or an old shell lingers for a day.
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "coach/pwa/offline.html")


urlpatterns = [
    path("manifest.webmanifest", manifest, name="manifest"),
    path("sw.js", service_worker, name="service_worker"),
    path("offline/", offline, name="offline"),
]
