"""Settings: production mode passes Django's deployment checks; bad environment values stop start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7#Lq9vR2mT!pW4zK8sN1cF6hJ3bD0gY5eA-uQ_oI+rV@tZ&yX",
        ALLOWED_HOSTS="shouwang.example.edu.cn",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_malformed_boolean_stops_start_up():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_defaults_are_chinese_shanghai_and_timezone_aware(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]


def _database_options(url: str) -> str:
    code = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))"
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_postgresql_connections_turn_jit_off_unless_the_url_says_otherwise():
    # PostgreSQL's JIT compiled the summary's attention query for 127 of its 247 ms; pages run short queries.
    assert "-c jit=off" in _database_options("postgres://u:p@db.example/shouwang")
    assert "-c jit=on" in _database_options("postgres://u:p@db.example/shouwang?options=-c%20jit%3Don")
    assert "jit" not in _database_options("sqlite:////tmp/x.sqlite3")
