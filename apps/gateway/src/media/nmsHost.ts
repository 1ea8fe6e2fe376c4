/**
 * The program of the node-media-server process, run with `node -e <program> <package dir> <rtmp
 * port> <http port>`. Plain JavaScript in a string (no loader or transform touches it, as for the
 * spawner). It reports `ready` once both listeners are bound, or `failed` (e.g. a port is taken)
 * and exits; it exits when the gateway goes away. It takes the gateway's one-time tokens over IPC
 * (`{t: 'grant'}`, answered `granted`) and admits a publish or play only with one (see nms.ts).
 */
export const HOST_PROGRAM = `
process.title = 'onpatrol-nms';
const path = require('node:path');
const [root, rtmpPort, httpPort] = process.argv.slice(1);
const send = (m) => { if (process.connected) process.send(m, undefined, {}, () => undefined); };
process.on('disconnect', () => process.exit(0));
const crypto = require('node:crypto');
const logger = require(path.join(root, 'src/core/logger.js'));
const Context = require(path.join(root, 'src/core/context.js'));
// Its store is switched off below on purpose; the warning that it is missing is not news.
const expected = /store is not available/;
logger.log = (message, level = 'info') => {
  if (!expected.test(String(message))) send({ t: 'log', level, message: String(message) });
};
const NodeMediaServer = require(root);
// Only this process knows the secret of node-media-server's signatures (see nms.ts).
const secret = crypto.randomBytes(32).toString('hex');
const nms = new NodeMediaServer({
  bind: '127.0.0.1',
  rtmp: { port: Number(rtmpPort) },
  http: { port: Number(httpPort) },
  webadmin: { enable: false },
  auth: { publish: true, play: true, secret },
});
// token -> { action, path, until }: one-time tokens the gateway granted over IPC.
const grants = new Map();
process.on('message', (m) => {
  if (!m || m.t !== 'grant') return;
  const now = Date.now();
  for (const [token, g] of grants) if (g.until <= now) grants.delete(token);
  grants.set(m.token, { action: m.action, path: m.path, until: now + m.ttlMs });
  // The gateway grants a publish only once its previous ffmpeg of the stream is gone: whoever
  // still publishes there is not the gateway (e.g. a token read from ffmpeg's argv and raced).
  const b = m.action === 'publish' ? Context.broadcasts.get(m.path) : undefined;
  if (b && b.publisher && b.getPublishStatus() === 'publishing') {
    logger.log('closing a publisher of ' + m.path + ' the gateway did not start', 'warn');
    b.publisher.close();
  }
  send({ t: 'granted', id: m.id });
});
// Fired just before node-media-server checks ?sign=: a valid token (spent here, good or not)
// becomes a signature; anything else leaves none, and the library refuses the session.
const admit = (action) => (session) => {
  if (!session.streamQuery || typeof session.streamQuery !== 'object') session.streamQuery = {};
  const q = session.streamQuery;
  const token = typeof q.token === 'string' ? q.token : '';
  delete q.sign;
  const g = token ? grants.get(token) : undefined;
  if (g) grants.delete(token);
  if (!g || g.action !== action || g.path !== session.streamPath || g.until < Date.now()) return;
  const exp = Math.floor(Date.now() / 1000) + 60;
  const hash = crypto.createHash('md5').update(session.streamPath + '-' + exp + '-' + secret).digest('hex');
  q.sign = exp + '-' + hash;
};
nms.on('prePublish', admit('publish'));
nms.on('prePlay', admit('play'));
// Its JSON store (relay tasks, recordings, history) would write ./data and take a lock file.
nms.store.open = async () => {};
// Its own listen-error handlers call process.exit(1) without a word: report the error instead.
const listening = (server, what) => new Promise((resolve, reject) => {
  if (!server) return reject(new Error('no ' + what + ' listener was created'));
  server.removeAllListeners('error');
  server.once('error', (err) => reject(new Error(what + ' listener: ' + err.message)));
  server.once('listening', resolve);
});
// run() creates the listeners and their handlers synchronously; the bind errors come later.
const running = nms.run();
Promise.all([
  listening(nms.rtmpServer.tcpServer, 'RTMP'),
  listening(nms.httpServer.httpServer, 'HTTP'),
  running,
]).then(
  () => send({ t: 'ready' }),
  (err) => {
    send({ t: 'failed', message: err.message });
    setTimeout(() => process.exit(1), 100);
  },
);
`;
