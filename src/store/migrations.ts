/**
 * Schema changes, applied once each by name (so modules can add theirs without renumbering).
 * Never edit one that has shipped: add a new one.
 */
export interface Migration {
  name: string;
  sql: string;
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
    name: '010-inventory-cache',
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
];
