// A static file server for benchmarks/object_stores.py: GET and HEAD of the files under a folder,
// single byte ranges (`bytes=a-b`, `bytes=a-`, `bytes=-n`), 404 for anything else, connections kept
// alive. Node's HTTP server spends a small fraction of what Python's http.server spends per request,
// so the clients being compared, not the server, set the time.
//
// Usage: node benchmarks/static_server.js ROOT PORT   (prints "listening" when ready)
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const root = path.resolve(process.argv[2]);
const port = Number(process.argv[3]);

function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header || '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start, end;
  if (m[1] === '') {
    const n = Number(m[2]);
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : 'unsatisfiable';
}

const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(root, rel);
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(root + path.sep)) {
    res.writeHead(404, { 'Content-Length': 0 });
    res.end();
    return;
  }
  // Synchronous: chunks are small and in the page cache, and the thread pool's round trip would
  // cost more than the read.
  let data;
  try {
    data = fs.readFileSync(file);
  } catch {
    res.writeHead(404, { 'Content-Length': 0 });
    res.end();
    return;
  }
  {
    const range = req.headers.range ? parseRange(req.headers.range, data.length) : null;
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'Content-Range': `bytes */${data.length}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const body = range ? data.subarray(range.start, range.end + 1) : data;
    const headers = { 'Content-Length': body.length, 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${data.length}`;
    res.writeHead(range ? 206 : 200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
});
server.keepAliveTimeout = 30000;
server.listen(port, '127.0.0.1', () => console.log('listening'));
