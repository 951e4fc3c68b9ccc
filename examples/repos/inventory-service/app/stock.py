from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Item, Reservation


class UnknownSku(Exception):
    def __init__(self, sku: str):
        super().__init__(f"unknown sku {sku}")
        self.sku = sku


class OutOfStock(Exception):
    def __init__(self, sku: str, requested: int, available: int):
        super().__init__(f"{sku}: requested {requested}, available {available}")
        self.sku = sku
        self.requested = requested
        self.available = available


def get_item(session: Session, sku: str) -> Item:
    item = session.get(Item, sku)
    if item is None:
        raise UnknownSku(sku)
    return item


def adjust(session: Session, sku: str, delta: int) -> Item:
    """Applies a goods receipt (+) or a write-off (-); stock never goes below what is reserved."""
    item = session.get(Item, sku, with_for_update=True)
    if item is None:
        raise UnknownSku(sku)
    if item.on_hand + delta < item.reserved:
        raise OutOfStock(sku, -delta, item.available)
    item.on_hand += delta
    session.commit()
    return item


def reserve(
    session: Session, sku: str, order_id: str, quantity: int, ttl: timedelta
) -> Reservation:
    """Holds units for an order until checkout completes or the reservation expires."""
    item = session.get(Item, sku, with_for_update=True)
    if item is None:
        raise UnknownSku(sku)
    if item.available < quantity:
        raise OutOfStock(sku, quantity, item.available)
    item.reserved += quantity
    reservation = Reservation(
        sku=sku, order_id=order_id, quantity=quantity, expires_at=datetime.now(UTC) + ttl
    )
    session.add(reservation)
    session.commit()
    return reservation


def release_expired(session: Session, now: datetime | None = None) -> int:
    """Returns the units of expired reservations to stock."""
    now = now or datetime.now(UTC)
    expired = session.scalars(select(Reservation).where(Reservation.expires_at <= now)).all()
    for reservation in expired:
        item = session.get(Item, reservation.sku, with_for_update=True)
        if item is not None:
            item.reserved -= reservation.quantity
        session.delete(reservation)
    session.commit()
    return len(expired)
