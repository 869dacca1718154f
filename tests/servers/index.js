// Real DynamoDB-compatible servers for tests, started on a free loopback port
// by the test run itself and stopped by pid.
//
//   const srv = await startServer('dynalite');   // or 'dynamodb-local'
//   ... point a client at srv.endpoint (any credentials, any region) ...
//   await srv.stop();
//
// Both servers reject requests without an `Authorization` header (they never
// check the signature), and dynalite also wants `X-Amz-Date` (or `Date`).
// See DUMMY_AUTH_HEADERS.

import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_NAMES = ['dynalite', 'dynamodb-local'];

const FETCH_SCRIPT = fileURLToPath(new URL('../../scripts/fetch-dynamodb-local.sh', import.meta.url));
const DEFAULT_TIMEOUT_MS = { dynalite: 20_000, 'dynamodb-local': 60_000 };
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** Headers that make a raw, unsigned request acceptable to both servers. */
export const DUMMY_AUTH_HEADERS = Object.freeze({
  'x-amz-date': '20240101T000000Z',
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/dynamodb/aws4_request, ' +
    'SignedHeaders=content-type;host;x-amz-date;x-amz-target, ' +
    'Signature=0000000000000000000000000000000000000000000000000000000000000000',
});

// ---------------------------------------------------------------------------
// Children still running: killed on process exit (and on a fatal signal), so
// that a crashed or interrupted test never leaves a server behind.

const live = new Set();
let hooksInstalled = false;

function killAllLive(signal) {
  for (const child of live) {
    try { process.kill(child.pid, signal); } catch { /* already gone */ }
    child.removeCwd?.();
  }
}

function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => killAllLive('SIGKILL'));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      killAllLive('SIGKILL');
      // Keep the default behaviour (die by that signal) unless someone else
      // also handles it.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

// ---------------------------------------------------------------------------
// Helpers

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

let emulatorDirPromise;

/**
 * Directory holding DynamoDBLocal.jar and DynamoDBLocal_lib/: $DYNAMODB_LOCAL_DIR,
 * or whatever scripts/fetch-dynamodb-local.sh prints on its last stdout line
 * (it downloads into a cache outside the tree on first use, and installs Java
 * if missing).
 */
export function dynamoDBLocalDir() {
  emulatorDirPromise ??= (async () => {
    let dir = process.env.DYNAMODB_LOCAL_DIR;
    if (!dir) {
      const stdout = await new Promise((resolve, reject) => {
        execFile('bash', [FETCH_SCRIPT], { maxBuffer: 16 * 1024 * 1024 }, (err, out, errOut) => {
          if (err) {
            err.message += `\n${FETCH_SCRIPT} failed:\n${String(errOut).slice(-OUTPUT_TAIL_CHARS)}`;
            reject(err);
          } else {
            resolve(String(out));
          }
        });
      });
      dir = stdout.trimEnd().split('\n').pop().trim();
    }
    if (!existsSync(path.join(dir, 'DynamoDBLocal.jar'))) {
      throw new Error(`no DynamoDBLocal.jar in ${JSON.stringify(dir)}`);
    }
    return dir;
  })();
  // Do not cache a failure: a later call may succeed.
  emulatorDirPromise.catch(() => { emulatorDirPromise = undefined; });
  return emulatorDirPromise;
}

function dynaliteCli() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('dynalite/package.json')), 'cli.js');
}

/** Inodes of TCP sockets listening on `port` (Linux /proc), or null if unknown. */
function listeningInodes(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set();
  let readAny = false;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try { text = readFileSync(file, 'utf8'); } catch { continue; }
    readAny = true;
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] = local address "HEXADDR:HEXPORT", f[3] = state (0A = LISTEN), f[9] = inode
      if (f.length > 9 && f[3] === '0A' && f[1].endsWith(`:${hexPort}`)) inodes.add(f[9]);
    }
  }
  return readAny ? inodes : null;
}

/**
 * Whether the process `pid` owns the socket listening on `port`. Guards
 * against talking to some other server that grabbed the port after we picked
 * it. Where /proc is not available this cannot be checked and returns true.
 */
function ownsListeningPort(pid, port) {
  const inodes = listeningInodes(port);
  if (inodes === null) return true;
  if (inodes.size === 0) return false;
  let fds;
  try { fds = readdirSync(`/proc/${pid}/fd`); } catch { return !existsSync('/proc/self/fd'); }
  for (const fd of fds) {
    let link;
    try { link = readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { continue; }
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m && inodes.has(m[1])) return true;
  }
  return false;
}

/** Any HTTP response to a ListTables POST counts as "up". */
async function answersHttp(endpoint) {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        ...DUMMY_AUTH_HEADERS,
      },
      body: '{}',
      signal: AbortSignal.timeout(2_000),
    });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class PortInUseError extends Error {}

const PORT_IN_USE_RE = /EADDRINUSE|Address already in use|BindException|Failed to bind/;

// ---------------------------------------------------------------------------
// Launching

/**
 * Spawn one server on `port` and wait until it answers HTTP.
 * Rejects with PortInUseError when the port turned out to be taken.
 */
async function launch({ name, build, port, timeoutMs }) {
  const endpoint = `http://127.0.0.1:${port}`;
  // Own scratch directory, used as cwd (DynamoDB Local drops
  // dynamodb-local-metadata.json there) and as the JVM's temp dir (sqlite4java
  // copies its native library there); removed once the child has exited.
  const cwd = mkdtempSync(path.join(tmpdir(), `dynamap-${name}-`));
  const removeCwd = () => rmSync(cwd, { recursive: true, force: true });
  let child, command;
  try {
    let args, env;
    ({ command, args, env } = build(port, cwd));
    child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    removeCwd();
    throw err;
  }

  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      live.delete(child);
      removeCwd();
      resolve(exitInfo);
    });
  });
  let spawnError = null;
  child.once('error', (err) => { spawnError = err; });

  if (child.pid !== undefined) {
    child.removeCwd = removeCwd;
    live.add(child);
    installHooks();
  } else {
    removeCwd();
  }
  // A server nobody stopped must not keep the test process alive; the exit
  // hook kills it. stop() takes a reference again while it waits.
  child.unref();
  child.stdout.unref?.();
  child.stderr.unref?.();

  const killNow = async () => {
    if (exitInfo || child.pid === undefined) return;
    child.ref();
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
    await exited;
  };

  const fail = async (why, ErrorClass = Error) => {
    await killNow();
    const tail = output.trim() ? `\n--- ${name} output (tail) ---\n${output.trimEnd()}` : '';
    throw new ErrorClass(`${name} on port ${port}: ${why}${tail}`);
  };

  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    await sleep(exitInfo || spawnError ? 0 : 100);
    if (spawnError) return fail(`could not spawn ${command}: ${spawnError.message}`);
    if (PORT_IN_USE_RE.test(output)) return fail('port already in use', PortInUseError);
    if (exitInfo) {
      return fail(`exited before it was ready (code ${exitInfo.code}, signal ${exitInfo.signal})`);
    }
    if ((await answersHttp(endpoint)) && !exitInfo && ownsListeningPort(child.pid, port)) break;
    if (Date.now() > deadline) return fail(`not answering HTTP after ${timeoutMs} ms`);
  }

  const pid = child.pid;
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (exitInfo) return;
      child.ref();
      try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
      let timer;
      const graceOver = new Promise((r) => { timer = setTimeout(r, STOP_GRACE_MS, 'timeout'); });
      const first = await Promise.race([exited, graceOver]);
      clearTimeout(timer);
      if (first === 'timeout') {
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
        await exited;
      }
    })();
    return stopping;
  };

  return { name, endpoint, port, pid, startupMs: Date.now() - started, stop };
}

/** Pick a port and launch; once more with a new port if it was taken meanwhile. */
async function launchOnFreePort(spec) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch({ ...spec, port });
    } catch (err) {
      if (err instanceof PortInUseError && attempt < 2) continue;
      throw err;
    }
  }
}

/**
 * dynalite (in-memory, no table state delays), bound to 127.0.0.1.
 * @returns {Promise<{name: 'dynalite', endpoint: string, port: number, pid: number, startupMs: number, stop: () => Promise<void>}>}
 */
export async function startDynalite({ timeoutMs = DEFAULT_TIMEOUT_MS.dynalite } = {}) {
  const cli = dynaliteCli();
  return launchOnFreePort({
    name: 'dynalite',
    timeoutMs,
    build: (port) => ({
      command: process.execPath,
      args: [
        cli,
        '--port', String(port),
        '--host', '127.0.0.1',
        '--createTableMs', '0',
        '--deleteTableMs', '0',
        '--updateTableMs', '0',
      ],
      env: {},
    }),
  });
}

/**
 * The official DynamoDB Local (in-memory, one shared database for all
 * credentials and regions, telemetry off). It has no option to choose the
 * bind address: it listens on all interfaces; clients use 127.0.0.1.
 * @returns {Promise<{name: 'dynamodb-local', endpoint: string, port: number, pid: number, startupMs: number, stop: () => Promise<void>}>}
 */
export async function startDynamoDBLocal({ timeoutMs = DEFAULT_TIMEOUT_MS['dynamodb-local'] } = {}) {
  const dir = await dynamoDBLocalDir();
  return launchOnFreePort({
    name: 'dynamodb-local',
    timeoutMs,
    build: (port, scratch) => ({
      command: 'java',
      args: [
        '-XX:-UsePerfData', // no hsperfdata files in /tmp
        // Quicker JVM start (measured ~0.7 s of ~2.3 s on 2 cores) and no slower
        // for test-sized workloads.
        '-XX:TieredStopAtLevel=1',
        '-XX:+UseSerialGC',
        `-Djava.io.tmpdir=${scratch}`,
        `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
        '-jar', path.join(dir, 'DynamoDBLocal.jar'),
        '-inMemory',
        '-sharedDb',
        '-disableTelemetry',
        '-port', String(port),
      ],
      // Also switches telemetry off (checked by DynamoDB Local 1.24+).
      env: { DDB_LOCAL_TELEMETRY: '0' },
    }),
  });
}

/** Start the server called `name` (one of SERVER_NAMES). */
export async function startServer(name, options) {
  switch (name) {
    case 'dynalite': return startDynalite(options);
    case 'dynamodb-local': return startDynamoDBLocal(options);
    default:
      throw new Error(`unknown server ${JSON.stringify(name)}; expected one of ${SERVER_NAMES.join(', ')}`);
  }
}
