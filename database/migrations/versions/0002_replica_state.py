"""State every replica shares: index manifests and the replicas serving them, rate-limit buckets,
one-time report links, evaluation runs."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_manifests",
        sa.Column("revision", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("collection", sa.String(200), nullable=False),
        sa.Column("embedding_model", sa.Text(), nullable=False),
        sa.Column("chunking", sa.String(200), nullable=False),
        sa.Column("store", sa.Text(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
    )
    op.create_table(
        "index_replicas",
        sa.Column("replica_id", sa.String(120), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "rate_buckets",
        sa.Column("key_id", sa.String(64), primary_key=True),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "one_time_links",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_one_time_links_expires_at", "one_time_links", ["expires_at"])
    op.create_table(
        "eval_runs",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("timestamp", sa.String(40), nullable=False),
        sa.Column("git_commit", sa.String(100), nullable=False),
        sa.Column("corpus_hash", sa.String(100), nullable=False),
        sa.Column("n_questions", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
    )
    op.create_index("ix_eval_runs_timestamp", "eval_runs", ["timestamp"])


def downgrade() -> None:
    for table in ("eval_runs", "one_time_links", "rate_buckets", "index_replicas", "index_manifests"):
        op.drop_table(table)
