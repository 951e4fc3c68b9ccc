def test_health_checks_the_database(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_metrics_are_exposed(client):
    client.post("/reservations", json={"sku": "MUG-BLUE", "order_id": "o-1", "quantity": 1})
    response = client.get("/metrics/")
    assert response.status_code == 200
    assert "inventory_reservations_total" in response.text
