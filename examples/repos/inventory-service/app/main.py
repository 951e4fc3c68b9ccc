from datetime import timedelta
from typing import Annotated

import sentry_sdk
import structlog
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from prometheus_client import Counter, make_asgi_app
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import stock
from app.config import get_settings
from app.db import get_session
from app.log import configure_logging
from app.schemas import ItemOut, ReservationIn, ReservationOut, StockAdjustment

settings = get_settings()
configure_logging(settings.log_level)
log = structlog.get_logger()

if settings.sentry_dsn:
    sentry_sdk.init(dsn=settings.sentry_dsn, environment=settings.environment)

DbSession = Annotated[Session, Depends(get_session)]

RESERVATIONS = Counter("inventory_reservations_total", "Reservation attempts", ["outcome"])

app = FastAPI(title="inventory-service", version="0.8.1")
app.mount("/metrics", make_asgi_app())


@app.exception_handler(stock.UnknownSku)
async def unknown_sku(_request: Request, exc: stock.UnknownSku) -> JSONResponse:
    return JSONResponse(status_code=404, content={"detail": str(exc)})


@app.exception_handler(stock.OutOfStock)
async def out_of_stock(_request: Request, exc: stock.OutOfStock) -> JSONResponse:
    RESERVATIONS.labels(outcome="out_of_stock").inc()
    return JSONResponse(
        status_code=409,
        content={"detail": "out of stock", "sku": exc.sku, "available": exc.available},
    )


@app.get("/health")
def health(session: DbSession) -> dict[str, str]:
    session.execute(text("select 1"))
    return {"status": "ok"}


@app.get("/items/{sku}", response_model=ItemOut)
def get_item(sku: str, session: DbSession) -> ItemOut:
    item = stock.get_item(session, sku)
    return ItemOut(
        sku=item.sku,
        name=item.name,
        on_hand=item.on_hand,
        reserved=item.reserved,
        available=item.available,
    )


@app.post("/items/{sku}/adjustments", response_model=ItemOut)
def adjust_item(sku: str, body: StockAdjustment, session: DbSession) -> ItemOut:
    item = stock.adjust(session, sku, body.delta)
    log.info("stock_adjusted", sku=sku, delta=body.delta, on_hand=item.on_hand)
    return get_item(sku, session)


@app.post("/reservations", response_model=ReservationOut, status_code=201)
def create_reservation(body: ReservationIn, session: DbSession):
    ttl = timedelta(minutes=settings.reservation_ttl_minutes)
    reservation = stock.reserve(session, body.sku, body.order_id, body.quantity, ttl)
    RESERVATIONS.labels(outcome="reserved").inc()
    log.info("reserved", sku=body.sku, order_id=body.order_id, quantity=body.quantity)
    return reservation
