package schema

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestDDLMissingComma: a column the parser cannot place is an error with
// file:line:col in every dialect, never a dropped column (#19).
func TestDDLMissingComma(t *testing.T) {
	cases := []struct{ name, ddl, at, found string }{
		{"postgres", "CREATE TABLE t (\n  a int NOT NULL,\n  b varchar(10) NOT NULL\n  c text\n);", "x.sql:4:3", `after column b, found "c"`},
		{"mysql", "CREATE TABLE `t` (\n  `a` int(11) unsigned NOT NULL AUTO_INCREMENT,\n  `b` varchar(10) DEFAULT NULL COMMENT 'x'\n  `c` text\n) ENGINE=InnoDB;", "x.sql:4:3", `after column b, found "c"`},
		{"sqlite", "CREATE TABLE t (a INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT b2 TEXT);", "x.sql:1:61", `after column b, found "b2"`},
		{"sql server", "CREATE TABLE [dbo].[t] (\n [a] INT IDENTITY(1,1) NOT NULL\n [b] NVARCHAR(50) NULL\n)\nGO\n", "x.sql:3:2", `after column a, found "b"`},
		{"after a default", "CREATE TABLE t (a int DEFAULT 0\n b text);", "x.sql:2:2", `after column a, found "b"`},
		{"after a cast default", "CREATE TABLE t (a text DEFAULT 'x'::character varying\n b text);", "x.sql:2:2", `after column a, found "b"`},
		{"after a function default", "CREATE TABLE t (a timestamp DEFAULT now() b text);", "x.sql:1:43", `after column a, found "b"`},
		{"before a constraint", "CREATE TABLE t (a int b int, PRIMARY KEY (a));", "x.sql:1:23", `after column a, found "b"`},
		{"in ALTER TABLE ADD", "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int c int;", "x.sql:2:32", `after column b, found "c"`},
		{"after a table constraint", "CREATE TABLE t (a int, PRIMARY KEY (a)\n b text);", "x.sql:2:2", `after the table constraint, found "b"`},
		{"after a mysql index", "CREATE TABLE t (a int, KEY idx (a) USING BTREE COMMENT 'k'\n b int);", "x.sql:2:2", `after the table constraint, found "b"`},
		{"after a foreign key", "CREATE TABLE t (a int, FOREIGN KEY (a) REFERENCES p(id) ON DELETE CASCADE b int);", "x.sql:1:75", `after the table constraint, found "b"`},
		{"a stray number", "CREATE TABLE t (a int 5);", "x.sql:1:23", `after column a, found "5"`},
		{"a stray parenthesis", "CREATE TABLE t (a int NULL (5));", "x.sql:1:28", `after column a, found "("`},
		{"comment without text", "CREATE TABLE t (a int COMMENT b);", "x.sql:1:31", "expected a quoted text"},
		{"generated without AS", "CREATE TABLE t (a int GENERATED ALWAYS IDENTITY);", "x.sql:1:40", "expected AS IDENTITY"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Parse("x.sql", []byte(c.ddl), Options{ReadFile: noDisk})
			if err == nil {
				t.Fatalf("loaded %v; want an error", s.SortedPaths())
			}
			wantErr(t, err, c.at, c.found)
		})
	}
}

// TestDDLColumnClauses: multi-word types and the constraint clauses of
// every dialect keep loading with all their columns.
func TestDDLColumnClauses(t *testing.T) {
	cases := []struct {
		name, ddl string
		wants     []want
	}{
		{"postgres", `CREATE TABLE t (
  a double precision,
  b character varying(10) COLLATE pg_catalog."default" NOT NULL,
  c timestamp(3) with time zone NOT NULL DEFAULT now(),
  d bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1),
  e int REFERENCES other(id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  f numeric(5,2) CHECK (f > 0) NOT NULL,
  g interval day to second(3),
  h text DEFAULT 'x'::character varying COLLATE "C",
  i text[] DEFAULT ARRAY[]::text[] STORAGE EXTERNAL COMPRESSION lz4,
  j int GENERATED ALWAYS AS (d * 2) STORED,
  k timestamp DEFAULT (now() AT TIME ZONE 'utc') NOT NULL,
  l boolean DEFAULT NOT false,
  m int DEFAULT CASE WHEN true THEN 1 ELSE 0 END,
  n date DEFAULT DATE '2020-01-01',
  o text CONSTRAINT o_nn NOT NULL CONSTRAINT o_chk CHECK (o <> '') NO INHERIT
);`, []want{
			{path: "a", typ: Float}, {path: "b", typ: String, maxLen: 10, req: yes},
			{path: "c", typ: TimestampTZ, req: yes}, {path: "d", typ: Integer, gen: true},
			{path: "e", refs: "other.id"}, {path: "f", typ: Decimal, req: yes}, {path: "g", typ: String, format: "interval"},
			{path: "h", typ: String}, {path: "i", typ: Array}, {path: "j", gen: true}, {path: "k", req: yes},
			{path: "l", typ: Boolean}, {path: "m", typ: Integer}, {path: "n", typ: Date}, {path: "o", req: yes},
		}},
		{"mysql", "CREATE TABLE `m` (\n" +
			"  `a` int(10) UNSIGNED ZEROFILL NOT NULL AUTO_INCREMENT COMMENT 'the id',\n" +
			"  `b` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT '' COMMENT 'x',\n" +
			"  `c` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n" +
			"  `d` bit(1) NOT NULL DEFAULT b'0',\n" +
			"  `e` int AS (`a` + 1) VIRTUAL INVISIBLE,\n" +
			"  `f` varchar(10) BINARY COLUMN_FORMAT DYNAMIC STORAGE DISK,\n" +
			"  `g` point NOT NULL SRID 4326,\n" +
			"  `h` varchar(5) DEFAULT _utf8mb4'x' UNIQUE KEY,\n" +
			"  `i` int KEY,\n" +
			"  `j` decimal(10,2) unsigned DEFAULT '0.00' NOT NULL ENGINE_ATTRIBUTE='{}',\n" +
			"  PRIMARY KEY (`a`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;", []want{
			{path: "a", typ: Integer, gen: true, pk: true}, {path: "b", typ: String, maxLen: 20}, {path: "c", typ: Timestamp, req: yes},
			{path: "d", typ: Boolean}, {path: "e", gen: true}, {path: "f", typ: String}, {path: "g", req: yes}, {path: "h"}, {path: "i", pk: true},
			{path: "j", typ: Decimal, req: yes},
		}},
		{"sqlite", `CREATE TABLE s (a INTEGER PRIMARY KEY ASC ON CONFLICT REPLACE, b TEXT COLLATE NOCASE DEFAULT (datetime('now')), c REAL UNIQUE ON CONFLICT IGNORE, d TEXT AS (b || 'x') STORED, e INT NOT NULL ON CONFLICT ABORT);`, []want{
			{path: "a", pk: true}, {path: "b", typ: String}, {path: "c", typ: Float}, {path: "d", gen: true}, {path: "e", req: yes},
		}},
		{"sql server", "CREATE TABLE [dbo].[T] (\n [Id] [int] IDENTITY(1,1) NOT FOR REPLICATION NOT NULL,\n [G] [uniqueidentifier] ROWGUIDCOL NOT NULL DEFAULT (newsequentialid()),\n [E] [nvarchar](100) MASKED WITH (FUNCTION = 'email()') NULL,\n [S] [varchar](10) SPARSE NULL,\n [P] [money] NOT NULL CONSTRAINT [DF_P] DEFAULT ((0)),\n CONSTRAINT [PK_T] PRIMARY KEY CLUSTERED ([Id] ASC)\n)\nGO\n", []want{
			{path: "Id", gen: true, pk: true}, {path: "G", typ: UUID, req: yes}, {path: "E", typ: String, maxLen: 100}, {path: "S"}, {path: "P", typ: Decimal, req: yes},
		}},
		{"table constraints with options", "CREATE TABLE c (a int, b int, c text,\n CONSTRAINT pk PRIMARY KEY (a, b) WITH (fillfactor=70) USING INDEX TABLESPACE ts DEFERRABLE INITIALLY DEFERRED,\n UNIQUE KEY uq (c) USING HASH COMMENT 'u' INVISIBLE,\n KEY ix (b) KEY_BLOCK_SIZE = 8,\n CONSTRAINT ck CHECK (a > 0) NOT VALID,\n FOREIGN KEY (b) REFERENCES p (id) MATCH FULL ON DELETE SET NULL NOT DEFERRABLE\n);\nALTER TABLE c ADD KEY ix2 (c);\nALTER TABLE c ADD INDEX (a);", []want{
			{path: "a", pk: true}, {path: "b", pk: true, refs: "p.id"}, {path: "c"},
		}},
		{"oracle", "CREATE TABLE o (a NUMBER(10) GENERATED BY DEFAULT ON NULL AS IDENTITY, b VARCHAR2(20 BYTE) NOT NULL ENABLE, c DATE DEFAULT SYSDATE, d INTERVAL YEAR(2) TO MONTH);", []want{
			{path: "a", typ: Integer, gen: true}, {path: "b", typ: String, maxLen: 20, req: yes}, {path: "c", typ: Date}, {path: "d", typ: String},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustParse(t, "t.sql", c.ddl, Options{})
			if len(s.Fields) != len(c.wants) {
				t.Errorf("%d fields %v, want %d", len(s.Fields), s.SortedPaths(), len(c.wants))
			}
			for _, w := range c.wants {
				checkField(t, s, w)
			}
		})
	}
}

// genNames are column name patterns (%d is the column number): plain,
// quoted in each dialect's way, with a doubled quote, non-ASCII.
var genNames = []string{"id%d", "name%d", "amount%d", "created_at%d", `"Mixed Case%d"`, "`back%d`", "[br ack%d]", `"a""b%d"`, "col_%d", "x1_%d", "über%d"}

// genTable writes a well-formed CREATE TABLE from r: n columns with
// dialect types and constraint clauses, optional table constraints, and
// varied layout. It returns the DDL and the column count.
func genTable(r *rand.Rand) (string, int) {
	types := []string{"int", "integer", "bigint", "smallint", "varchar(10)", "character varying(255)", "char(3)", "text",
		"numeric(10,2)", "decimal(5)", "double precision", "real", "float", "boolean", "bool", "date", "time",
		"timestamp", "timestamp with time zone", "timestamp(6) without time zone", "timestamptz", "uuid", "bytea",
		"jsonb", "text[]", "int(11) unsigned", "tinyint(1)", "nvarchar(max)", "[nvarchar](40)", "bit", "money",
		"interval", "interval day to second", "varchar(20) CHARACTER SET latin1", "mediumtext", "datetime2(7)", "blob"}
	clauses := []string{"NOT NULL", "NULL", "PRIMARY KEY", "UNIQUE", "DEFAULT 0", "DEFAULT 'x'", "DEFAULT NULL",
		"DEFAULT now()", "DEFAULT CURRENT_TIMESTAMP", "DEFAULT ((0))", "DEFAULT -1", "DEFAULT 'a'::text", "DEFAULT nextval('s'::regclass)",
		"REFERENCES p(id)", "REFERENCES p (id) ON DELETE CASCADE", "CHECK (x > 0)", "COLLATE \"C\"", "COLLATE utf8mb4_bin",
		"COMMENT 'a, b'", "AUTO_INCREMENT", "IDENTITY(1,1)", "GENERATED ALWAYS AS IDENTITY", "GENERATED BY DEFAULT AS IDENTITY (START WITH 5)",
		"CONSTRAINT c1 NOT NULL", "ON UPDATE CURRENT_TIMESTAMP", "SPARSE", "INVISIBLE", "DEFAULT (1 + 2) * 3", "DEFAULT 'x' || 'y'"}
	n := 1 + r.Intn(12)
	var b strings.Builder
	b.WriteString("CREATE TABLE t (")
	first := ""
	sep := []string{"\n  ", " ", "\n\t", "\n  -- note, with a comma\n  "}
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(sep[r.Intn(len(sep))])
		name := fmt.Sprintf(genNames[r.Intn(len(genNames))], i)
		if i == 0 {
			first = name
		}
		fmt.Fprintf(&b, "%s %s", name, types[r.Intn(len(types))])
		for k := r.Intn(4); k > 0; k-- {
			b.WriteString(" " + clauses[r.Intn(len(clauses))])
		}
	}
	if r.Intn(3) == 0 {
		b.WriteString(",\n  PRIMARY KEY (" + first + ")")
		b.WriteString(",\n  CONSTRAINT ck CHECK (1 = 1)")
	}
	b.WriteString("\n);\n")
	return b.String(), n
}

// TestDDLColumnCountProperty: for generated well-formed tables the
// parsed field count equals the column count, and dropping one comma
// between two columns is an error, never a silently lost column.
func TestDDLColumnCountProperty(t *testing.T) {
	r := rand.New(rand.NewSource(19))
	for i := 0; i < 3000; i++ {
		checkGenTable(t, r)
	}
}

// FuzzDDLColumnCount is the same property driven by the fuzzer's seed.
func FuzzDDLColumnCount(f *testing.F) {
	f.Add(int64(1))
	f.Add(int64(19))
	f.Fuzz(func(t *testing.T, seed int64) {
		checkGenTable(t, rand.New(rand.NewSource(seed)))
	})
}

func checkGenTable(t *testing.T, r *rand.Rand) {
	t.Helper()
	ddl, n := genTable(r)
	s, err := Parse("g.sql", []byte(ddl), Options{ReadFile: noDisk})
	if err != nil {
		t.Fatalf("%v\n%s", err, ddl)
	}
	if len(s.Fields) != n {
		t.Fatalf("%d fields, want %d:\n%s", len(s.Fields), n, ddl)
	}
	if n < 2 {
		return
	}
	// Drop the comma before column k (the generator writes ",<sep><name>k ").
	k := 1 + r.Intn(n-1)
	cols := strings.SplitN(ddl, "(", 2)
	body := cols[1]
	idx := -1
	for _, nm := range genNames {
		for _, sp := range []string{"\n  ", " ", "\n\t", "\n  -- note, with a comma\n  "} {
			if j := strings.Index(body, ","+sp+fmt.Sprintf(nm, k)+" "); j >= 0 {
				idx = j
			}
		}
	}
	if idx < 0 {
		t.Fatalf("column %d not found in\n%s", k, ddl)
	}
	broken := cols[0] + "(" + body[:idx] + " " + body[idx+1:]
	if s, err := Parse("g.sql", []byte(broken), Options{ReadFile: noDisk}); err == nil {
		t.Fatalf("missing comma before column %d loaded as %d fields:\n%s", k, len(s.Fields), broken)
	}
}
