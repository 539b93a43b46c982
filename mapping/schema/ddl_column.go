package schema

import (
	"math"
	"strconv"
	"strings"
)

// sqlType is a column type as written: base name (lower case, words
// joined by one space), arguments, array dimensions.
type sqlType struct {
	base    string
	args    []sqlTok
	array   bool
	tok     sqlTok
	charset string
	// unsigned is MySQL's UNSIGNED: the range starts at 0 and doubles.
	unsigned bool
}

// multiword continues a type name: "character varying", "double precision"...
var typeWords = map[string][]string{
	"character":          {"varying", "large"},
	"char":               {"varying", "large"},
	"national":           {"character", "char"},
	"national character": {"varying"},
	"national char":      {"varying"},
	"double":             {"precision"},
	"bit":                {"varying"},
	"binary":             {"varying", "large"},
	"character large":    {"object"},
	"binary large":       {"object"},
	"long":               {"varchar", "varbinary", "raw"},
}

func (p *ddlParser) parseType(c *cursor, col string) (sqlType, error) {
	t := c.take()
	if t.kind != tIdent && t.kind != tQuoted {
		return sqlType{}, fmtErr(p.src.name, t, col, "expected a type, found %s", describe(t))
	}
	st := sqlType{base: strings.ToLower(t.text), tok: t}
	if c.peek().isP(".") && (c.peekN(1).kind == tIdent || c.peekN(1).kind == tQuoted) {
		c.take()
		st.base = strings.ToLower(c.take().text) // schema-qualified user type
	}
	for {
		next, ok := typeWords[st.base]
		if !ok {
			break
		}
		matched := false
		for _, w := range next {
			if c.peek().is(w) {
				c.take()
				st.base += " " + w
				matched = true
				break
			}
		}
		if !matched {
			break
		}
	}
	if c.peek().isP("(") {
		body, err := c.group()
		if err != nil {
			return st, err
		}
		st.args = body
	}
	err := p.typeSuffix(c, &st)
	return st, err
}

func (p *ddlParser) typeSuffix(c *cursor, st *sqlType) error {
	for {
		switch {
		case c.accept("WITH", "TIME", "ZONE"), c.accept("WITH", "LOCAL", "TIME", "ZONE"):
			st.base += " with time zone"
		case c.accept("WITHOUT", "TIME", "ZONE"):
			st.base += " without time zone"
		case c.accept("UNSIGNED"):
			st.unsigned = true
		case c.accept("SIGNED"), c.accept("ZEROFILL"):
		case st.base == "interval" && isIntervalField(c.peek()):
			// INTERVAL DAY TO SECOND(3), INTERVAL YEAR(2) TO MONTH
			c.take()
			if c.peek().isP("(") {
				if _, err := c.group(); err != nil {
					return err
				}
			}
		case c.peek().isP("[") && c.peekN(1).isP("]"):
			c.take()
			c.take()
			st.array = true
		case c.peek().isP("[") && c.peekN(1).kind == tNumber && c.peekN(2).isP("]"):
			c.i += 3
			st.array = true
		case c.accept("ARRAY"):
			st.array = true
		case c.peek().is("CHARACTER") && c.peekN(1).is("SET"), c.peek().is("CHARSET"):
			if c.accept("CHARSET") {
			} else {
				c.i += 2
			}
			st.charset = strings.ToLower(c.take().text)
		default:
			return nil
		}
	}
}

func isIntervalField(t sqlTok) bool {
	for _, w := range []string{"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO"} {
		if t.is(w) {
			return true
		}
	}
	return false
}

// argInts reads a type's size arguments: varchar(10), numeric(10,2),
// timestamp(6). Words (varchar(max), varchar2(10 BYTE)) are skipped; a
// sign, a fraction or a number beyond 2^31-1 is an error, never a
// silently different size.
func (p *ddlParser) argInts(st sqlType, col string) ([]int, error) {
	var out []int
	for i, a := range st.args {
		switch {
		case a.kind == tNumber:
			n, err := strconv.ParseInt(a.text, 10, 32)
			if err != nil {
				return nil, fmtErr(p.src.name, a, col, "%s(%s): %s is not a size; expected a whole number from 0 to %d", st.base, exprText(st.args), a.text, math.MaxInt32)
			}
			out = append(out, int(n))
		case a.isP("*"): // Oracle NUMBER(*,0): the largest precision
			out = append(out, -1)
		case a.isP("-") || a.isP("+"):
			if i+1 < len(st.args) && st.args[i+1].kind == tNumber {
				return nil, fmtErr(p.src.name, a, col, "%s(%s): a size cannot be signed; expected a whole number from 0 to %d", st.base, exprText(st.args), math.MaxInt32)
			}
		}
	}
	return out, nil
}

// applyType sets f's type from a SQL type. Unknown names are errors.
func (p *ddlParser) applyType(f *Field, st sqlType, depth int) error {
	var ints []int
	if st.base != "enum" && st.base != "set" {
		var err error
		if ints, err = p.argInts(st, f.Name); err != nil {
			return err
		}
	}
	setLen := func() {
		if len(ints) > 0 && ints[0] >= 0 {
			f.MaxLength = IntP(ints[0])
		}
	}
	base := st.base
	if p.userType(f, st, base, depth) {
		return p.userTypeErr
	}
	switch base {
	case "varchar", "character varying", "char varying", "nvarchar", "national character varying", "national char varying",
		"varchar2", "nvarchar2", "char", "character", "nchar", "national character", "national char", "bpchar", "string", "varying":
		f.Type = String
		setLen()
		if (base == "char" || base == "character" || base == "nchar" || base == "bpchar") && len(ints) == 0 {
			f.MaxLength = IntP(1)
		}
	case "text", "tinytext", "mediumtext", "longtext", "ntext", "clob", "nclob", "citext", "name", "character large object", "long varchar", "sysname":
		f.Type = String
		if base == "tinytext" {
			f.MaxLength = IntP(255)
		}
	case "int", "integer", "int4", "int32":
		f.Type, f.Bits = Integer, 32
	case "mediumint":
		// MySQL's 24-bit integer: held in 32 bits, bounded to its range.
		f.Type, f.Bits = Integer, 32
		f.Min, f.Max = FloatP(-(1 << 23)), FloatP(1<<23-1)
	case "smallint", "int2", "year", "int16":
		f.Type, f.Bits = Integer, 16
	case "tinyint":
		if len(ints) == 1 && ints[0] == 1 {
			f.Type = Boolean // MySQL's BOOL is TINYINT(1)
		} else {
			f.Type, f.Bits = Integer, 16
		}
	case "bigint", "int8", "int64":
		f.Type, f.Bits = Integer, 64
	case "serial", "serial4":
		f.Type, f.Bits, f.Generated = Integer, 32, true
	case "smallserial", "serial2":
		f.Type, f.Bits, f.Generated = Integer, 16, true
	case "bigserial", "serial8":
		f.Type, f.Bits, f.Generated = Integer, 64, true
	case "numeric", "decimal", "dec", "number", "fixed":
		f.Type = Decimal
		if len(ints) > 0 && ints[0] == 0 {
			return fmtErr(p.src.name, st.tok, f.Name, "%s(%s): precision 0; expected 1 or more digits", st.base, exprText(st.args))
		}
		if len(ints) > 0 {
			if ints[0] > 0 {
				f.Precision = IntP(ints[0])
			}
			f.Scale = IntP(0)
		}
		if len(ints) > 1 {
			f.Scale = IntP(ints[1])
		}
		if base == "number" && len(ints) == 1 && ints[0] > 0 && ints[0] <= 18 {
			f.Type, f.Precision, f.Scale = Integer, nil, nil // Oracle NUMBER(n): an integer
		}
	case "money", "smallmoney":
		f.Type, f.Format = Decimal, "money"
		f.Scale = IntP(2)
		if base == "smallmoney" {
			f.Scale = IntP(4)
		}
	case "real", "float4", "float", "float8", "double", "double precision", "binary_float", "binary_double":
		f.Type = Float
	case "boolean", "bool":
		f.Type = Boolean
	case "bit":
		if len(ints) == 0 || ints[0] == 1 {
			f.Type = Boolean
		} else {
			f.Type, f.Format = String, "bits"
			setLen()
		}
	case "bit varying", "varbit":
		f.Type, f.Format = String, "bits"
	case "date":
		f.Type = Date
	case "time", "time without time zone":
		f.Type = Time
	case "timetz", "time with time zone":
		f.Type, f.Format = Time, "timetz"
	case "timestamp", "timestamp without time zone", "datetime", "datetime2", "smalldatetime":
		f.Type = Timestamp
	case "timestamptz", "timestamp with time zone", "datetimeoffset":
		f.Type = TimestampTZ
	case "interval":
		f.Type, f.Format = String, "interval"
	case "uuid", "uniqueidentifier":
		f.Type = UUID
	case "bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary", "image", "raw", "long raw", "long varbinary",
		"binary varying", "binary large object":
		f.Type = Binary
	case "json", "jsonb":
		f.Type, f.Format = Object, "json"
	case "xml":
		f.Type, f.Format = String, "xml"
	case "inet", "cidr", "macaddr", "macaddr8":
		f.Type, f.Format = String, base
	case "tsvector", "tsquery", "point", "line", "lseg", "box", "path", "polygon", "circle", "geometry", "geography",
		"hierarchyid", "sql_variant", "rowversion", "oid", "regclass", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "hstore", "ltree":
		f.Type, f.Format = String, base
	case "enum":
		f.Type = Enum
		for _, a := range splitTop(st.args) {
			if len(a) == 1 && a[0].kind == tString {
				f.EnumValues = append(f.EnumValues, a[0].text)
			}
		}
	case "set":
		f.Type, f.Format = String, "set"
	default:
		return fmtErr(p.src.name, st.tok, f.Name, "unknown type %q; expected a SQL type (varchar, integer, numeric, timestamp, ...) or one declared with CREATE TYPE ... AS ENUM or CREATE DOMAIN", st.base)
	}
	if st.unsigned && (f.Type == Integer || f.Type == Decimal || f.Type == Float) {
		unsignedRange(f, base)
	}
	if st.charset != "" {
		f.Charset = narrowCharset(st.charset)
		p.markCharset(f)
	}
	return nil
}

// unsignedRange bounds a MySQL UNSIGNED column: nothing below 0, and for
// integers the doubled top of the type, held in the next wider size so
// that 3,000,000,000 in an INT UNSIGNED is no overflow.
func unsignedRange(f *Field, base string) {
	f.Min = FloatP(0)
	if f.Type != Integer {
		return
	}
	top := map[string]int{"tinyint": 8, "smallint": 16, "mediumint": 24, "int": 32, "integer": 32}[base]
	switch {
	case top == 0:
		// BIGINT UNSIGNED: up to 2^64-1, past what the 64-bit engine holds.
		f.Bits, f.Max = 64, nil
	case top == 32:
		f.Bits, f.Max = 64, FloatP(1<<32-1)
	default:
		f.Bits, f.Max = 32, FloatP(float64(int64(1)<<top-1))
	}
}

// markCharset notes a column with its own charset: the table default
// does not apply to it.
func (p *ddlParser) markCharset(f *Field) {
	if p.ownCharset == nil {
		p.ownCharset = map[*Field]bool{}
	}
	p.ownCharset[f] = true
}

// narrowCharset returns a storage charset narrower than Unicode (latin1,
// ascii, cp1252...), or "" for Unicode ones (utf8, utf8mb4, ucs2...).
func narrowCharset(cs string) string {
	cs = strings.ToLower(strings.Trim(cs, "'\""))
	if cs == "" || strings.HasPrefix(cs, "utf") || strings.HasPrefix(cs, "ucs") || strings.HasPrefix(cs, "unicode") {
		return ""
	}
	return cs
}

func joinFormat(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// userType applies a CREATE TYPE enum or a CREATE DOMAIN; they shadow
// built-in names (Sakila's DOMAIN year).
func (p *ddlParser) userType(f *Field, st sqlType, base string, depth int) bool {
	p.userTypeErr = nil
	if vals, ok := p.enums[base]; ok {
		f.Type = Enum
		f.EnumValues = append([]string(nil), vals...)
		return true
	}
	d, ok := p.domains[base]
	if !ok || depth >= 8 {
		return false
	}
	dc := &cursor{toks: d.toks, file: p.src.name}
	dt, err := p.parseType(dc, f.Name)
	if err == nil {
		err = p.applyType(f, dt, depth+1)
	}
	if err != nil {
		p.userTypeErr = err
		return true
	}
	if d.notNull {
		f.Required, f.Nullable = true, false
	}
	f.Format = joinFormat(f.Format, "domain:"+base)
	for j := range d.toks {
		if d.toks[j].is("CHECK") && j+1 < len(d.toks) && d.toks[j+1].isP("(") {
			gc := &cursor{toks: d.toks[j+1:], file: p.src.name}
			if body, err := gc.group(); err == nil {
				applyCheckTo(f, "VALUE", body)
			}
		}
	}
	return true
}
