"""`collectstatic` gathers what pages load and nothing else: no source maps, no ECharts builds no page uses."""

from pathlib import Path

import pytest
from django.core.management import call_command

# Everything collected, Django admin's files included, was 170 MB before only the files pages use were listed.
SIZE_BOUND = 8 * 1024 * 1024


@pytest.fixture
def collected(settings, tmp_path) -> Path:
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.staticfiles.StaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_collectstatic_copies_a_few_megabytes_not_node_modules(collected):
    size = sum(f.stat().st_size for f in collected.rglob("*") if f.is_file())
    assert size < SIZE_BOUND, f"{size / 1024 / 1024:.1f} MB collected"


def test_no_source_maps_nor_unused_echarts_builds_are_collected(collected):
    names = [f.relative_to(collected).as_posix() for f in collected.rglob("*") if f.is_file()]
    assert not [n for n in names if n.endswith(".map") or ".map." in n]
    echarts = sorted(n for n in names if "echarts" in n)
    assert not [n for n in echarts if "esm" in n or "common" in n or "simple" in n or n.endswith(".mjs")]
    assert any(n.startswith("vendor/echarts/echarts.min.") and n.endswith(".js") for n in echarts)


def test_every_file_a_template_loads_is_collected_and_hashed(collected):
    manifest = (collected / "staticfiles.json").read_text()
    for name in (
        "css/shouwang.min.css",
        "vendor/bootstrap/js/bootstrap.min.js",
        "vendor/echarts/echarts.min.js",
        "reports/dashboard.js",
    ):
        assert f'"{name}"' in manifest
