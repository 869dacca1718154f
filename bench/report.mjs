// Formatting: the same tables as aligned text for the terminal and as Markdown for results.md.

const COLUMNS = [
  ['dynamap', 'dynamap'],
  ['@aws-sdk/util-dynamodb', 'util-dynamodb'],
  ['dynamodb-toolbox', 'toolbox'],
  ['electrodb', 'electrodb'],
  ['dynamoose', 'dynamoose'],
  ['JSON.stringify', 'floor: stringify'],
  ['JSON.parse', 'floor: parse'],
];
const PEERS = COLUMNS.slice(1, 5).map(([name]) => name);

export const ops = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : n >= 1e3 ? `${(n / 1e3).toFixed(2)}k` : n.toFixed(0));
export const bytes = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
const ms = (n) => `${n.toFixed(1)} ms`;

/** The fastest peer whose output matched dynamap's, or undefined. */
export function bestPeer(result) {
  let best;
  for (const name of PEERS) {
    const r = result.opsPerSec[name];
    if (r !== undefined && result.differs[name] === undefined && (best === undefined || r > best.ops)) best = { name, ops: r };
  }
  return best;
}

/** Rows of the throughput table; differences get footnote numbers. */
export function throughput(results) {
  const notes = [];
  const header = ['workload', 'shape', 'JSON bytes', ...COLUMNS.map(([, label]) => label)];
  const rows = results.map((r) => {
    const best = bestPeer(r);
    const cells = COLUMNS.map(([name]) => {
      const v = r.opsPerSec[name];
      if (v === undefined) return r.na?.[name] ? `n/a (${r.na[name]})` : '—';
      if (r.differs[name] !== undefined) {
        notes.push(`${r.workload}/${r.shape}, ${name}: output differs from dynamap's (${r.differs[name]}); not counted as a peer`);
        return `${ops(v)} ≠[${notes.length}]`;
      }
      return best ? `${ops(v)} (${(v / best.ops).toFixed(2)}×)` : ops(v);
    });
    return [r.workload, r.shape, String(r.bytes), ...cells];
  });
  return { header, rows, notes };
}

/** Where dynamap is slower than a peer (matching output or not). */
export function slower(results) {
  const out = [];
  for (const r of results) {
    const d = r.opsPerSec.dynamap;
    for (const name of PEERS) {
      const v = r.opsPerSec[name];
      if (v !== undefined && v > d) out.push(`${r.workload}/${r.shape}: ${name} ${(v / d).toFixed(2)}× faster than dynamap${r.differs[name] ? ' (its output differs)' : ''}`);
    }
  }
  return out;
}

export const sizeTable = (rows) => ({
  header: ['files', 'count', 'raw', 'gzip -9'],
  rows: rows.map((r) => [r.label, String(r.files), bytes(r.raw), bytes(r.gzip)]),
});

export const startupTable = (rows, runs) => ({
  header: ['import', `import → ready (median of ${runs})`, 'process start → ready'],
  rows: rows.map((r) => [r.label, ms(r.importMs), ms(r.fromStartMs)]),
});

export function memoryTable(m) {
  const row = (label, s) => [label, bytes(s.heapUsed), bytes(s.heapTotal), bytes(s.external), bytes(s.rss), bytes(s.wasm)];
  return {
    header: ['after gc()', 'JS heap used', 'JS heap total', 'external', 'RSS', 'WASM memory'],
    rows: [row('before', m.before), row(`after ${(m.ops / 10).toLocaleString('en')} ops`, m.tenth), row(`after ${m.ops.toLocaleString('en')} ops`, m.after)],
  };
}

/** Aligned text. */
export function text({ header, rows }) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A Markdown table. */
export function markdown({ header, rows }) {
  const esc = (c) => c.replaceAll('|', '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
