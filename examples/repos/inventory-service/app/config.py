from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration from environment variables (see README, "Configuration")."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "postgresql+psycopg://inventory:inventory@localhost:5432/inventory"
    log_level: str = "INFO"
    sentry_dsn: str | None = None
    environment: str = "development"
    reservation_ttl_minutes: int = 15


@lru_cache
def get_settings() -> Settings:
    return Settings()
