// What the browser tests share: headless Debian Chromium driven by playwright-core, and a static
// file server on 127.0.0.1. playwright-core never downloads a browser; scripts/bootstrap.sh
// --with-browser installs Debian's chromium, which is what runs here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = fileURLToPath(new URL('../..', import.meta.url));

const CHROMIUM = '/usr/bin/chromium';
// The machine's network is closed: without the background-networking flags Chromium keeps trying
// to reach Google's hosts. playwright-core adds --headless and a fresh, temporary --user-data-dir.
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isRunning = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts Chromium and connects to it. close() ends the browser, then checks by pid that the
 * process is gone (and kills it by that pid if not); it resolves to whether it had to.
 */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`bash scripts/bootstrap.sh --with-browser\` (npm test does)`);
  }
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const pid = server.process().pid;
  let browser;
  try {
    browser = await chromium.connect(server.wsEndpoint());
  } catch (error) {
    await server.kill();
    throw error;
  }
  return {
    browser,
    pid,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      if (!isRunning(pid)) return false;
      process.kill(pid, 'SIGKILL');
      return true;
    },
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

/**
 * Serves files of the repository on 127.0.0.1, only under the given mounts ({ '/dist/': 'dist' }:
 * URL prefix -> folder of the repository). Resolves to { origin, served, close() }, where
 * `served` lists every request as { path, status, type }.
 */
export function serveFiles(mounts) {
  const served = [];
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    let status = 404;
    let type;
    let body = 'not found';
    const prefix = Object.keys(mounts).find((p) => pathname.startsWith(p));
    if (prefix !== undefined && req.method === 'GET') {
      const dir = path.join(root, mounts[prefix]);
      const file = path.join(dir, decodeURIComponent(pathname.slice(prefix.length)));
      if (file.startsWith(dir + path.sep)) {
        try {
          body = await readFile(file);
          status = 200;
          type = TYPES[path.extname(file)] ?? 'application/octet-stream';
        } catch {
          // stays 404
        }
      }
    }
    served.push({ path: pathname, status, type });
    res.writeHead(status, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        served,
        close: () => new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        }),
      });
    });
  });
}
