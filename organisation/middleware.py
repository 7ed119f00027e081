from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Serve Simplified Chinese unless the user chose another language with the switch.

    The browser's Accept-Language is ignored on purpose: school computers and second-hand phones often
    carry an English system locale, and the people using them read Chinese. The choice made with the
    language switch is kept in the language cookie.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ProductNotFoundMiddleware:
    """With DEBUG on, Django answers a missing page with its English technical page and the URL list. The
    demo runs with DEBUG on and is shown to head teachers, so it answers with the product's own 404 page
    instead; developers who want the technical page set SHOW_TECHNICAL_404=true."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and settings.DEBUG
            and not settings.SHOW_TECHNICAL_404
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return render(request, "404.html", status=404)
        return response


class RejectNulCharactersMiddleware:
    """No person types a NUL character, and PostgreSQL can neither store nor compare one: a query string or
    form carrying one is answered 400 (Django's bad-request page) before it reaches a view or the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for values in sources:
            for key, items in values.lists():
                if "\x00" in key or any("\x00" in item for item in items if isinstance(item, str)):
                    raise SuspiciousOperation("NUL character in the request")
        return self.get_response(request)
