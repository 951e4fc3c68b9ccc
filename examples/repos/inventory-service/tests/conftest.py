import os

# Tests run against SQLite in memory; set before the app reads its settings.
os.environ["DATABASE_URL"] = "sqlite+pysqlite://"

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402
from sqlalchemy.pool import StaticPool  # noqa: E402

from app.db import Base, get_session  # noqa: E402
from app.main import app  # noqa: E402
from app.models import Item  # noqa: E402


@pytest.fixture
def session():
    engine = create_engine(
        "sqlite+pysqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    Base.metadata.create_all(engine)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as s:
        s.add_all(
            [
                Item(sku="MUG-BLUE", name="Blue mug", on_hand=10, reserved=0),
                Item(sku="TEE-M", name="T-shirt M", on_hand=1, reserved=1),
            ]
        )
        s.commit()
        yield s
    engine.dispose()


@pytest.fixture
def client(session: Session):
    app.dependency_overrides[get_session] = lambda: session
    yield TestClient(app)
    app.dependency_overrides.clear()
