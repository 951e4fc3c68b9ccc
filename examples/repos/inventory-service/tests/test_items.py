def test_get_item_shows_availability(client):
    response = client.get("/items/MUG-BLUE")
    assert response.status_code == 200
    assert response.json() == {
        "sku": "MUG-BLUE",
        "name": "Blue mug",
        "on_hand": 10,
        "reserved": 0,
        "available": 10,
    }


def test_unknown_sku_is_404(client):
    response = client.get("/items/NOPE")
    assert response.status_code == 404


def test_goods_receipt_adds_stock(client):
    response = client.post("/items/MUG-BLUE/adjustments", json={"delta": 5})
    assert response.status_code == 200
    assert response.json()["on_hand"] == 15


def test_write_off_cannot_touch_reserved_units(client):
    response = client.post("/items/TEE-M/adjustments", json={"delta": -1})
    assert response.status_code == 409
    assert response.json()["available"] == 0
