from app.models import Item


def test_reservation_holds_units(client, session):
    response = client.post(
        "/reservations", json={"sku": "MUG-BLUE", "order_id": "order-7", "quantity": 3}
    )
    assert response.status_code == 201
    assert response.json()["quantity"] == 3
    assert session.get(Item, "MUG-BLUE").available == 7


def test_cannot_reserve_more_than_available(client):
    response = client.post(
        "/reservations", json={"sku": "MUG-BLUE", "order_id": "order-8", "quantity": 11}
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "out of stock", "sku": "MUG-BLUE", "available": 10}


def test_quantity_must_be_positive(client):
    response = client.post(
        "/reservations", json={"sku": "MUG-BLUE", "order_id": "order-9", "quantity": 0}
    )
    assert response.status_code == 422
