// `npm run playground`: serves the playground page (playground/) and the browser bundle it
// imports (dist/) on 127.0.0.1, and prints the address. Static files only: the page does the
// rest in the browser. `npm run playground` builds dist/ first, through scripts/bootstrap.sh.
//   node scripts/playground.mjs [--port N]     default 4321; 0, or a taken port, picks a free one
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MOUNTS = { '/playground/': 'playground', '/dist/': 'dist' };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

async function respond(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/' || pathname === '/playground') {
    res.writeHead(302, { location: '/playground/' }).end();
    return;
  }
  const prefix = Object.keys(MOUNTS).find((p) => pathname.startsWith(p));
  if (prefix !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
    const dir = path.join(root, MOUNTS[prefix]);
    const file = path.join(dir, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html');
    if (file.startsWith(dir + path.sep)) {
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      } catch {
        // not found
      }
    }
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

const portArg = process.argv.indexOf('--port');
const wanted = portArg === -1 ? 4321 : Number(process.argv[portArg + 1]);
if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
  console.error('usage: node scripts/playground.mjs [--port N]');
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist/dynamap.browser.js'))) {
  console.error('dist/dynamap.browser.js is missing: `npm run playground` builds it first');
  process.exit(1);
}

const server = http.createServer((req, res) => {
  respond(req, res).catch(() => res.writeHead(500).end());
});
const port = await listen(server, wanted).catch((error) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`port ${wanted} is taken: using a free one`);
  return listen(server, 0);
});
console.log(`dynamap playground: http://127.0.0.1:${port}/playground/  (Ctrl+C stops it)`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
