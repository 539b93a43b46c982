package schema

import (
	"errors"
	"strings"
	"testing"
)

func TestDDLTable(t *testing.T) {
	cases := []struct {
		name, ddl string
		wants     []want
	}{
		{"postgres types", `CREATE TABLE public.t (
  id bigserial PRIMARY KEY,
  code varchar(15) NOT NULL UNIQUE,
  amount numeric(10,2) DEFAULT 0 NOT NULL,
  small smallint,
  r real, d double precision, f float8,
  at timestamp, atz timestamptz, atz2 timestamp(3) with time zone, at2 timestamp without time zone,
  ok bool NOT NULL DEFAULT true,
  day date, tm time,
  u uuid, raw bytea,
  doc jsonb,
  tags text[],
  cust_id integer REFERENCES customers (id) ON DELETE CASCADE,
  CONSTRAINT amount_pos CHECK (amount >= 0)
);`, []want{
			{path: "id", typ: Integer, bits: 64, pk: true, gen: true, req: yes, nul: no, line: 2},
			{path: "code", typ: String, maxLen: 15, req: yes, nul: no},
			{path: "amount", typ: Decimal, prec: 10, scale: 2},
			{path: "small", typ: Integer, bits: 16, req: no, nul: yes},
			{path: "r", typ: Float}, {path: "d", typ: Float}, {path: "f", typ: Float},
			{path: "at", typ: Timestamp}, {path: "atz", typ: TimestampTZ}, {path: "atz2", typ: TimestampTZ}, {path: "at2", typ: Timestamp},
			{path: "ok", typ: Boolean, req: yes},
			{path: "day", typ: Date}, {path: "tm", typ: Time},
			{path: "u", typ: UUID}, {path: "raw", typ: Binary},
			{path: "doc", typ: Object, format: "json"},
			{path: "tags", typ: Array}, {path: "tags[]", typ: String},
			{path: "cust_id", refs: "customers.id"},
		}},
		{"enums: CREATE TYPE, CHECK IN, = ANY(ARRAY[...]), MySQL ENUM", `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE e (
  m mood NOT NULL,
  s text CHECK (s IN ('a', 'b')),
  p varchar(1),
  q ENUM('x','y','z'),
  CHECK ((p)::text = ANY (ARRAY['P'::text, 'S'::text, 'C'::text]))
);`, []want{
			{path: "m", typ: Enum, enum: 3, req: yes},
			{path: "s", typ: Enum, enum: 2},
			{path: "p", typ: Enum, enum: 3},
			{path: "q", typ: Enum, enum: 3},
		}},
		{"table constraints and ALTER TABLE", `CREATE TABLE a (x int, y int, z varchar(3));
ALTER TABLE ONLY a ADD CONSTRAINT a_pkey PRIMARY KEY (x, y);
ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (z) REFERENCES other(code);
ALTER TABLE a ALTER COLUMN z SET NOT NULL;
ALTER TABLE a ALTER COLUMN y SET DEFAULT nextval('a_y_seq'::regclass);`, []want{
			{path: "x", pk: true, req: yes, nul: no},
			{path: "y", pk: true, gen: true},
			{path: "z", refs: "other.code", req: yes, nul: no},
		}},
		{"sqlite", `CREATE TABLE IF NOT EXISTS "t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "v" TEXT DEFAULT 'a;b');`, []want{
			{path: "id", pk: true, gen: true},
			{path: "v", typ: String},
		}},
		{"sql server", "CREATE TABLE [dbo].[T] (\n [Id] INT IDENTITY(1,1) NOT NULL,\n [N] NVARCHAR(50) NULL,\n [M] NVARCHAR(MAX),\n [B] BIT NOT NULL DEFAULT ((0)),\n CONSTRAINT [PK_T] PRIMARY KEY CLUSTERED ([Id] ASC)\n)\nGO\n", []want{
			{path: "Id", typ: Integer, gen: true, pk: true, line: 2},
			{path: "N", typ: String, maxLen: 50, nul: yes},
			{path: "M", typ: String, maxLen: -1},
			{path: "B", typ: Boolean, req: yes},
		}},
		{"mysql", "CREATE TABLE `m` (\n `id` int(11) unsigned NOT NULL AUTO_INCREMENT,\n `flag` tinyint(1) DEFAULT NULL,\n `n` tinyint(4),\n `name` varchar(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL COMMENT 'the name',\n PRIMARY KEY (`id`),\n KEY `idx` (`name`)\n) ENGINE=InnoDB;", []want{
			{path: "id", typ: Integer, gen: true, pk: true},
			{path: "flag", typ: Boolean, nul: yes},
			{path: "n", typ: Integer, bits: 16},
			{path: "name", typ: String, maxLen: 20, req: yes},
		}},
		{"inserts, COPY and functions skipped", "CREATE TABLE c (a int);\nINSERT INTO c VALUES (1), ('x;y');\nCOPY c (a) FROM stdin;\n1\t'\n2\t(\n\\.\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n", []want{
			{path: "a", typ: Integer},
		}},
		{"charsets", "CREATE TABLE cs (a varchar(5), b varchar(5) CHARACTER SET utf8mb4, c int) ENGINE=InnoDB DEFAULT CHARSET=latin1;", nil},
		{"columns named like keywords", "CREATE TABLE k (key varchar(10) NOT NULL, index int, primary_contact text, KEY idx_key (key), UNIQUE KEY uq (index));", []want{
			{path: "key", typ: String, maxLen: 10, req: yes},
			{path: "index", typ: Integer},
			{path: "primary_contact", typ: String},
		}},
		{"defaults", `CREATE TABLE df (
  a text DEFAULT 'x''y',
  b integer DEFAULT ((0)),
  c varchar(3) DEFAULT NULL,
  d date DEFAULT ('now'::text)::date,
  e mood_t DEFAULT 'G'::mood_t,
  f int DEFAULT -1,
  g timestamp DEFAULT now()
);`, nil},
		{"sql server script", "SET ANSI_NULLS ON\nGO\nSET QUOTED_IDENTIFIER ON\nGO\nCREATE TABLE [dbo].[Customers](\n\t[CustomerID] [nchar](5) NOT NULL,\n\t[CompanyName] [nvarchar](40) NOT NULL,\n\t[Photo] [image] NULL,\n\t[Rowguid] [uniqueidentifier] ROWGUIDCOL NOT NULL,\n CONSTRAINT [PK_Customers] PRIMARY KEY CLUSTERED \n(\n\t[CustomerID] ASC\n)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF) ON [PRIMARY]\n) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]\nGO\n", []want{
			{path: "CustomerID", typ: String, maxLen: 5, pk: true, line: 6},
			{path: "CompanyName", typ: String, maxLen: 40},
			{path: "Photo", typ: Binary},
			{path: "Rowguid", typ: UUID, req: yes},
		}},
		{"postgres dump", "SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.accounts (\n    id bigint NOT NULL,\n    data jsonb DEFAULT '{}'::jsonb NOT NULL,\n    tags character varying(20)[] DEFAULT ARRAY[]::character varying[]\n);\nALTER TABLE public.accounts OWNER TO app;\nCREATE SEQUENCE public.accounts_id_seq START WITH 1;\nALTER TABLE ONLY public.accounts ALTER COLUMN id SET DEFAULT nextval('public.accounts_id_seq'::regclass);\nALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);\n", []want{
			{path: "id", typ: Integer, bits: 64, pk: true, gen: true},
			{path: "data", typ: Object, req: yes},
			{path: "tags", typ: Array},
			{path: "tags[]", typ: String, maxLen: 20},
		}},
		{"domain", "CREATE DOMAIN posint AS integer NOT NULL CHECK (VALUE > 0);\nCREATE TABLE d (n posint);", []want{
			{path: "n", typ: Integer, req: yes, nul: no, format: "domain:posint"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustParse(t, "t.sql", strings.Replace(c.ddl, "mood_t", "text", -1), Options{})
			for _, w := range c.wants {
				checkField(t, s, w)
			}
			if c.name == "charsets" {
				if s.Charset != "latin1" || s.Lookup("a").Charset != "latin1" || s.Lookup("b").Charset != "" || s.Lookup("c").Charset != "" {
					t.Errorf("charsets: table %q a %q b %q c %q", s.Charset, s.Lookup("a").Charset, s.Lookup("b").Charset, s.Lookup("c").Charset)
				}
			}
			if c.name == "defaults" {
				for path, want := range map[string]string{"a": "x'y", "b": "0", "c": "<nil>", "d": "now", "e": "G", "f": "-1", "g": "now()"} {
					got := "<nil>"
					if d := s.Lookup(path).Default; d != nil {
						got = *d
					}
					if got != want {
						t.Errorf("%s: default %q, want %q", path, got, want)
					}
				}
			}
		})
	}
}

func TestDDLSelector(t *testing.T) {
	ddl := "CREATE TABLE orders (id int);\nCREATE TABLE public.Customers (id int, name text);"
	_, err := Parse("two.sql", []byte(ddl), Options{})
	wantErr(t, err, "two.sql", "2 tables", "Customers, orders", "two.sql#NAME")
	var se *SelectorError
	if !errors.As(err, &se) || se.What != "table" || len(se.Candidates) != 2 {
		t.Errorf("want a *SelectorError with 2 tables, got %#v", err)
	}
	s := mustParse(t, "two.sql#customers", ddl, Options{})
	if s.Name != "Customers" || len(s.Fields) != 2 {
		t.Errorf("got %s with %d fields", s.Name, len(s.Fields))
	}
	mustParse(t, "two.sql#public.customers", ddl, Options{})
	_, err = Parse("two.sql#nope", []byte(ddl), Options{})
	wantErr(t, err, `no table "nope"`, "Customers, orders")
}

func TestDDLErrors(t *testing.T) {
	cases := []struct {
		name, ddl string
		parts     []string
	}{
		{"unbalanced", "CREATE TABLE t (\n  a int,\n  b varchar(10\n);\nCREATE TABLE u (a int);", []string{"x.sql:4:2", "not closed", "expected )"}},
		{"unbalanced at end", "CREATE TABLE t (\n  a int", []string{"x.sql:1:16", "expected )"}},
		{"unterminated string", "CREATE TABLE t (a text DEFAULT 'oops);", []string{"x.sql:1:", "unterminated string"}},
		{"unknown type", "CREATE TABLE t (\n  a flurb(3)\n);", []string{"x.sql:2:5", `unknown type "flurb"`}},
		{"missing type", "CREATE TABLE t (a);", []string{"x.sql:1:", "column a: expected a type"}},
		{"stray comma", "CREATE TABLE t (a int,);", []string{"x.sql:1:", "empty element"}},
		{"no table", "INSERT INTO t VALUES (1);", []string{"x.sql", "no CREATE TABLE"}},
		{"unterminated comment", "/* hello\nCREATE TABLE t (a int);", []string{"x.sql:1:1", "unterminated /*"}},
		{"pk on missing column", "CREATE TABLE t (a int, PRIMARY KEY (b));", []string{"x.sql:1:", "no column b"}},
		{"empty", "", []string{"x.sql:1:1", "empty file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("x.sql", []byte(c.ddl), Options{})
			wantErr(t, err, c.parts...)
		})
	}
}
