const PAYMENTS_URL =
  process.env.PAYMENTS_URL || 'http://payments-api.payments.svc';

/** Blocks start-up until payments-api answers, so the first orders do not fail. */
async function waitForPayments(attempts = 30) {
  for (let i = 1; i <= attempts; i++) {
    try {
      const res = await fetch(`${PAYMENTS_URL}/healthz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`payments-api did not answer at ${PAYMENTS_URL}`);
}

async function createPayment({ orderId, amountMinor, currency, method }) {
  const res = await fetch(`${PAYMENTS_URL}/v1/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': orderId },
    body: JSON.stringify({ orderId, amountMinor, currency, method }),
  });
  if (!res.ok) throw new Error(`payments-api answered ${res.status}`);
  return res.json();
}

module.exports = { waitForPayments, createPayment };
