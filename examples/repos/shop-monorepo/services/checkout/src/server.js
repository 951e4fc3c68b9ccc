const express = require('express');
const pino = require('pino');
const { placeOrder } = require('./checkout');
const { waitForPayments } = require('./paymentsClient');

const log = pino({ base: { service: 'checkout' } });
const app = express();
app.use(express.json());

app.post('/checkout/:cartId', async (req, res, next) => {
  try {
    const order = await placeOrder(req.params.cartId, req.body);
    res.status(201).json(order);
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, next) => {
  log.error({ err, path: req.path }, 'checkout failed');
  res
    .status(err.status || 500)
    .json({ error: err.expose ? err.message : 'checkout failed' });
});

const port = Number(process.env.PORT || 8080);
waitForPayments().then(() => {
  app.listen(port, () => log.info({ port }, 'checkout listening'));
});
