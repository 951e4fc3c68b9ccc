from datetime import UTC, datetime, timedelta

import pytest

from app import stock
from app.models import Item

TTL = timedelta(minutes=15)


def test_reserve_then_expire_returns_units(session):
    stock.reserve(session, "MUG-BLUE", "order-10", 4, ttl=TTL)
    assert session.get(Item, "MUG-BLUE").available == 6

    released = stock.release_expired(session, now=datetime.now(UTC) + timedelta(minutes=16))

    assert released == 1
    assert session.get(Item, "MUG-BLUE").available == 10


def test_live_reservations_are_kept(session):
    stock.reserve(session, "MUG-BLUE", "order-11", 2, ttl=TTL)

    assert stock.release_expired(session, now=datetime.now(UTC)) == 0
    assert session.get(Item, "MUG-BLUE").reserved == 2


def test_reserving_an_unknown_sku_fails(session):
    with pytest.raises(stock.UnknownSku):
        stock.reserve(session, "NOPE", "order-12", 1, ttl=TTL)


def test_out_of_stock_reports_what_is_left(session):
    with pytest.raises(stock.OutOfStock) as error:
        stock.reserve(session, "TEE-M", "order-13", 1, ttl=TTL)
    assert error.value.available == 0
