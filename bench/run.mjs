// `npm run bench`: dynamap and its peers side by side in one Node process, no network. Prints the
// figures and writes the same as Markdown to bench/results.md. Knobs (environment): BENCH_ROUND_MS,
// BENCH_ROUNDS, BENCH_WARMUP_MS (timing), BENCH_STARTUP_RUNS (fresh processes per import),
// BENCH_OPS (operations of the memory run), BENCH_ONLY (a workload name, to time only that).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // Node 20: not our news

const root = new URL('..', import.meta.url).pathname;
const { buildCases } = await import('./cases.mjs');
const { compare, config } = await import('./timing.mjs');
const { packageSize, startup } = await import('./footprint.mjs');
const report = await import('./report.mjs');

const progress = (message) => process.stderr.write(`bench: ${message}\n`);
const version = (pkg) => JSON.parse(readFileSync(`${root}node_modules/${pkg}/package.json`, 'utf8')).version;
const peerVersions = ['@aws-sdk/util-dynamodb', 'dynamodb-toolbox', 'electrodb', 'dynamoose'].map((p) => `${p} ${version(p)}`);
const loadBefore = os.loadavg();
const started = performance.now();

// 1. Throughput, after each peer's output has been compared with dynamap's.
progress('building the cases and checking equivalence');
const only = process.env.BENCH_ONLY;
const cases = (await buildCases()).filter((c) => !only || c.workload === only);
const results = [];
for (const [i, c] of cases.entries()) {
  progress(`[${i + 1}/${cases.length}] ${c.workload}/${c.shape}`);
  const names = [...Object.keys(c.runs), 'JSON.stringify', 'JSON.parse'];
  const figures = await compare([...Object.values(c.runs), c.floor.stringify, c.floor.parse]);
  results.push({ ...c, opsPerSec: Object.fromEntries(names.map((n, j) => [n, figures[j]])) });
}

// 2. Footprint.
progress('package size and start-up time');
const sizes = packageSize();
const startupRuns = Number(process.env.BENCH_STARTUP_RUNS ?? 10);
const starts = startup(startupRuns);

// 3. Memory, in a process of its own.
const memoryOps = Number(process.env.BENCH_OPS ?? 1e6);
progress(`memory: ${memoryOps.toLocaleString('en')} mixed operations in a child process`);
const memory = JSON.parse(
  execFileSync(process.execPath, ['--expose-gc', `${root}bench/memory.mjs`], { encoding: 'utf8', env: process.env }).trim(),
);

// 4. Report.
const table = report.throughput(results);
const slower = report.slower(results);
const environment = [
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${os.platform()} ${os.release()}`,
  `load average (1/5/15 min) at start ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}: other processes on the machine skew the figures`,
  `peers: ${peerVersions.join(', ')}`,
  `timing: ${config.warmupMs} ms warm-up, then ${config.rounds} interleaved rounds of ${config.roundMs} ms per library; median ops/s`,
];
const method = [
  'Cells: ops/s and, in parentheses, the ratio to the fastest peer whose output matched dynamap\'s (above 1: faster than that peer).',
  'Every peer\'s output is compared with dynamap\'s before it is timed: requests as parsed structures (placeholders substituted, conditions in canonical order, update actions as sorted lists), items and typed values exactly.',
  'Reads and puts must also refuse a wrongly typed attribute (count: "three" where a number is declared), as dynamap\'s do; a library that accepts it is marked as differing.',
  'ElectroDB\'s own bookkeeping attributes (__edb_e__, __edb_v__, which it writes and SETs on update) are left out of the comparison.',
  'Peers build DocumentClient input; their figures include util-dynamodb\'s marshalling of it (what the DocumentClient does before sending), so all libraries end at the same AttributeValue request.',
  'Reads: dynamap Model.fromItem(AttributeValues); toolbox EntityFormatter.format(unmarshall(av)); ElectroDB entity.parse({ Item: unmarshall(av) }); Dynamoose new Model(av, { type: "fromDynamo" }).conformToSchema(...) as Model.get() does.',
  'Dynamoose builds requests asynchronously (save/update with { return: "request" }, query getRequest()); its figures include awaiting each promise.',
  'toolbox and ElectroDB have no date type: dates are ISO strings in, Date objects out (a decode transform / a get hook). util-dynamodb and the schemaless rows take the item with dates as ISO strings.',
  'Floor: JSON.stringify of the data on the wire side of the operation (the finished request, or the AttributeValue item) and JSON.parse of its text (for reads: the GetItem response).',
];
const sections = [
  ['Throughput (ops/s)', report.text(table), report.markdown(table)],
  ['Package size', report.text(report.sizeTable(sizes)), report.markdown(report.sizeTable(sizes))],
  ['Start-up (fresh Node process)', report.text(report.startupTable(starts, startupRuns)), report.markdown(report.startupTable(starts, startupRuns))],
  [
    `Memory (${memory.ops.toLocaleString('en')} mixed dynamap operations in ${memory.seconds.toFixed(1)} s: marshall, unmarshall, fromItem, plan.put/update/query on the small item)`,
    report.text(report.memoryTable(memory)),
    report.markdown(report.memoryTable(memory)),
  ],
];

const out = [];
out.push(...environment, '');
for (const [title, txt] of sections) out.push(`== ${title}`, txt, '');
if (table.notes.length) out.push('Differences:', ...table.notes.map((n, i) => `  [${i + 1}] ${n}`), '');
out.push('Where dynamap is slower than a peer:', ...(slower.length ? slower.map((s) => `  ${s}`) : ['  nowhere']), '');
out.push(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
console.log(out.join('\n'));

const md = [
  '# dynamap benchmark',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString()}.`,
  '',
  ...environment.map((e) => `- ${e}`),
  '',
  ...sections.flatMap(([title, , m]) => [`## ${title}`, '', m, '']),
  ...(table.notes.length ? ['Differences:', '', ...table.notes.map((n, i) => `${i + 1}. ${n}`), ''] : []),
  '## Where dynamap is slower than a peer',
  '',
  ...(slower.length ? slower.map((s) => `- ${s}`) : ['- nowhere']),
  '',
  '## Method',
  '',
  ...method.map((m) => `- ${m}`),
  '',
];
writeFileSync(`${root}bench/results.md`, md.join('\n'));
progress('wrote bench/results.md');
