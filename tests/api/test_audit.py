"""The audit log on SQLite and PostgreSQL: no personal data anywhere, retention purge, key commands."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from faker import Faker
from sqlalchemy import MetaData, create_engine, select, update

from api.audit_store import AuditStore
from api.db import ApiKeyRow, ExchangeRow
from assistant.models import AskResult, GuardrailsReport
from database.engine import make_engine
from database.schema import utcnow
from eval.datasets.pii_blind import DEV_SETS, load_blind_set
from eval.datasets.pii_synthetic import LabeledSentence
from guardrails.screen import default_guardrails
from tests.conftest import REPO, reset_database

GOUVERNAIL = str(Path(sys.executable).with_name("gouvernail"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """An empty audit database: a SQLite file, or the CI's PostgreSQL (skipped only when unset)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'audit.db'}"
    url = os.environ.get("GOUVERNAIL_TEST_DATABASE_URL")
    if not url:
        pytest.skip("GOUVERNAIL_TEST_DATABASE_URL is not set (.ci/run sets it)")
    reset_database(url)
    return url


def dump_database(url: str) -> str:
    """Every row of every table, as text."""
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        tables = {
            t.name: [list(row) for row in connection.execute(select(t))] for t in metadata.sorted_tables
        }
    engine.dispose()
    return json.dumps(tables, ensure_ascii=False, default=str)


def test_personal_data_reaches_no_table_log_or_metric(start_api, database_url, caplog) -> None:
    caplog.set_level(logging.INFO)  # the server's level: uvicorn access/error and gouvernail logs
    fake = Faker("fr_FR")
    fake.seed_instance(7)
    first, last = fake.first_name(), fake.last_name()
    email, iban = f"{first}.{last}@exemple.fr".lower().replace(" ", ""), fake.iban()
    question = f"Je suis {first} {last}, mon email {email}, IBAN {iban} : qui valide la charte ?"
    raw = [f"{first} {last}", last, email, iban, iban[4:12]]

    api = start_api(database_url=database_url)
    staff = api.auth("staff")
    answer = httpx.post(f"{api.url}/v1/ask", json={"question": question}, headers=staff, timeout=60).json()
    assert "<EMAIL_1>" in answer["question_masked"] and answer["citations"]
    history = [
        {"role": "user", "content": question},
        {"role": "assistant", "content": f"Bonjour {first} {last}, {answer['answer']}"},
        {"role": "user", "content": f"Et pour {email} ?"},
    ]
    for stream in (False, True):
        chat = httpx.post(
            f"{api.url}/v1/chat/completions",
            json={"messages": history, "stream": stream},
            headers=staff,
            timeout=60,
        )
        assert chat.status_code == 200
    feedback = {"answer_id": answer["id"], "rating": "down", "comment": f"Signé {first} {last}, {iban}"}
    assert httpx.post(f"{api.url}/v1/feedback", json=feedback, headers=staff).status_code == 201
    audit = httpx.get(f"{api.url}/v1/audit", headers=api.auth("dpo")).json()
    assert audit["total"] == 3

    places = {
        "database": dump_database(database_url),
        "logs": "\n".join(record.getMessage() for record in caplog.records),
        "metrics": httpx.get(f"{api.url}/metrics").text,
        "audit API": json.dumps(audit, ensure_ascii=False),
    }
    assert "/v1/ask" in places["logs"] and answer["id"] in places["logs"]  # the logs were captured
    assert "<PERSON_1>" in places["database"] and "<IBAN" in places["database"]
    for place, text in places.items():
        for value in raw:
            assert value not in text, f"{value!r} found in {place}"
    assert not any(api.keys[role] in places["database"] for role in ("staff", "dpo", "admin"))


# Values of the blind development sets the masker does not find at all, listed rather than silently
# left out of the leak check below: (set, sentence id, entity). The list may shrink, never grow (the
# entries of dev3 to dev7, dev9 and dev11 to dev15 came with each set, spent as the fresh set and
# measured once after the pass that never tuned on it; dev8's and dev10's, each written blind as a
# development set, were measured before any tuning on it).
KNOWN_MISSES = {
    ("dev2", "pf045", "PERSON"),  # « Petit, t'as oublié… »: a surname that is a word, as a nickname
    ("dev3", "ph142", "PERSON"),  # « remplace julien »: a lowercase first name as a verb's object
    ("dev3", "ph146", "PERSON"),  # « JB a payé »: initials alone
    ("dev3", "ph201", "PERSON"),  # « No — Hannah used her… »: a first name opening a clause, English
    ("dev4", "pk026", "PERSON"),  # « S. Noël » in a pasted table cell: an initial and a word-surname
    ("dev4", "pk055", "PERSON"),  # « Li Na (李娜) » opening a signature: two-letter names
    ("dev4", "pk258", "PERSON"),  # « vikram le siren… »: a lowercase first name opening the line
    ("dev4", "pk279", "PERSON"),  # « - Li Na absente »: a two-letter name in a list item
    ("dev5", "pq050", "PERSON"),  # 'NICOOO' in « NICOOO ton IBAN dans le fi »
    ("dev5", "pq077", "PERSON"),  # 'caro' in « rais, c'est bon pour toi caro ? »
    ("dev5", "pq182", "ADDRESS"),  # 'Villa 112, Sicap Liberté 4, Dakar' in « s for Awa Diop in Dakar: Vill…»
    ("dev5", "pq194", "PERSON"),  # 'cheikh' in « cheikh demande si on peut  »
    ("dev5", "pq262", "PERSON"),  # 'Ben' in « Reminder: Ben and Ayesha are cove »
    ("dev6", "pr007", "PERSON"),  # 'dede' in « dede est en congés jusqu»
    ("dev6", "pr007", "PERSON"),  # 'Steph' in « qu'au 15, voir avec Steph pour les validation»
    ("dev6", "pr103", "PERSON"),  # 'Toto' in « mdr Toto a encore oublié son»
    ("dev8", "pv005", "PERSON"),  # 'léa' in « jsuis avec léa (la vraie, pas Léa-»
    ("dev8", "pv046", "PERSON"),  # 'clémence' in « 00085) est bloquée, clémence relance la compta»
    ("dev8", "pv191", "PERSON"),  # 'mai' in « can u add mai to the Léa-bot chan»
    ("dev9", "pt029", "PERSON"),  # 'steph' in « 'ai perdu le num de steph, c'etait un truc ge»
    ("dev9", "pt032", "ADDRESS"),  # 'Immeuble Fahd, Boulevard Djily Mbaye, Dakar' in « nsultant SI – Dakar I»
    ("dev9", "pt061", "PERSON"),  # 'priya' in « priya bosse depuis bangal»
    ("dev9", "pt084", "PERSON"),  # 'clem' in « jai mis clem en copie, son tel p»
    ("dev9", "pt098", "PERSON"),  # 'dumont' in « 20.57 c le poste de dumont ? ya un truc louche»
    ("dev10", "px053", "PERSON"),  # 'JB' in « rte affaire de JB c'est la 4974  »
    ("dev10", "px114", "PERSON"),  # 'nath' in « cc c'est nath ! mon nouveau  »
    ("dev10", "px138", "PERSON"),  # 'Can' in « Can you remind Can that his fligh »
    ("dev10", "px162", "PERSON"),  # 'Nacho' in « Nacho (Ignacio Garcí »
    ("dev11", "pu011", "PERSON"),  # 'Anjali' in « Hi all, Anjali and Vikram Sin »
    ("dev11", "pu022", "PERSON"),  # 'lulu' in « lulu (enfin Lucienn »
    ("dev11", "pu046", "PERSON"),  # 'raj' in « Hey, raj here – my new  »
    ("dev11", "pu102", "PHONE"),  # '040 92505578' in « ckfragen unter 040 92505578. »
    ("dev11", "pu183", "PERSON"),  # « Le fournisseur Hans-Peter Müller nous demande »
    ("dev12", "py004", "PERSON"),  # 'raj' in « et the VPN for raj, his laptop IP »
    ("dev13", "pw009", "FR_SIRET"),  # '07017326500021' in « Saveurs d'Asie;07017326500021;Mai Pham;01 43 »
    ("dev13", "pw046", "CREDIT_CARD"),  # '5412 9823 4910 2788'
    ("dev13", "pw068", "PERSON"),  # 'Marc' in «  failed again. Marc gave card numb »
    ("dev13", "pw074", "PERSON"),  # 'Camille' in « Camille part à Dubaï l »
    ("dev13", "pw121", "PERSON"),  # '이서연' in « 이서연 (Seo-yeon Lee) »
    ("dev13", "pw140", "PERSON"),  # 'Дмитрий Ковальчук' in « Дмитрий Ковальчук (Dmitri) n'est »
    ("dev13", "pw181", "PERSON"),  # 'Haddad' in « canéda Famille Haddad;résidence les  »
    ("dev13", "pw182", "PERSON"),  # 'Lucas' in « ok pour moi. Lucas valide et Ophé »
    ("dev14", "pz077", "PERSON"),  # 'jen' in « forwarding for jen: her new addre »
    ("dev14", "pz117", "PERSON"),  # 'Lorenzo Bianchi' in « Our supplier Lorenzo Bianchi requested paym »
    ("dev15", "pb015", "PERSON"),  # 'Sophie' in « aart 2024 Aan: Sophie Onderwerp: IBA »
    ("dev15", "pb023", "PERSON"),  # 'Wouter' in « Wouter de Gand m'a fi »
    ("dev15", "pb049", "FR_PASSPORT"),  # '2OKD38215' in « t his passport 2OKD38215, can you doubl »
    ("dev15", "pb054", "PERSON"),  # 'Kowalski' in « Heads-up: Kowalski shared the IP  »
    ("dev15", "pb067", "PERSON"),  # 'Pierre' in « 24 12:03 Para: Pierre Asunto: datos  »
    ("dev15", "pb128", "PERSON"),  # 'Hendriks' in « The log shows Hendriks connecting fro »
    ("dev15", "pb135", "PERSON"),  # 'Guillaume' in « .03.2024 Кому: Guillaume  Merci pour l' »
    ("dev15", "pb154", "PERSON"),  # 'Dimitris' in « 7 1060 1903 de Dimitris a bien été ret »
    ("dev15", "pb174", "PERSON"),  # 'Mathilde' in « .com.br> Para: Mathilde Assunto: Fwd:  »
    ("dev15", "pb188", "PERSON"),  # 'Ananya' in « Please loop in Ananya (cc Vikram Iye »
    ("dev15", "pb198", "PERSON"),  # 'Ayşe Demir' in « Ayşe Demir;TR40 7464 1803 »
}


def test_every_blind_development_sentence_leaves_no_raw_value_behind(start_api, caplog, tmp_path) -> None:
    """Every sentence with PII of the blind development sets (chat, signatures, forwarded mails,
    pasted tables, English…) asked through /v1/ask: no raw value the masker finds is left in the audit
    database, the logs or /metrics; the values it misses entirely are exactly :data:`KNOWN_MISSES`."""
    caplog.set_level(logging.INFO)
    masker = default_guardrails().masker
    sentences = [(name, sentence) for name in DEV_SETS for sentence in load_blind_set(name).labeled]
    missed = set()
    for name, sentence in sentences:
        found = masker.find(sentence.text)
        for span in sentence.spans:
            if not any(f.start < span.end and span.start < f.end for f in found):
                missed.add((name, sentence.template_id, span.entity))
    assert missed == KNOWN_MISSES
    assert len(sentences) >= 500

    database_url = f"sqlite:///{tmp_path / 'blind-audit.db'}"
    api = start_api(database_url=database_url, rate_limit_per_minute=100000)
    staff = api.auth("staff")
    for _, sentence in sentences:
        response = httpx.post(
            f"{api.url}/v1/ask", json={"question": sentence.text}, headers=staff, timeout=60
        )
        assert response.status_code == 200, sentence.template_id
    places = {
        "database": dump_database(database_url),
        "logs": "\n".join(record.getMessage() for record in caplog.records),
        "metrics": httpx.get(f"{api.url}/metrics").text,
    }
    audit = httpx.get(f"{api.url}/v1/audit", params={"limit": 1}, headers=api.auth("dpo")).json()
    assert audit["total"] == len(sentences)
    assert "<PERSON_1>" in places["database"] and "<PHONE_1>" in places["database"]
    # a known miss stays raw in its own sentence: the same value found elsewhere (« Bastien » of dev2 and
    # of dev4's known miss), or a word of it (« Małgorzata » of dev2 in dev6's « Małgorzata Wiśniewska »), is
    # not checked, since the known miss puts it there
    missed_values = {
        sentence.text[span.start : span.end]
        for name, sentence in sentences
        for span in sentence.spans
        if (name, sentence.template_id, span.entity) in KNOWN_MISSES
    }
    # a value that another sentence uses as an ordinary word, outside its labelled spans (« petit », a
    # surname of dev3, is an adjective in a dev7 sentence), is in the database as that word
    ordinary = [_unlabelled(sentence) for _, sentence in sentences]
    # and a value that the corpus uses as a word (« claire », an adjective of the passages the extractive
    # answers quote) is in the database as that word
    ordinary += [path.read_text(encoding="utf-8") for path in sorted((REPO / "corpus").rglob("*.md"))]
    checked = 0
    for name, sentence in sentences:
        for span in sentence.spans:
            if (name, sentence.template_id, span.entity) in KNOWN_MISSES:
                continue
            value = re.compile(rf"(?<![^\W_]){re.escape(sentence.text[span.start : span.end])}(?![^\W_])")
            if any(value.search(missed) for missed in missed_values) or any(map(value.search, ordinary)):
                continue
            checked += 1
            for place, text in places.items():  # as a whole word: « ludo » is in « saludo »
                assert not value.search(text), (
                    f"{span.entity} of {name}/{sentence.template_id} found in {place}"
                )
    assert checked >= 1400


def _unlabelled(sentence: LabeledSentence) -> str:
    """The sentence with its labelled spans blanked: its ordinary words."""
    text = sentence.text
    for span in sentence.spans:
        text = text[: span.start] + " " * (span.end - span.start) + text[span.end :]
    return text


def exchange(answer_id: str) -> AskResult:
    return AskResult(
        id=answer_id, question_masked="q", answer="a", abstained=False, guardrails=GuardrailsReport()
    )


def cli(database_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "GOUVERNAIL_DATABASE_URL": database_url,
        "GOUVERNAIL_DATA_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run([GOUVERNAIL, *args], env=env, capture_output=True, text=True, timeout=120)


def test_purge_removes_rows_past_retention(database_url, tmp_path) -> None:
    engine = make_engine(database_url)
    store = AuditStore(engine)
    for answer_id in ("old-1", "old-2", "new-1"):
        store.record(exchange(answer_id), answer_id=answer_id, key_id="key_x", route="/v1/ask", latency_ms=1)
    store.add_feedback("old-1", key_id="key_x", rating="up", comment_masked="")
    store.add_feedback("new-1", key_id="key_x", rating="3", comment_masked="")
    with engine.begin() as connection:
        connection.execute(
            update(ExchangeRow)
            .where(ExchangeRow.id.like("old-%"))
            .values(created_at=utcnow() - timedelta(days=400))
        )
    engine.dispose()

    purged = cli(database_url, tmp_path, "audit", "purge")
    assert purged.returncode == 0, purged.stderr
    assert purged.stdout.strip() == "purged 3 rows older than 365 days (2 exchanges, 1 feedback)"
    assert AuditStore(make_engine(database_url)).exchanges()[0] == 1
    everything = cli(database_url, tmp_path, "audit", "purge", "--older-than-days", "0")
    assert everything.stdout.startswith("purged 2 rows")


def test_key_commands(database_url, tmp_path) -> None:
    created = cli(database_url, tmp_path, "keys", "create", "--role", "dpo", "--name", "Équipe DPO")
    assert created.returncode == 0, created.stderr
    token = created.stdout.splitlines()[-1]
    assert token.startswith("gv_") and len(token) > 40
    listed = cli(database_url, tmp_path, "keys", "list").stdout
    engine = make_engine(database_url)
    with engine.connect() as connection:
        key_id, digest = connection.execute(select(ApiKeyRow.id, ApiKeyRow.token_sha256)).one()
    assert key_id in listed and "dpo" in listed and "active" in listed and token not in listed
    assert token not in dump_database(database_url) and len(digest) == 64
    revoked = cli(database_url, tmp_path, "keys", "revoke", key_id)
    assert revoked.returncode == 0 and "revoked" in cli(database_url, tmp_path, "keys", "list").stdout
    unknown = cli(database_url, tmp_path, "keys", "revoke", "key_nope")
    assert unknown.returncode == 2 and unknown.stderr.strip() == "error: no API key key_nope"
    bad = cli(database_url, tmp_path, "keys", "create", "--role", "root")
    assert bad.returncode == 2 and "staff, dpo, admin" in bad.stderr
