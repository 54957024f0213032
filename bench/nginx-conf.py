#!/usr/bin/env python3
"""deploy/nginx.conf as bench/pages runs it: plain HTTP on PORT in front of UPSTREAM, every path
under WORK, the port-80 redirect and TLS left out; the caching, gzip and proxy settings as shipped.
UPSTREAM is one service node (host:port) or several, separated by commas (bench/cluster).

    bench/nginx-conf.py deploy/nginx.conf WORK PORT UPSTREAM[,UPSTREAM...] > WORK/nginx.conf
"""
import re
import sys

source, work, port, upstream = sys.argv[1:5]
conf = open(source).read()
conf = re.sub(r"^user .*;\n", "", conf, flags=re.M)
conf = conf.replace("pid /run/nginx.pid;", f"pid {work}/nginx.pid;")
conf = conf.replace("/var/log/nginx/", f"{work}/")
conf = conf.replace("/var/cache/nginx/petitions", f"{work}/nginx-cache")
conf = conf.replace("include /etc/nginx/mime.types;", "include /etc/nginx/mime.types;\n" + "".join(
    f"    {kind}_temp_path {work}/nginx-{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")))
node_line = re.search(r"^server 127\.0\.0\.1:8080 (.*)$", open(source.replace("nginx.conf", "nginx-nodes.conf")).read(),
                      flags=re.M).group(1)
conf = re.sub(r"^(\s*)include /etc/nginx/petitions-nodes\.conf;\n",
              lambda m: "".join(f"{m.group(1)}server {node} {node_line}\n" for node in upstream.split(",")),
              conf, flags=re.M)
# drop the redirect server (the first server block, on port 80)
conf = re.sub(r"\n    server \{\n        listen 80;.*?\n    \}\n", "\n", conf, count=1, flags=re.S)
conf = re.sub(r"        listen 443 ssl http2;\n        listen \[::\]:443 ssl http2;\n", f"        listen 127.0.0.1:{port};\n", conf)
conf = re.sub(r"^\s*ssl_.*;\n", "", conf, flags=re.M)
conf = re.sub(r"^\s*# (nginx 1\.25|Certificates).*\n", "", conf, flags=re.M)
sys.stdout.write(conf)
