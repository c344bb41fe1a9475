"""The one SQL database of Gouvernail (SQLite by default, PostgreSQL by URL): schema, engine, migrations."""
