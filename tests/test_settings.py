"""Settings: production mode passes Django's deployment checks; bad environment values stop start-up."""

import ast
import os
import sqlite3
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


def test_in_sqlites_shared_cache_a_reader_does_not_make_a_background_write_to_its_table_fail():
    # The tests' in-memory database is in shared-cache mode, where SQLite locks whole tables between connections
    # and fails at once ("database table is locked") instead of waiting: a progress page reading an import made
    # the import task's own update fail (CI, 2026-12-02). With the settings' init_command readers take no lock.
    init_command = ast.literal_eval(_database_options("sqlite:////tmp/x.sqlite3"))["init_command"]
    uri = f"file:shared_cache_{os.getpid()}?mode=memory&cache=shared"
    reader, writer = (sqlite3.connect(uri, uri=True, isolation_level=None) for _ in range(2))
    try:
        for conn in (reader, writer):
            for statement in filter(None, (s.strip() for s in init_command.split(";"))):
                conn.execute(statement)
        reader.execute("CREATE TABLE progress (id INTEGER PRIMARY KEY, done INTEGER)")
        reader.executemany("INSERT INTO progress VALUES (?, 0)", [(i,) for i in range(10)])
        page = reader.execute("SELECT id, done FROM progress")
        page.fetchone()  # a page in the middle of reading the table
        writer.execute("UPDATE progress SET done = 1 WHERE id = 5")
        assert writer.execute("SELECT done FROM progress WHERE id = 5").fetchone() == (1,)
    finally:
        reader.close()
        writer.close()
