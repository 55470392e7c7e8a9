"""A Decidero-shaped app for the vps-deploy demo: one Python process behind a reverse proxy, SQLite beside it,
and a /health endpoint that checks the database. Standard library only (the demo runs offline)."""
import json
import os
import sqlite3
from http.server import BaseHTTPRequestHandler, HTTPServer

ENV = dict(
    line.split("=", 1) for line in open(".env").read().splitlines() if "=" in line and not line.startswith("#")
)
PORT = int(ENV.get("PORT", "8000"))
DB = ENV.get("DATABASE_PATH", "data/decidero.db")
VERSION = open("VERSION").read().strip()
BROKEN = os.path.exists("BROKEN")  # the demo's v3 ships with this file: its health says so


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            try:
                with sqlite3.connect(DB) as db:
                    meetings = db.execute("select count(*) from meetings").fetchone()[0]
                status, code = ("unhealthy", 503) if BROKEN else ("ok", 200)
                body = {"status": status, "version": VERSION, "database": "ok", "meetings": meetings}
            except sqlite3.Error as e:
                code, body = 503, {"status": "unhealthy", "version": VERSION, "database": str(e)}
        else:
            code, body = 200, {"app": "decidero-like", "version": VERSION}
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
