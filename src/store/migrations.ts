/**
 * Schema changes, applied once each by name (so modules can add theirs without renumbering).
 * Never edit one that has shipped: add a new one.
 */
export interface Migration {
  name: string;
  sql: string;
  /** The same text runs on Postgres (plain tables, TEXT columns): no separate Postgres version is written. */
  portable?: true;
}

export const MIGRATIONS: Migration[] = [
  {
    name: '001-approvals-and-audit',
    sql: `CREATE TABLE approval_requests (
       id TEXT PRIMARY KEY,
       state TEXT NOT NULL,
       plan TEXT NOT NULL,
       requester TEXT NOT NULL,
       place TEXT NOT NULL,
       message TEXT,
       created_at TEXT NOT NULL,
       expires_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       closed_by TEXT,
       result TEXT
     );
     CREATE INDEX approval_requests_state ON approval_requests(state);
     CREATE TABLE approval_votes (
       request_id TEXT NOT NULL REFERENCES approval_requests(id),
       user_key TEXT NOT NULL,
       user TEXT NOT NULL,
       at TEXT NOT NULL,
       PRIMARY KEY (request_id, user_key)
     );
     CREATE TABLE audit_log (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       at TEXT NOT NULL,
       request_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       actor TEXT,
       data TEXT NOT NULL,
       prev_hash TEXT NOT NULL,
       hash TEXT NOT NULL
     );
     CREATE INDEX audit_log_request ON audit_log(request_id);`,
  },
  {
    // Where the bot may post without an incoming message (digests, progress after a restart):
    // one platform conversation reference per channel/chat, as the platform handed it to us.
    name: '008-conversation-references',
    // The same text runs on Postgres.
    portable: true,
    sql: `CREATE TABLE conversation_references (
       platform TEXT NOT NULL,
       channel TEXT NOT NULL,
       reference TEXT NOT NULL,
       name TEXT,
       kind TEXT,
       updated_at TEXT NOT NULL,
       PRIMARY KEY (platform, channel)
     );`,
  },
  // Approvals carry a revision (the card was refreshed after the facts changed; votes start over) and
  // remember when an interrupted execution was reported in its thread. The audit trail refuses UPDATE and
  // DELETE: only someone who drops these triggers can change it, and `cloudops audit verify` finds that.
  {
    name: '060-approval-revisions-and-append-only-audit',
    sql: `ALTER TABLE approval_requests ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE approval_requests ADD COLUMN announced_at TEXT;
     CREATE INDEX approval_requests_expiry ON approval_requests(state, expires_at);
     CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
  },
  {
    name: '009-digests',
    sql: `CREATE TABLE cost_explorer_cache (
         key TEXT PRIMARY KEY,
         operation TEXT NOT NULL,
         fetched_at TEXT NOT NULL,
         expires_at TEXT NOT NULL,
         body TEXT NOT NULL
       );
       CREATE TABLE digest_runs (
         run_key TEXT PRIMARY KEY,
         kind TEXT NOT NULL,
         platform TEXT NOT NULL,
         channel TEXT NOT NULL,
         scheduled_for TEXT NOT NULL,
         claimed_at TEXT NOT NULL,
         claimed_by TEXT NOT NULL,
         state TEXT NOT NULL,
         message TEXT,
         detail TEXT,
         finished_at TEXT
       );
       CREATE TABLE tagging_snapshots (
         seq INTEGER PRIMARY KEY AUTOINCREMENT,
         taken_at TEXT NOT NULL,
         source TEXT NOT NULL,
         total INTEGER NOT NULL,
         compliant INTEGER NOT NULL,
         by_type TEXT NOT NULL,
         offenders TEXT NOT NULL
       );`,
  },
  {
    name: '010-inventory-cache',
    // The same text runs on Postgres.
    portable: true,
    sql: `CREATE TABLE inventory_slices (
       source TEXT NOT NULL,
       account TEXT NOT NULL,
       region TEXT NOT NULL,
       scanner TEXT NOT NULL,
       account_alias TEXT,
       last_attempt TEXT,
       last_success TEXT,
       error TEXT,
       code TEXT,
       PRIMARY KEY (source, account, region, scanner)
     );
     CREATE TABLE inventory_resources (
       source TEXT NOT NULL,
       account TEXT NOT NULL,
       region TEXT NOT NULL,
       scanner TEXT NOT NULL,
       type TEXT NOT NULL,
       id TEXT NOT NULL,
       data TEXT NOT NULL,
       PRIMARY KEY (source, account, region, scanner, type, id)
     );`,
  },
  {
    // Chat deliveries already handled (Slack trigger/event/action ids), so a replayed signed request
    // is dropped after a restart too. Rows older than an hour are deleted as new ones arrive.
    name: '130-seen-requests',
    sql: `CREATE TABLE seen_requests (
       key TEXT PRIMARY KEY,
       seen_at INTEGER NOT NULL
     );
     CREATE INDEX seen_requests_age ON seen_requests(seen_at);`,
  },
  {
    // The audit trail's seal: how many records it has and the newest one's number and hash, moved in the
    // same transaction as every append. A trail cut short, or dropped and re-created, no longer matches it.
    name: '140-audit-seal',
    sql: `CREATE TABLE audit_seal (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       records INTEGER NOT NULL,
       seq INTEGER NOT NULL,
       hash TEXT NOT NULL
     );
     INSERT INTO audit_seal (id, records, seq, hash)
       SELECT 1, COUNT(*), COALESCE(MAX(seq), 0), COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
         '${'0'.repeat(64)}') FROM audit_log;
     CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal BEGIN SELECT RAISE(ABORT, 'the audit seal cannot be deleted'); END;`,
  },
  {
    // Who is running an execution, and until when that holds unless renewed (a heartbeat). Only a run
    // whose lease expired is interrupted by another process; a live one is left alone.
    name: '141-run-leases',
    portable: true,
    sql: `CREATE TABLE run_leases (
       request_id TEXT PRIMARY KEY REFERENCES approval_requests(id),
       owner TEXT NOT NULL,
       heartbeat_at TEXT NOT NULL,
       expires_at TEXT NOT NULL
     );`,
  },
  {
    // Where each request's card was posted (its copies too): a click decides a request only from there.
    // Requests posted before this table existed keep their card's message as its one origin.
    name: '142-card-origins',
    sql: `CREATE TABLE card_origins (
       request_id TEXT NOT NULL REFERENCES approval_requests(id),
       platform TEXT NOT NULL,
       channel TEXT NOT NULL,
       message_id TEXT NOT NULL,
       thread TEXT,
       kind TEXT NOT NULL,
       posted_at TEXT NOT NULL,
       PRIMARY KEY (request_id, platform, channel, message_id)
     );
     INSERT OR IGNORE INTO card_origins (request_id, platform, channel, message_id, thread, kind, posted_at)
       SELECT id, json_extract(message, '$.place.platform'), json_extract(message, '$.place.channel'), json_extract(message,
         '$.id'), json_extract(message, '$.place.thread'), 'card', updated_at
       FROM approval_requests WHERE message IS NOT NULL AND json_extract(message, '$.id') <> '';`,
  },
  {
    // What replicas share besides approvals: the scan lease (one replica scans an estate at a time, the
    // others read the cache) and conversation state (clarification choices waiting for a click, the plan
    // a thread follows up on), each with an expiry in epoch milliseconds.
    name: '150-replica-state',
    portable: true,
    sql: `CREATE TABLE inventory_scan_leases (
       source TEXT PRIMARY KEY,
       owner TEXT NOT NULL,
       expires_at BIGINT NOT NULL
     );
     CREATE TABLE conversation_state (
       kind TEXT NOT NULL,
       key TEXT NOT NULL,
       value TEXT NOT NULL,
       expires_at BIGINT NOT NULL,
       PRIMARY KEY (kind, key)
     );
     CREATE INDEX conversation_state_expiry ON conversation_state(expires_at);`,
  },
  {
    // Findings put aside per resource (one rule, or `*` for all), until a time, with who and why.
    name: '200-finding-snoozes',
    portable: true,
    sql: `CREATE TABLE finding_snoozes (
       rule TEXT NOT NULL,
       resource_key TEXT NOT NULL,
       reason TEXT NOT NULL,
       snoozed_by TEXT NOT NULL,
       until TEXT NOT NULL,
       created_at TEXT NOT NULL,
       PRIMARY KEY (rule, resource_key)
     );`,
  },
  {
    // The digests' "What stands out" paragraphs, by the digest's content hash: one model call per distinct digest.
    name: '201-digest-narratives',
    portable: true,
    sql: `CREATE TABLE digest_narratives (
       hash TEXT PRIMARY KEY,
       text TEXT NOT NULL,
       created_at TEXT NOT NULL
     );`,
  },
  {
    // Alert incidents (issue 16): one row per alert key (source, alarm, resource), its card, repeat count and
    // state; `carded` + `opened_at` count a rule's new cards for its rate limit. Runs as is on Postgres.
    name: '220-alert-incidents',
    portable: true,
    sql: `CREATE TABLE alert_incidents (
       incident_key TEXT PRIMARY KEY,
       rule TEXT NOT NULL,
       state TEXT NOT NULL,
       repeats INTEGER NOT NULL,
       first_seen TEXT NOT NULL,
       last_seen TEXT NOT NULL,
       opened_at TEXT NOT NULL,
       carded INTEGER NOT NULL,
       request_id TEXT,
       message TEXT,
       alert TEXT NOT NULL,
       card_updated_at TEXT,
       resolved_at TEXT
     );
     CREATE INDEX alert_incidents_rule ON alert_incidents(rule, opened_at);
     CREATE INDEX alert_incidents_request ON alert_incidents(request_id);`,
  },
  {
    // Which outcome of an alert incident's plan was sent to the rule's outgoing webhook (claimed once, by one replica).
    name: '221-alert-notifications',
    portable: true,
    sql: `ALTER TABLE alert_incidents ADD COLUMN notified TEXT;`,
  },
];
