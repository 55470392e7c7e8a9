"""Migrations, run by vps-deploy's migrate-command inside the new release before the switch."""
import sqlite3

ENV = dict(
    line.split("=", 1) for line in open(".env").read().splitlines() if "=" in line and not line.startswith("#")
)
with sqlite3.connect(ENV.get("DATABASE_PATH", "data/decidero.db")) as db:
    db.execute("pragma journal_mode=wal")
    db.execute("create table if not exists meetings (id integer primary key, title text not null)")
    if db.execute("select count(*) from meetings").fetchone()[0] == 0:
        db.executemany("insert into meetings (title) values (?)", [("Kick-off",), ("Retro",), ("Planning",)])
print("migrations applied")
