// SPDX-License-Identifier: MIT
// Turns one bench/run.sh result directory into the side-by-side table (Markdown, so it can go
// into docs/performance.md as it is). Usage: node bench/report.js bench/results/<run>
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const known = ['nebengjek', 'nebengjek-before', 'nebengjek-qt', 'nebengjek-glib', 'peer', 'echo'];
const names = {
  nebengjek: 'nebengjek-server', 'nebengjek-before': 'nebengjek, before (NEBENGJEK_BEFORE_BINARY)', 'nebengjek-qt': 'nebengjek, Qt UNIX dispatcher',
  'nebengjek-glib': 'nebengjek, Qt GLib dispatcher', peer: 'Node ws peer', echo: 'Qt echo (floor)',
};
// The columns: the servers this run measured, in a fixed order.
const measured = new Set(fs.readdirSync(dir).map((f) => (f.match(/^[a-z]+-(.+)\.json$/) || [])[1]).filter(Boolean));
// --threads sweep: nebengjek-t1, nebengjek-t2, ... after the default nebengjek column.
const threadKinds = [...measured].filter((s) => /^nebengjek-t[0-9]+$/.test(s))
  .sort((a, b) => Number(a.slice(11)) - Number(b.slice(11)));
for (const kind of threadKinds) names[kind] = `nebengjek, --threads ${kind.slice(11)}`;
const servers = [...known.filter((s) => measured.has(s) && s !== 'peer' && s !== 'echo'),
  ...threadKinds, ...['peer', 'echo'].filter((s) => measured.has(s))];
// Whether the peer's chat store was durable (its log says so; see bench/peer/server.js).
const peerChatStorage = (() => {
  try {
    const line = fs.readFileSync(path.join(dir, 'chat-peer.server.log'), 'utf8').split('\n')
      .find((l) => l.startsWith('chat storage:'));
    return line ? (line.includes('in-memory') ? 'in-memory, not durable' : 'SQLite WAL, synchronous=FULL') : null;
  } catch (e) {
    return null;
  }
})();
const load = (figure, server) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${figure}-${server}.json`), 'utf8'));
  } catch (e) {
    return null;
  }
};
const get = (o, keys) => keys.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
const fmt = (v, digits = 1) => (typeof v === 'number' && isFinite(v) ? v.toFixed(digits) : 'n/a');
const int = (v) => (typeof v === 'number' && isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');

// Each row: label, how to read it from one server's result, the target (issue 11's, on 2 cores:
// `limit` absolute, `peer` as a multiple of the Node peer's figure), and whether lower is better.
const rows = [
  { label: '1. idle: server RSS per authenticated connection (KB)', figure: 'idle',
    value: (r) => fmt(get(r, 'rss_per_connection_kb')), raw: (r) => get(r, 'rss_per_connection_kb'),
    note: (r) => r && `${int(get(r, 'open_after_settle'))} open`, target: '<= 16 KB', limit: 16, lower: true },
  { label: '2. connect storm: authenticated connections/s', figure: 'storm',
    value: (r) => int(get(r, 'connect.per_second')), raw: (r) => get(r, 'connect.per_second'),
    note: (r) => r && `${int(get(r, 'connect.authenticated'))} ok, ${int(get(r, 'connect.failed'))} failed`, target: '>= 1.5x Node', peer: 1.5, lower: false },
  { label: '3a. relay 1:1 at N riders x 1/s: server CPU us per delivered message', figure: 'relay',
    value: (r) => fmt(get(r, 'server_cpu_us_per_message')), raw: (r) => get(r, 'server_cpu_us_per_message'),
    note: (r) => r && `${int(get(r, 'pairs_ready'))} pairs, ${int(get(r, 'delivered_per_s'))}/s`, target: '<= Node', peer: 1, lower: true },
  { label: '3b. relay 1:1 at N riders x 1/s: latency p50 / p99 (ms)', figure: 'relay',
    value: (r) => `${fmt(get(r, 'latency.p50_ms'), 2)} / ${fmt(get(r, 'latency.p99_ms'), 2)}`, raw: (r) => get(r, 'latency.p99_ms'),
    target: 'p99 <= 2 ms', limit: 2, lower: true },
  { label: '3c. relay 1:1 at saturation: delivered messages/s', figure: 'saturation',
    value: (r) => int(get(r, 'delivered_per_s')), raw: (r) => get(r, 'delivered_per_s'), target: '>= 1.5x Node', peer: 1.5, lower: false },
  { label: '3d. relay 1:1 at saturation: server CPU us per message', figure: 'saturation',
    value: (r) => fmt(get(r, 'server_cpu_us_per_message')), raw: (r) => get(r, 'server_cpu_us_per_message'),
    target: '', lower: true },
  { label: '3e. relay 1:1 at saturation: latency p50 / p99 (ms)', figure: 'saturation',
    value: (r) => `${fmt(get(r, 'latency.p50_ms'), 2)} / ${fmt(get(r, 'latency.p99_ms'), 2)}`, raw: (r) => get(r, 'latency.p99_ms'), target: '', lower: true },
  { label: '4a. fan-out 1 -> 1,000 room members: deliveries/s', figure: 'fanout',
    value: (r) => int(get(r, 'deliveries_per_s')), raw: (r) => get(r, 'deliveries_per_s'), target: '>= 2x Node', peer: 2, lower: false },
  { label: '4b. fan-out: server CPU us per delivery', figure: 'fanout',
    value: (r) => fmt(get(r, 'server_cpu_us_per_delivery'), 2), raw: (r) => get(r, 'server_cpu_us_per_delivery'), target: '', lower: true },
  { label: '5a. durable chat at saturation: acknowledged messages/s', figure: 'chat',
    value: (r) => int(get(r, 'acknowledged_per_s')), raw: (r) => get(r, 'acknowledged_per_s'),
    note: (r) => r && `${int(get(r, 'pairs_ready'))} senders`, target: '>= 10,000/s', limit: 10000, lower: false },
  { label: '5b. durable chat at N/s offered: ack latency p50 / p99 (ms)', figure: 'chat',
    value: (r) => `${fmt(get(r, 'ack_latency.p50_ms'), 2)} / ${fmt(get(r, 'ack_latency.p99_ms'), 2)}`, raw: (r) => get(r, 'ack_latency.p99_ms'),
    note: (r) => r && `${int(get(r, 'fixed_rate.acknowledged_per_s'))}/s acknowledged`, target: 'p99 <= 10 ms', limit: 10, lower: true },
  { label: '5c. durable chat at saturation: server CPU us per message', figure: 'chat',
    value: (r) => fmt(get(r, 'server_cpu_us_per_message')), raw: (r) => get(r, 'server_cpu_us_per_message'), target: '', lower: true },
];

// The column the targets are judged on: the default server, or in a --threads sweep without it
// the most threads (the default on a machine with that many cores).
const oursKind = measured.has('nebengjek') || !threadKinds.length ? 'nebengjek' : threadKinds[threadKinds.length - 1];
const verdict = (row) => {
  const ours = row.raw(load(row.figure, oursKind));
  if (typeof ours !== 'number') return 'n/a';
  if (row.peer) {
    const peer = row.raw(load(row.figure, 'peer'));
    if (typeof peer !== 'number') return 'n/a (no Node figure in this run)';
    const x = ours / peer;
    return `${fmt(x, 2)}x Node ${(row.lower ? x <= row.peer : x >= row.peer) ? 'MET' : 'MISSED'}`;
  }
  if (row.ratio) {
    const echo = row.raw(load(row.figure, 'echo'));
    const peer = row.raw(load(row.figure, 'peer'));
    if (typeof echo !== 'number') return 'n/a';
    const x = ours / echo;
    if (typeof peer !== 'number')
      return `${fmt(x, 2)}x echo (${x <= row.ratio ? 'met' : 'missed'}; no Node figure in this run)`;
    const vsPeer = ours < peer ? ', below Node' : `, ${fmt(ours / peer, 2)}x Node`;
    return `${fmt(x, 2)}x echo${vsPeer} ${x <= row.ratio && ours < peer ? 'MET' : 'MISSED'}`;
  }
  if (row.limit === undefined) return '';
  const met = row.lower ? ours <= row.limit : ours >= row.limit;
  return met ? 'MET' : `MISSED by ${fmt(Math.abs(ours - row.limit) / row.limit * 100, 0)}%`;
};

const header = ['figure', ...servers.map((s) => names[s]), 'target', oursKind === 'nebengjek' ? 'nebengjek-server' : names[oursKind]];
const lines = [header, header.map(() => '---')];
for (const row of rows) {
  if (!servers.some((srv) => load(row.figure, srv))) continue; // a figure this run did not measure
  lines.push([row.label, ...servers.map((s) => {
    const r = load(row.figure, s);
    if (!r) return 'n/a';
    const extra = row.note ? row.note(r) : '';
    return extra ? `${row.value(r)} (${extra})` : row.value(r);
  }), row.target, verdict(row)]);
}
if (lines.length > 2) console.log(lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n'));

// Figure 6 (bench/lib/cluster.sh): the same relay load on one node and across two nodes of a
// cluster (drivers on node 1, passengers on node 2), nebengjek-server only, side by side.
const single = load('cluster', 'single');
const cross = load('cluster', 'cross');
if (single || cross) {
  const any = single || cross;
  const ratio = (keys, digits = 2) => {
    const a = get(single, keys);
    const b = get(cross, keys);
    return typeof a === 'number' && typeof b === 'number' && a > 0 ? `${fmt(b / a, digits)}x` : 'n/a';
  };
  const cpuSplit = (r) => {
    const parts = get(r, 'server_cpu_s_by_process');
    return Array.isArray(parts) ? ` (node 1 ${fmt(parts[0], 2)} s + node 2 ${fmt(parts[1], 2)} s)` : '';
  };
  const cell = (r, f) => (r ? f(r) : 'n/a');
  const table = [
    [`6. relay 1:1 at ${int(get(any, 'pairs_requested'))} riders x ${get(any, 'rate_per_driver')}/s`,
      'one node (SQLite)', 'two nodes (PostgreSQL + Redis): drivers on node 1, passengers on node 2', 'two nodes / one node'],
    ['---', '---', '---', '---'],
    ['server CPU us per delivered message (sum of the nodes)',
      cell(single, (r) => fmt(get(r, 'server_cpu_us_per_message'))),
      cell(cross, (r) => `${fmt(get(r, 'server_cpu_us_per_message'))}${cpuSplit(r)}`),
      ratio('server_cpu_us_per_message')],
    ['latency p50 / p99 (ms)',
      cell(single, (r) => `${fmt(get(r, 'latency.p50_ms'), 2)} / ${fmt(get(r, 'latency.p99_ms'), 2)}`),
      cell(cross, (r) => `${fmt(get(r, 'latency.p50_ms'), 2)} / ${fmt(get(r, 'latency.p99_ms'), 2)}`),
      `${ratio('latency.p50_ms')} / ${ratio('latency.p99_ms')}`],
    ['delivered messages/s',
      cell(single, (r) => int(get(r, 'delivered_per_s'))), cell(cross, (r) => int(get(r, 'delivered_per_s'))), ''],
    ['pairs set up (finder retries)',
      cell(single, (r) => `${int(get(r, 'pairs_ready'))} of ${int(get(r, 'pairs_requested'))} (${int(get(r, 'finder_retries'))})`),
      cell(cross, (r) => `${int(get(r, 'pairs_ready'))} of ${int(get(r, 'pairs_requested'))} (${int(get(r, 'finder_retries'))})`), ''],
  ];
  if (lines.length > 2) console.log('');
  console.log(table.map((cells) => `| ${cells.join(' | ')} |`).join('\n'));
}

// Anything that went wrong in a run is listed under the table rather than hidden in a file.
if (peerChatStorage) console.log(`\nnote: durable chat / ${names.peer}: ${peerChatStorage}`);
for (const figure of ['idle', 'storm', 'relay', 'saturation', 'fanout', 'chat']) {
  for (const s of servers) {
    const r = load(figure, s);
    if (!r) continue;
    const errors = Object.entries(r.errors_by_code || {}).map(([k, v]) => `${k} x${v}`).join(', ');
    const problems = [];
    if (errors) problems.push(`errors: ${errors}`);
    if (r.closed_by_server) problems.push(`${r.closed_by_server} closed by the server`);
    if (r.lost) problems.push(`${r.lost} lost`);
    if (r.incomplete_publishes) problems.push(`${r.incomplete_publishes} incomplete publishes`);
    if (r.error) problems.push(r.error);
    if (problems.length) console.log(`\nnote: ${figure} / ${names[s]}: ${problems.join('; ')}`);
  }
}
for (const [side, r] of [['one node', single], ['two nodes', cross]]) {
  if (!r) continue;
  const errors = Object.entries(r.errors_by_code || {}).map(([k, v]) => `${k} x${v}`).join(', ');
  const problems = [];
  if (errors) problems.push(`errors: ${errors}`);
  if (r.closed_by_server) problems.push(`${r.closed_by_server} closed by the server`);
  if (r.lost) problems.push(`${r.lost} lost`);
  if (r.pairs_failed) problems.push(`${r.pairs_failed} pairs not set up`);
  if (r.error) problems.push(r.error);
  if (problems.length) console.log(`\nnote: cross-node relay / ${side}: ${problems.join('; ')}`);
}
