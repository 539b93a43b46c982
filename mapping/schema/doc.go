// Package schema is seam's one field model and the loaders that build it
// from every schema format a user brings (JSON Schema, OpenAPI, JSON/JSONL
// and CSV/TSV samples, XLSX, SQL DDL, Avro, dbt sources, seam's own YAML).
//
// A field has a path ("customer.address.city", "items[].sku"), a type
// named exactly as SPEC.md says, required and nullable kept apart, its
// constraints, and the file:line it came from.
//
// # Loading
//
// [Load] takes "FILE" or "FILE#SELECTOR"; [Parse] does the same from bytes
// (embedded demo files, fuzzing). The loader is [Options.Format] when set,
// else chosen by extension (.csv .tsv .jsonl .ndjson .xlsx .sql .ddl .avsc
// .avro; .json and .yaml/.yml by their content), else by content. The
// selector picks a table (SQL DDL, dbt), a sheet (XLSX), a component
// (OpenAPI), a definition ($defs/definitions of JSON Schema) or a named
// record (Avro); JSON Schema and OpenAPI also take a JSON pointer
// ("api.yaml#/components/schemas/Customer"). Text is UTF-8; UTF-16 that
// starts with a byte-order mark (as Windows "Unicode" exports do) is
// decoded first, in one place for every loader (utf16.go), and UTF-16
// without one is an error that says so. When a file holds several
// candidates and no selector is given, the error lists them. Every error names the file, line:column
// where known, and what was expected; no input panics (each loader has a
// fuzz target).
//
// # Required and nullable, per format
//
// Required means the key or column is always present; Nullable means it
// may hold null. They are independent.
//
//   - JSON Schema / OpenAPI: Required when listed in the parent's
//     "required"; Nullable from type ["null", X], "nullable: true"
//     (OpenAPI 3.0), a null member of oneOf/anyOf, or null in "enum".
//     Array elements ("items[]") are Required.
//   - SQL DDL: a column is Required and not Nullable when it is NOT NULL or
//     part of the PRIMARY KEY (Sakila's activebool); otherwise it is
//     Nullable and not Required, since an INSERT may leave it out. A
//     DEFAULT does not change either flag; it is kept in Default so checks
//     can tell "required with a default" apart. serial, IDENTITY,
//     AUTO_INCREMENT, AUTOINCREMENT and DEFAULT nextval(...) set Generated;
//     GENERATED ALWAYS also sets ReadOnly.
//   - Avro: Required when the field has no default (a reader must find
//     it); Nullable when its union holds "null".
//   - CSV/TSV and XLSX data sheets: a column is Required unless some
//     sampled row is too short to hold it; Nullable when an empty cell,
//     NULL or \N was seen in the sample.
//   - JSON/JSONL samples: a key is Required when every sampled parent
//     object has it; Nullable when a null was seen.
//   - XLSX data dictionaries: from Required/Mandatory (Y/N, yes/no, true,
//     x), Optional or Nullable columns; Required defaults to true.
//   - seam YAML: required defaults to true and nullable to false.
//   - dbt sources: a column is Nullable unless a not_null test says so.
//
// Default holds the declared default as text: literals without quotes or
// casts ('active'::text -> active), expressions as written (now()). A
// null default is no default (Default stays nil; the field is nullable).
//
// # Inference from samples
//
// CSV/TSV (delimiter , ; tab or | sniffed from the header line, UTF-8 BOM
// dropped, quoted newlines allowed), JSONL, JSON arrays and XLSX data
// sheets read at most Options.SampleRows data rows (default 10,000) and
// never the rest of the file. A value longer than 64 KiB is text and is
// not tried as anything else. Per column the sample decides: integer;
// decimal (plain notation, scale up to 9: ObservedPrecision and
// ObservedScale from the widest value, never Precision and Scale); float (exponents, more digits); boolean (true/false,
// t/f, yes/no, y/n); uuid; timestamptz / timestamp / date, with the Go
// layout that parses every value in Format ("date:01/02/2006",
// "datetime:2006-01-02 15:04:05"; for ambiguous day/month orders the US
// order wins); time; email (Format "email"); otherwise string. Codes stay
// strings: a value with a leading zero (02119), more than 18 digits, or an
// integer column named like phone, zip, postal, account number, IBAN
// (Format "code" or "phone", Pattern ^[0-9]+$). A sample never sets
// MaxLength: the longest value it held is ObservedMaxLength ("observed
// max 19" in `seam schema show`, observed_max_length in its JSON),
// evidence for detectors and synth, never a limit on what may be written
// (a CSV target of four short names does not make longer names
// truncations). Every field of a sample is Sampled: its Required,
// Nullable and Pattern are what the sample showed (every row had a value,
// none was null, all were digits), evidence for the checks; the engine and
// the SQL export write null, absent and any value into it as into an
// optional, nullable, unconstrained field. A sample declares no Bits, Min,
// Max, MinLength or enum. JSON values that were strings stay strings even
// when they look numeric.
//
// Spellings: in CSV/TSV files whose delimiter is not ',' a column whose
// every value is a decimal-comma number ("1234,50", "1.234,50", "1 234,50")
// and one of which the default spelling cannot read becomes a decimal or
// integer with Format "number:," (plus the grouping separator: "number:,."
// or "number:, "). A column of two boolean words of one pair (yes/no,
// Y/N, T/F, on/off, ja/nein, j/n, oui/non, sí/no, sim/não, tak/nie, ja/nee,
// ja/nej, wahr/falsch, vrai/faux, ...) is a boolean with Format
// "boolean:TRUE/FALSE" in the sample's own spelling (none for true/false);
// an English word alone implies its partner (all "N": boolean:Y/N). A
// column of only 0 and 1 is an integer (counts and codes are as common as
// flags) unless its name reads like a flag (is_active, has_x, deleted,
// enabled), then "boolean:1/0". Casts and synth honour these formats
// (mapping/schema/FORMAT.md).
//
// # SQL DDL
//
// There is no maintained multi-dialect SQL parser for Go: vitess and its
// xwb1989/sqlparser extract are MySQL-only (the latter unmaintained), and
// the PostgreSQL parsers wrap the server's C grammar. A schema loader needs
// only CREATE TABLE, so this package has its own tolerant tokenizer
// (ddl_lex.go: -- and /* */ comments, '...' E'...' and $$...$$ strings,
// "x" `x` [x] identifiers, COPY ... FROM stdin data blocks skipped) and a
// statement walker (ddl.go, ddl_column.go). It reads CREATE TABLE of
// PostgreSQL, MySQL, SQLite and SQL Server, CREATE TYPE ... AS ENUM,
// CREATE DOMAIN, INHERITS, and ALTER TABLE ADD CONSTRAINT / ALTER COLUMN
// SET NOT NULL / SET DEFAULT; INSERTs, views, functions and every other
// statement are skipped. Types: varchar(n)/char(n)/nvarchar(n) -> string
// with MaxLength; text -> string; smallint/int/bigint -> integer with Bits
// 16/32/64 (MySQL tinyint(1) -> boolean); numeric/decimal(p,s) -> decimal;
// money -> decimal; real/float/double -> float; bool/bit -> boolean; date;
// time; timestamp/datetime -> timestamp; timestamptz/timestamp with time
// zone/datetimeoffset -> timestamptz; uuid/uniqueidentifier -> uuid;
// bytea/blob/varbinary -> binary; json/jsonb -> object; T[] -> array.
// CHECK (col IN (...)), col = ANY (ARRAY[...]), MySQL ENUM(...) and enum
// types become enums; CHECK bounds (>=, <=, BETWEEN) become Min/Max. A
// CHARACTER SET narrower than Unicode (latin1, ascii; per column or as the
// MySQL table default) sets Charset. An unknown type name is an error.
//
// # JSON Schema and OpenAPI
//
// Documents are parsed into a positioned tree (JSON via encoding/json
// tokens, YAML via goccy/go-yaml's AST), so every field's Origin is the
// line of its property key, also through $ref into other files. $ref to
// local pointers, $defs/definitions, plain-name anchors and relative files
// are followed (never the network; recursion stops with a note in the
// description); allOf members are merged; oneOf/anyOf become Union with the
// first non-null member as Type. santhosh-tekuri/jsonschema/v6 validates
// JSON Schema documents against their metaschema (draft-04 style
// documents without $schema are checked as draft-04, others as 2020-12),
// and its complaints are placed at the offending keyword's line. In
// OpenAPI documents a $ref to a component absent from the file (an extract
// of a larger spec) becomes an object whose description names the
// reference. Formats: date -> date, date-time -> timestamptz, time, uuid,
// byte/binary -> binary; number with multipleOf 0.01 -> decimal scale 2;
// integer format int32/int64 -> Bits.
//
// # Avro
//
// hamba/avro/v2 parses and validates the schema (.avsc, schema JSON named
// .avro, or the header of an object container file); lines come from the
// positioned tree. int/long -> integer 32/64, float/double -> float,
// bytes/fixed -> binary, decimal -> decimal(p,s), uuid, date, time-*,
// timestamp-* -> timestamptz, local-timestamp-* -> timestamp, enum, array
// -> items[], map -> object with Format "map", record -> object, unions
// with null -> Nullable, other unions -> Union.
//
// # seam YAML
//
// seam's own format for writing a schema by hand is described in
// FORMAT.md beside this file; testdata/schemas/customer.schema.yaml is an
// example.
//
// # Untrusted input
//
// Schemas arrive in pull requests, so loading one is bounded and confined:
//
//   - Only regular files are read (a device, FIFO or folder is an error
//     before a byte is read). A schema file the user names may be anywhere;
//     a file named inside a schema ($ref to another file, in JSON Schema and
//     OpenAPI) must be a relative path that stays inside the schema's
//     folder, the working directory or Options.AllowPaths (--allow-path),
//     symlinks included. Options.Referenced confines the schema file itself
//     (a mapping's source or target).
//   - Whole-file formats (JSON Schema, OpenAPI, DDL, Avro, seam YAML, dbt,
//     JSON samples, XLSX) may be at most 64 MiB: the error names the file,
//     its size and the bound. An XLSX cell or shared string may hold at
//     most 16 MiB of text (Excel writes 32,767 characters at most): the
//     sheets are scanned as a stream before the workbook reader runs, and
//     the error names the part and cell (the data reader does the same).
//   - Samples (CSV/TSV, JSONL) read at most SampleRows rows and 64 MiB; the
//     sample ends quietly at either bound. One CSV record or JSONL line
//     longer than 16 MiB is an error naming the file and line.
//   - Nesting deeper than 512 levels is an error (JSON and YAML), as are a
//     JSON document of more than 1,000,000 values and a YAML document of
//     more than 2,000,000 tokens or 10,000 aliases: YAML is pre-scanned
//     before goccy/go-yaml parses it, because that parser's memory grows
//     with the square of the depth and by hundreds of bytes per token.
package schema
