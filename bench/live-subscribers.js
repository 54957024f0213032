// Opens N live-count streams (server-sent events) and reports, every second, how many are open and
// how many have seen the count reach TARGET. Node.js only, no packages.
//
//   node bench/live-subscribers.js 5000 http://127.0.0.1:8080/api/v1/campaigns/SLUG/live TARGET
//
// Confirm a signature meanwhile (so the count reaches TARGET) and watch "updated" reach N; measure
// the service's memory with ps while the streams are open.
const http = require('http');
const N = parseInt(process.argv[2] || '2000', 10);
const url = process.argv[3];
const target = parseInt(process.argv[4] || '1', 10);
let open = 0, updated = 0, failed = 0;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const started = Date.now();
for (let i = 0; i < N; i++) {
  const req = http.get(url, { agent, headers: { Accept: 'text/event-stream' } }, res => {
    open++;
    let buffer = '', done = false;
    res.setEncoding('utf8');
    res.on('data', chunk => {
      buffer += chunk;
      if (!done && buffer.includes('"signatureCount":' + target)) { done = true; updated++; }
      if (buffer.length > 10000) buffer = buffer.slice(-2000);
    });
  });
  req.on('error', () => failed++);
}
const timer = setInterval(() => {
  console.log(JSON.stringify({ seconds: Math.round((Date.now() - started) / 1000), open, updated, failed }));
  if (updated + failed >= N) { clearInterval(timer); process.exit(0); }
}, 1000);
setTimeout(() => process.exit(1), 60000);
