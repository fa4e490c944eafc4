package sink

import (
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"google.golang.org/protobuf/encoding/protojson"
	_ "modernc.org/sqlite" // the pure-Go driver "sqlite"
)

// sqliteSchema is the schema of the SQLite output; batch/README.md documents it.
const sqliteSchema = `
CREATE TABLE IF NOT EXISTS documents (
	sha256            TEXT PRIMARY KEY, -- hex SHA-256 of the file: the document's identity
	name              TEXT NOT NULL,    -- the path it was read from
	media_type        TEXT NOT NULL,
	size              INTEGER NOT NULL,
	pages             INTEGER NOT NULL,
	encoding          TEXT NOT NULL,
	kind              TEXT,             -- doc.kind: budget, final_accounts
	scope             TEXT,             -- doc.scope: department, unit
	fiscal_year       INTEGER,          -- doc.fiscal_year
	unit_name         TEXT,             -- doc.unit_name
	region            TEXT,             -- doc.region
	extractor_version TEXT NOT NULL,
	record            TEXT NOT NULL     -- the whole record as protojson
);
CREATE TABLE IF NOT EXISTS facts (
	sha256     TEXT NOT NULL REFERENCES documents(sha256),
	seq        INTEGER NOT NULL,        -- the fact's place in the document's flat order
	key        TEXT NOT NULL,           -- FIELDS.md key
	value      TEXT NOT NULL,           -- as in the flat output: yuan with two decimals, counts, text
	span_start INTEGER,                 -- rune offsets into the normalised text
	span_end   INTEGER,
	page       INTEGER,                 -- 1-based page, 0 for formats without pages
	quote      TEXT,                    -- the text the fact was read from
	PRIMARY KEY (sha256, seq)
);
CREATE INDEX IF NOT EXISTS facts_key ON facts (key, value);
CREATE TABLE IF NOT EXISTS warnings (
	sha256     TEXT NOT NULL REFERENCES documents(sha256),
	seq        INTEGER NOT NULL,
	code       TEXT NOT NULL,           -- sum_mismatch, unit_repaired, ...
	message    TEXT NOT NULL,
	keys       TEXT NOT NULL,           -- the keys involved, joined with ";"
	span_start INTEGER,
	span_end   INTEGER,
	page       INTEGER,
	PRIMARY KEY (sha256, seq)
);
CREATE INDEX IF NOT EXISTS warnings_code ON warnings (code);
CREATE TABLE IF NOT EXISTS lines (
	sha256        TEXT NOT NULL REFERENCES documents(sha256),
	seq           INTEGER NOT NULL,     -- the row's place among the document's table rows
	table_id      TEXT NOT NULL,        -- income, expenditure, general, economic, gov_fund, state_capital
	code          TEXT NOT NULL,        -- classification code (2010601, 30101), or 'total' for the 合计 row
	name          TEXT,                 -- 科目名称; NULL on the total row
	total         INTEGER,              -- amounts in 分 (fen, exact); NULL where the cell is blank
	appropriation INTEGER,
	basic         INTEGER,
	project       INTEGER,
	personnel     INTEGER,
	public        INTEGER,
	PRIMARY KEY (sha256, seq)
);
CREATE INDEX IF NOT EXISTS lines_table_code ON lines (table_id, code);
CREATE VIEW IF NOT EXISTS lines_yuan AS
SELECT l.sha256, d.name AS document, l.table_id, l.seq, l.code, l.name,
       l.total / 100.0 AS total, l.appropriation / 100.0 AS appropriation,
       l.basic / 100.0 AS basic, l.project / 100.0 AS project,
       l.personnel / 100.0 AS personnel, l.public / 100.0 AS public
FROM lines l JOIN documents d USING (sha256);
`

// commitEvery bounds the work a killed run loses: a transaction is committed after this
// many documents or this much time, whichever comes first.
const (
	commitEvery    = 256
	commitInterval = time.Second
)

// sqliteSink writes each document into the tables documents, facts and warnings, in
// transactions that a killed run loses whole or not at all.
type sqliteSink struct {
	db      *sql.DB
	tx      *sql.Tx
	stmts   *inserts // prepared in tx
	pending int
	since   time.Time
}

// inserts are the prepared statements that write one document.
type inserts struct {
	doc, fact, warning, line *sql.Stmt
}

func prepare(tx *sql.Tx) (*inserts, error) {
	var in inserts
	var err error
	if in.doc, err = tx.Prepare(`INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`); err != nil {
		return nil, err
	}
	if in.fact, err = tx.Prepare(`INSERT INTO facts VALUES (?,?,?,?,?,?,?,?)`); err != nil {
		return nil, err
	}
	if in.warning, err = tx.Prepare(`INSERT INTO warnings VALUES (?,?,?,?,?,?,?,?)`); err != nil {
		return nil, err
	}
	if in.line, err = tx.Prepare(`INSERT INTO lines VALUES (?,?,?,?,?,?,?,?,?,?,?)`); err != nil {
		return nil, err
	}
	return &in, nil
}

func openSQLite(path string) (Sink, map[string]bool, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(sqliteSchema); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("%s: creating tables: %w", path, err)
	}
	done := make(map[string]bool)
	rows, err := db.Query(`SELECT sha256 FROM documents`)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			db.Close()
			return nil, nil, err
		}
		done[s] = true
	}
	if err := rows.Close(); err != nil {
		db.Close()
		return nil, nil, err
	}
	return &sqliteSink{db: db}, done, nil
}

func (s *sqliteSink) Encode(rec *cnbudgetv1.Record) (*Encoded, error) {
	if _, err := sha(rec); err != nil {
		return nil, err
	}
	js, err := protojson.Marshal(rec)
	if err != nil {
		return nil, err
	}
	return &Encoded{rec: rec, data: js, facts: record.Facts(rec), lines: linesOf(rec)}, nil
}

func (s *sqliteSink) Write(e *Encoded) error {
	rec := e.rec
	var err error
	if s.tx == nil {
		if s.tx, err = s.db.Begin(); err != nil {
			return err
		}
		if s.stmts, err = prepare(s.tx); err != nil {
			s.tx.Rollback()
			s.tx = nil
			return err
		}
		s.since = time.Now()
	}
	if err := s.stmts.insert(e); err != nil {
		return fmt.Errorf("writing %s: %w", rec.GetDocument().GetName(), err)
	}
	s.pending++
	if s.pending >= commitEvery || time.Since(s.since) >= commitInterval {
		return s.commit()
	}
	return nil
}

func (in *inserts) insert(e *Encoded) error {
	rec, fs := e.rec, e.facts
	id := rec.GetDocument().GetSha256()
	head := map[string]any{}
	for _, f := range fs {
		switch f.Key {
		case "doc.kind", "doc.scope", "doc.unit_name", "doc.region":
			head[f.Key] = f.Value
		case "doc.fiscal_year":
			if y, err := strconv.ParseInt(f.Value, 10, 64); err == nil {
				head[f.Key] = y
			}
		}
	}
	d := rec.GetDocument()
	if _, err := in.doc.Exec(
		id, d.GetName(), d.GetMediaType(), d.GetSize(), d.GetPages(), d.GetEncoding(),
		head["doc.kind"], head["doc.scope"], head["doc.fiscal_year"], head["doc.unit_name"], head["doc.region"],
		rec.GetExtractorVersion(), string(e.data)); err != nil {
		return err
	}
	for i, f := range fs {
		sp := f.Span
		if _, err := in.fact.Exec(
			id, i, f.Key, f.Value, spanInt(sp, sp.GetStart()), spanInt(sp, sp.GetEnd()), spanInt(sp, sp.GetPage()), spanText(sp)); err != nil {
			return err
		}
	}
	for i, w := range rec.GetWarnings() {
		sp := w.GetSpan()
		if _, err := in.warning.Exec(
			id, i, record.WarningCodeName(w.GetCode()), w.GetMessage(), strings.Join(w.GetKeys(), ";"),
			spanInt(sp, sp.GetStart()), spanInt(sp, sp.GetEnd()), spanInt(sp, sp.GetPage())); err != nil {
			return err
		}
	}
	// The document's table rows, in the transaction of its row: a killed run loses
	// both or neither.
	for _, l := range e.lines {
		args := []any{id, l.Seq, l.TableID, l.Code, l.Name}
		for _, a := range l.amounts() {
			args = append(args, a)
		}
		if _, err := in.line.Exec(args...); err != nil {
			return err
		}
	}
	return nil
}

// spanInt returns v, or NULL when there is no span.
func spanInt(sp *cnbudgetv1.Span, v int32) any {
	if sp == nil {
		return nil
	}
	return v
}

func spanText(sp *cnbudgetv1.Span) any {
	if sp == nil {
		return nil
	}
	return sp.GetQuote()
}

func (s *sqliteSink) commit() error {
	if s.tx == nil {
		return nil
	}
	err := s.tx.Commit() // closes the statements prepared in it
	s.tx, s.stmts, s.pending = nil, nil, 0
	return err
}

func (s *sqliteSink) Close() error {
	err := s.commit()
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	return err
}
