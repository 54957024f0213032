#!/usr/bin/env python3
"""Real signers for bench/flood: each from an address of its own, at a big provider, the way a
browser signs while the challenge is on: fetch a form token, solve the proof of work, send.
Prints one line: signed, failed, and latency percentiles of the whole sign (token + work + POST)."""
import hashlib, json, sys, threading, time, urllib.request

base, slug, count, run = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
octet = int(sys.argv[5]) if len(sys.argv) > 5 else 18
latencies, failures = [], []
lock = threading.Lock()

def solve(token, email, bits):
    prefix = (token + "|" + email.strip().lower() + "|").encode()
    n = 0
    while True:
        digest = hashlib.sha256(prefix + str(n).encode()).digest()
        value = int.from_bytes(digest[:4], "big")
        if bits == 0 or value >> (32 - bits) == 0:
            return str(n)
        n += 1

def sign(i):
    client = "198.%d.%d.%d" % (octet, i % 250, i // 250 % 250 + 1)  # people in networks of their own
    email = "%s.real%d@gmail.com" % (run, i)
    started = time.monotonic()
    try:
        req = urllib.request.Request(base + "/api/v1/campaigns/%s/form-token" % slug, headers={"X-Forwarded-For": client})
        form = json.load(urllib.request.urlopen(req, timeout=30))
        body = {"name": "Real Signer %d" % i, "email": email, "country": "HK", "publicDisplay": "INITIALS",
                "formToken": form["formToken"]}
        if form["challengeRequired"]:
            body["proof"] = solve(form["formToken"], email, form["challengeBits"])
        req = urllib.request.Request(base + "/api/v1/campaigns/%s/signatures" % slug, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "X-Forwarded-For": client})
        status = urllib.request.urlopen(req, timeout=30).status
        with lock:
            (latencies if status == 202 else failures).append(time.monotonic() - started)
    except Exception as e:  # any failure of a real signer is what this bench is about
        with lock:
            failures.append(str(e))

threads = []
for i in range(count):
    t = threading.Thread(target=sign, args=(i,))
    t.start()
    threads.append(t)
    time.sleep(0.05)  # a steady trickle of people beside the flood
for t in threads:
    t.join()
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0
print("REAL signed=%d failed=%d p50_ms=%.0f p99_ms=%.0f" % (len(latencies), len(failures), pct(0.5), pct(0.99)))
