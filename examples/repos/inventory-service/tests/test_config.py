from app.config import Settings


def test_defaults_point_at_local_postgres(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert settings.reservation_ttl_minutes == 15
    assert settings.sentry_dsn is None


def test_environment_variables_override_defaults(monkeypatch):
    monkeypatch.setenv("RESERVATION_TTL_MINUTES", "5")
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    settings = Settings(_env_file=None)
    assert settings.reservation_ttl_minutes == 5
    assert settings.log_level == "DEBUG"
