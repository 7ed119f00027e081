"""A server process loads the URLconfs, the catalogs and the base template before its first request."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
import config.wsgi
from django.template import engines
from django.urls import get_resolver
from django.utils import translation
resolver = get_resolver()
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "views imported": all(name in sys.modules for name in ("children.views", "reports.monthly_views", "pypinyin")),
    "reverse maps": sorted(resolver._reverse_dict),
    "catalogs": sorted(translation.trans_real._translations),
    "base template cached": any("base.html" in str(key) for key in getattr(loader, "get_template_cache", {})),
}))
"""


def test_importing_the_wsgi_module_warms_what_the_first_request_would_load():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    output = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    state = json.loads(output.strip().splitlines()[-1])
    assert state["views imported"]
    assert state["reverse maps"] == ["en", "zh-hans"]
    assert {"en", "zh-hans"} <= set(state["catalogs"])
    assert state["base template cached"]
