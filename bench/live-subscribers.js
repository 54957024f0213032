// Live-stream benchmark client (bench/run's "live" scenario; Node.js only, no packages).
//
//   node bench/live-subscribers.js N BASE SLUG CHANGES INTERVAL_MS TOKENS_FILE CSRF_COOKIE CSRF_TOKEN
//
// Opens N server-sent-event streams of the campaign's live count, then makes CHANGES count changes
// INTERVAL_MS apart (shorter than a second: the count changes all the time), each by confirming a signature through the confirmation page's button (tokens, one
// per line, in TOKENS_FILE). For each change it times, from the confirmation's answer, how long
// each subscriber takes to see a count at least that high. Prints one JSON line: streams opened,
// failures, and per change how many subscribers saw it, and the p50, p99 and maximum delay in ms.
// With SPREAD=n in the environment (bench/bounds), subscriber i speaks for client network i % n
// (X-Forwarded-For 10.x.y.1, to a service that trusts loopback as its proxy); statuses tallies the
// answers by HTTP status. HOLD_MS keeps the streams open that long before the changes (default 2000).
const http = require('http');
const fs = require('fs');
const [N, base, slug, changes, interval, tokensFile, csrfCookie, csrfToken] = process.argv.slice(2);
const url = new URL(base);
const tokens = fs.readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const subscribers = [];
let failed = 0;
const statuses = {};
const spread = Number(process.env.SPREAD || 0);

function subscribe() {
  const me = { count: -1, seenAt: [] };
  const k = subscribers.length % (spread || 1);
  subscribers.push(me);
  const headers = { Accept: 'text/event-stream' };
  if (spread) headers['X-Forwarded-For'] = `10.${k % 250}.${Math.floor(k / 250) % 250}.1`;
  const req = http.get({ host: url.hostname, port: url.port, path: `/api/v1/campaigns/${slug}/live`, agent,
                         headers }, res => {
    statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
    if (res.statusCode !== 200) { failed++; res.resume(); return; }
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', chunk => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const m = /"signatureCount":(\d+)/.exec(event);
        if (m) { me.count = Number(m[1]); me.seenAt.push([me.count, Date.now()]); }
      }
    });
    res.on('error', () => failed++);
  });
  req.on('error', () => failed++);
}

function confirm(token) {
  return new Promise((resolve, reject) => {
    const body = 'csrfToken=' + csrfToken;
    const req = http.request({ host: url.hostname, port: url.port, path: '/confirm/' + token, method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length,
                 Cookie: 'csrf=' + csrfCookie } }, res => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));
const percentile = (values, p) => values.length ? values[Math.min(values.length - 1, Math.floor(values.length * p))] : null;

(async () => {
  for (let i = 0; i < Number(N); i++) {
    subscribe();
    if (i % 500 === 499) await sleep(100); // under the listen backlog
  }
  const deadline = Date.now() + 60000;
  while (subscribers.filter(s => s.count >= 0).length + failed < Number(N) && Date.now() < deadline) await sleep(200);
  const open = subscribers.filter(s => s.count >= 0).length;
  await sleep(Number(process.env.HOLD_MS || 2000)); // the count settles before the first change
  const made = [];
  for (let c = 0; c < Number(changes); c++) {
    const before = Math.max(...subscribers.map(s => s.count));
    const status = await confirm(tokens[c]);
    made.push({ before, status, confirmedAt: Date.now() });
    await sleep(Number(interval));
  }
  await sleep(2000);
  const results = made.map(({ before, status, confirmedAt }) => {
    const delays = subscribers.filter(s => s.count >= 0).map(s => {
      const seen = s.seenAt.find(([count]) => count > before);
      return seen ? Math.max(0, seen[1] - confirmedAt) : null;
    });
    const got = delays.filter(d => d !== null).sort((a, b) => a - b);
    return { status, saw: got.length, p50: percentile(got, 0.5), p99: percentile(got, 0.99), max: got[got.length - 1] ?? null };
  });
  console.log(JSON.stringify({ subscribers: Number(N), open, failed, statuses, changes: results }));
  process.exit(0);
})();
