"""The store: every table users change, in one transactional database, with versions, accounts and an audit log.

SQLite (WAL) in the state directory by default, PostgreSQL when $BOSHAN_DATABASE_URL is set (SQLAlchemy 2,
psycopg 3); the schema is created and changed by Alembic migrations (lib/store/migrations). Readers never
query it: each accepted change is published as Parquet (lib.store.publish) and the dashboard reads that.

  db.py           engine, migrations, the seed (version 0 from the shipped sample)
  schema.py       the tables (SQLAlchemy Core), equal to what the migrations create (tested)
  versions.py     commit (all or nothing, refused when the data moved on), history, diff, restore
  publish.py      a version's tables as Parquet, switched in one step
  accounts.py     accounts, roles, Argon2id passwords, lockout
  permissions.py  what each role may do, checked for every write
  audit.py        the append-only log
"""
