#!/usr/bin/env bash
# Writes the source of one release of the tiny e2e app: make-release.sh <dir> <version> <ok|degraded|fail>.
# /health answers {"status": ..., "version": ...}; `fail` answers 503, as an unhealthy app does.
set -euo pipefail
dir=$1/$2
mkdir -p "$dir"
printf '%s\n' "$2" >"$dir/VERSION"
printf '%s\n' "$3" >"$dir/STATUS"
cat >"$dir/app.py" <<'PY'
import http.server, json, os, pathlib

here = pathlib.Path(__file__).resolve().parent
version = (here / "VERSION").read_text().strip()
status = (here / "STATUS").read_text().strip()


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/health":
            self.send_response(404)
            self.end_headers()
            return
        body = json.dumps({"status": status, "version": version}).encode()
        self.send_response(503 if status == "fail" else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "18080"))), Health).serve_forever()
PY
echo "$dir"
