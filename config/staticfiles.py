"""Which front-end files `collectstatic` gathers from outside static/: exactly the ones the templates load.

node_modules holds Bootstrap's and ECharts' every build (source maps, ESM and CommonJS copies, 140 MB of
ECharts alone); pointing STATICFILES_DIRS at their dist/ folders copied all of it. VendorFinder knows each
served name and the one file behind it, so a page can only load what is listed here and nothing else is copied.
"""

from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

BASE_DIR = Path(__file__).resolve().parent.parent
# What set-up builds (`npm run build`, see package.json): never committed.
BUILD = BASE_DIR / "build"

VENDOR_FILES = {
    # The one stylesheet: only the Bootstrap rules the pages use (PurgeCSS over the templates and code:
    # purgecss.config.js), then ours (assets/css/pages.css).
    "css/shouwang.min.css": BUILD / "shouwang.min.css",
    # Only collapse, dropdown and alert, the components the pages use (assets/bootstrap.js).
    "vendor/bootstrap/js/bootstrap.min.js": BUILD / "bootstrap.min.js",
    # Only the charts, components and renderer the dashboards use, with the Chinese locale (assets/echarts.js).
    "vendor/echarts/echarts.min.js": BUILD / "echarts.min.js",
    # The phone's outbox and the service worker's page script (assets/offline/); the worker itself is /sw.js.
    "offline/offline.js": BUILD / "offline.js",
}


class VendorFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storages = {}
        for name, source in VENDOR_FILES.items():
            storage = FileSystemStorage(location=source.parent)
            storage.prefix = str(Path(name).parent)
            self.storages[name] = storage

    def check(self, **kwargs):
        return [
            Error(f"{source} is missing: run `make setup` (npm ci, npm run build).", id="shouwang.E001")
            for source in VENDOR_FILES.values()
            if not source.is_file()
        ]

    def find(self, path, find_all=False, **kwargs):
        source = VENDOR_FILES.get(path)
        found = str(source) if source and source.is_file() else None
        if find_all:
            return [found] if found else []
        return found

    def list(self, ignore_patterns):
        for name, source in VENDOR_FILES.items():
            if source.is_file():
                yield source.name, self.storages[name]


def _without_source_maps(patterns):
    return tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in (p if isinstance(p, str) else p[0])))
        for extension, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, pre-compressed files, without following `sourceMappingURL` comments.

    The vendor files name their .map files, which are not collected (no page needs them; only a browser's
    developer tools ask, and get a 404). Django's manifest storage would otherwise refuse the missing file.
    """

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
