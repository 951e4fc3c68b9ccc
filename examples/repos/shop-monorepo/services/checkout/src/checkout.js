const { randomUUID } = require('node:crypto');
const { createPayment } = require('./paymentsClient');

const CART_URL = process.env.CART_URL || 'http://cart.shop.svc';
const INVENTORY_URL =
  process.env.INVENTORY_URL || 'http://inventory-service.inventory.svc';

class CheckoutError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.expose = true;
  }
}

async function getCart(cartId) {
  const res = await fetch(`${CART_URL}/carts/${encodeURIComponent(cartId)}`);
  if (!res.ok) throw new Error(`cart answered ${res.status}`);
  return res.json();
}

async function reserve(orderId, item) {
  const res = await fetch(`${INVENTORY_URL}/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sku: item.sku,
      order_id: orderId,
      quantity: item.quantity,
    }),
  });
  if (res.status === 409)
    throw new CheckoutError(409, `${item.sku} is out of stock`);
  if (!res.ok) throw new Error(`inventory answered ${res.status}`);
}

/** Reserves every line of the cart, then creates the payment for the total. */
async function placeOrder(
  cartId,
  { currency = 'EUR', method = 'card', prices = {} } = {},
) {
  const cart = await getCart(cartId);
  if (cart.items.length === 0)
    throw new CheckoutError(400, 'the cart is empty');

  const orderId = randomUUID();
  for (const item of cart.items) {
    await reserve(orderId, item);
  }
  const amountMinor = cart.items.reduce(
    (sum, item) => sum + (prices[item.sku] ?? 0) * item.quantity,
    0,
  );
  const payment = await createPayment({
    orderId,
    amountMinor,
    currency,
    method,
  });
  return { orderId, payment };
}

module.exports = { placeOrder, CheckoutError };
