"""Security headers on every response: a CSP without inline script, no framing, no sniffing; and
nothing but the static files may be kept by a browser or a proxy (``Cache-Control: no-store``):
consoles, team plans, reports and API answers are private, and every form carries a token."""

from flask import Flask, request

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' https:",
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


#: Endpoints whose answers may be cached: files that are the same for everyone.
CACHEABLE = {"static", "plugin_static", "teamplan.static", "live_pages.media"}


def init_app(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        if request.endpoint not in CACHEABLE:
            response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin: no address leaves the site, and behind HTTPS the forms still pass
        # Flask-WTF's check that a post comes from this site (it needs the Referer).
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
