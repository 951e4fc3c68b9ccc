from datetime import datetime

from pydantic import BaseModel, Field


class ItemOut(BaseModel):
    sku: str
    name: str
    on_hand: int
    reserved: int
    available: int


class StockAdjustment(BaseModel):
    delta: int = Field(description="Units received (positive) or written off (negative)")


class ReservationIn(BaseModel):
    sku: str
    order_id: str = Field(min_length=1, max_length=36)
    quantity: int = Field(gt=0, le=100)


class ReservationOut(BaseModel):
    id: int
    sku: str
    order_id: str
    quantity: int
    expires_at: datetime
