// `npm run demo`: the whole path once, against an embedded DynamoDB-compatible server (dynalite)
// that the demo starts on a free loopback port and stops when it is done.
import { ValidationError, createClient, model } from 'dynamap';
import { startServer } from '../tests/servers/index.js';

const Order = model({
  name: 'Order',
  table: 'orders',
  key: { partition: 'customerId', sort: 'orderId' },
  attributes: {
    customerId: { type: 'string', minLength: 1 },
    orderId: { type: 'string' },
    quantity: { type: 'integer', min: 1, max: 1000 },
    price: { type: 'number', min: 0 },
    paid: { type: 'boolean', default: false },
    status: { type: 'string' },
  },
  indexes: { byStatus: { type: 'global', partition: 'status', sort: 'orderId' } },
});

const show = (label, value) => console.log(`\n${label}\n${JSON.stringify(value, null, 2)}`);

const server = await startServer('dynalite');
try {
  console.log(`dynalite is listening on ${server.endpoint} (pid ${server.pid})`);
  const db = createClient({
    region: 'us-east-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo-secret' }, // the local server accepts any
  });
  const orders = db.model(Order);

  const { tableName } = await db.createTable(Order);
  console.log(`created table ${tableName} with index byStatus`);

  const item = { customerId: 'c-42', orderId: '2024-0001', quantity: 3, price: 19.99, status: 'new' };
  await orders.put(item);
  show('put, then get returns (the default paid: false applied):', await orders.get({ customerId: 'c-42', orderId: '2024-0001' }));

  try {
    await orders.put({ customerId: '', orderId: '2024-0002', quantity: 0, price: -5, status: 'new', coupon: 'X' });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    show(`a bad item is refused before any request, every problem with its path (${error.name}):`, error.errors);
  }

  show('the exact request a put sends (a dry run, no I/O):', Order.plan.put(item));

  await orders.delete({ customerId: 'c-42', orderId: '2024-0001' });
  console.log(`\nafter delete, get returns: ${await orders.get({ customerId: 'c-42', orderId: '2024-0001' })}`);
} finally {
  await server.stop();
  console.log(`\nstopped dynalite (pid ${server.pid})`);
}
