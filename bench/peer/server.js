// SPDX-License-Identifier: MIT
// The benchmark's peer hub: what nebengjek-server does per routed message, written the usual Node
// way with the `ws` package, so bench/run.sh can put the Qt figures next to a well-known stack.
// Minimal on purpose, but the same work per message: HS256 token check at the upgrade, JSON
// envelopes in and out, location_update relayed to a fixed partner (<x>-drv-<n> <-> <x>-psg-<n>,
// standing in for the matched ride), room.join / room.publish -> room.event fan-out serialized once,
// and durable chat: message.send is committed to SQLite (WAL, synchronous=FULL: an fsync per
// commit, as nebengjek-server) before message.sent goes out and message.new reaches the partner.
'use strict';

const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WebSocketServer } = require('ws');

const MAX_MESSAGE_BYTES = 64 * 1024; // the real server's default limit
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(option('port', '0'));
const secret = Buffer.from(process.env.WS_JWT_SECRET || '', 'utf8');
const issuer = option('issuer', 'nebengjek');
const audience = option('audience', 'nebengjek-realtime');
const dataDir = option('data-dir', '');
if (secret.length === 0) {
  console.error('set WS_JWT_SECRET');
  process.exit(2);
}

function base64UrlDecode(text) {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

// Returns {userId, role} or null. HS256 only, exp with 30 s leeway, iss/aud when configured.
function verifyToken(token) {
  if (!token || token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let header, claims;
  try {
    header = JSON.parse(base64UrlDecode(parts[0]).toString('utf8'));
    if (header.alg !== 'HS256') return null;
    const expected = crypto.createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = base64UrlDecode(parts[2]);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    claims = JSON.parse(base64UrlDecode(parts[1]).toString('utf8'));
  } catch (e) {
    return null;
  }
  const now = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || now > claims.exp + 30) return null;
  if (issuer && claims.iss !== issuer) return null;
  if (audience && claims.aud !== audience) return null;
  const userId = claims.user_id || claims.sub;
  if (typeof userId !== 'string' || (claims.role !== 'driver' && claims.role !== 'passenger')) return null;
  return { userId, role: claims.role };
}

function partnerOf(userId) {
  if (userId.includes('-drv-')) return userId.replace('-drv-', '-psg-');
  if (userId.includes('-psg-')) return userId.replace('-psg-', '-drv-');
  return null;
}

// The chat store. better-sqlite3 is synchronous, so the reply below is sent after the commit
// (and its fsync) returned, like the real server's. Without the native module the peer says so in
// its log (bench/report.js marks the figure as in-memory) rather than failing the whole suite.
function openChatStore() {
  const dir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'nebengjek-peer-'));
  const file = path.join(dir, 'peer-chat.db');
  try {
    const Database = require('better-sqlite3');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE IF NOT EXISTS messages (
      id INTEGER PRIMARY KEY, match_id TEXT NOT NULL, sender_id TEXT NOT NULL,
      temp_id TEXT NOT NULL, body TEXT NOT NULL, sent_at INTEGER NOT NULL)`);
    const insert = db.prepare(
      'INSERT INTO messages (match_id, sender_id, temp_id, body, sent_at) VALUES (?, ?, ?, ?, ?)');
    console.log(`chat storage: sqlite ${file} (journal_mode=WAL, synchronous=FULL)`);
    return (m) => Number(insert.run(m.matchId, m.senderId, m.tempId, m.body, m.sentAt).lastInsertRowid);
  } catch (e) {
    console.log(`chat storage: in-memory, NOT durable (better-sqlite3 unavailable: ${e.message})`);
    let next = 0;
    return () => ++next;
  }
}
const storeChatMessage = openChatStore();

const users = new Map(); // user id -> socket (newest wins)
const rooms = new Map(); // room -> Set of sockets

function send(ws, type, payload, id) {
  const envelope = id ? { type, id, payload } : { type, payload };
  ws.send(JSON.stringify(envelope));
}

function error(ws, id, code, message) {
  send(ws, 'error', { code, message, retryable: false }, id);
}

const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

const server = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});

server.on('upgrade', (req, socket, head) => {
  let token = null;
  const auth = req.headers.authorization;
  if (auth && auth.startsWith('Bearer ')) token = auth.slice(7);
  if (!token) {
    const q = req.url.indexOf('?');
    if (q >= 0) token = new URLSearchParams(req.url.slice(q + 1)).get('token');
  }
  const principal = verifyToken(token);
  if (!principal) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.principal = principal;
    ws.rooms = new Set();
    users.set(principal.userId, ws);
    send(ws, 'auth_success', {
      user_id: principal.userId,
      role: principal.role,
      session_id: `peer-${crypto.randomUUID()}`,
      server_time: Date.now(),
    });
    ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary));
    ws.on('close', () => {
      if (users.get(principal.userId) === ws) users.delete(principal.userId);
      for (const room of ws.rooms) {
        const members = rooms.get(room);
        if (members) {
          members.delete(ws);
          if (members.size === 0) rooms.delete(room);
        }
      }
    });
  });
});

function onMessage(ws, data, isBinary) {
  let message;
  try {
    message = JSON.parse(isBinary ? data : data.toString('utf8'));
  } catch (e) {
    error(ws, undefined, 'INVALID_FORMAT', 'not valid JSON');
    return;
  }
  if (message === null || typeof message !== 'object' || typeof message.type !== 'string') {
    error(ws, undefined, 'INVALID_FORMAT', 'a message must be an object with a type');
    return;
  }
  const payload = message.payload && typeof message.payload === 'object' ? message.payload : {};
  const id = typeof message.id === 'string' ? message.id : undefined;
  switch (message.type) {
    case 'ping':
      send(ws, 'pong', { server_time: Date.now(), client_time: payload.client_time }, id);
      break;
    case 'location_update': {
      if (ws.principal.role !== 'driver') return error(ws, id, 'FORBIDDEN', 'drivers only');
      if (typeof payload.lat !== 'number' || typeof payload.lng !== 'number')
        return error(ws, id, 'VALIDATION_FAILED', 'lat and lng are required');
      const partner = users.get(partnerOf(ws.principal.userId));
      if (partner) {
        const relayed = { lat: payload.lat, lng: payload.lng, driver_id: ws.principal.userId, timestamp: Date.now() };
        if (typeof payload.heading === 'number') relayed.heading = payload.heading;
        if (typeof payload.speed === 'number') relayed.speed = payload.speed;
        send(partner, 'location_update', relayed);
      }
      if (id) send(ws, 'ack', { status: 'ok' }, id);
      break;
    }
    case 'message.send': {
      const matchId = payload.match_id;
      const tempId = payload.temp_id;
      const body = payload.body;
      if (typeof matchId !== 'string' || matchId.length === 0 || matchId.length > 64
          || typeof tempId !== 'string' || tempId.length === 0 || tempId.length > 64
          || typeof body !== 'string' || body.length === 0 || body.length > 2000)
        return error(ws, id, 'VALIDATION_FAILED', 'match_id, temp_id and body are required');
      const sentAt = Date.now();
      const rowId = storeChatMessage({ matchId, senderId: ws.principal.userId, tempId, body, sentAt });
      const messageId = `msg-${rowId}`;
      send(ws, 'message.sent', { temp_id: tempId, message_id: messageId, match_id: matchId, sent_at: sentAt }, id);
      const partner = users.get(partnerOf(ws.principal.userId));
      if (partner)
        send(partner, 'message.new', { message_id: messageId, match_id: matchId, sender_id: ws.principal.userId, body, sent_at: sentAt });
      break;
    }
    case 'room.join': {
      if (typeof payload.room !== 'string' || payload.room.length === 0 || payload.room.length > 64)
        return error(ws, id, 'VALIDATION_FAILED', 'room is required');
      if (!rooms.has(payload.room)) rooms.set(payload.room, new Set());
      rooms.get(payload.room).add(ws);
      ws.rooms.add(payload.room);
      send(ws, 'ack', { status: 'ok' }, id);
      break;
    }
    case 'room.leave': {
      const members = rooms.get(payload.room);
      if (members) members.delete(ws);
      ws.rooms.delete(payload.room);
      send(ws, 'ack', { status: 'ok' }, id);
      break;
    }
    case 'room.publish': {
      const members = rooms.get(payload.room);
      if (!members || !members.has(ws)) return error(ws, id, 'FORBIDDEN', 'not a member of the room');
      // Serialized once; every member gets the same bytes.
      const frame = Buffer.from(JSON.stringify({
        type: 'room.event',
        payload: { room: payload.room, sender_id: ws.principal.userId, data: payload.data || {}, sent_at: Date.now() },
      }));
      for (const member of members) {
        if (member !== ws) member.send(frame, { binary: false });
      }
      if (id) send(ws, 'ack', { status: 'ok' }, id);
      break;
    }
    default:
      error(ws, id, 'UNKNOWN_TYPE', `unknown message type "${String(message.type).slice(0, 64)}"`);
  }
}

server.listen(port, '127.0.0.1', () => {
  // bench/run.sh reads the port from this line.
  console.log(`listening on 127.0.0.1:${server.address().port}`);
});
server.maxConnections = 100000;
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
