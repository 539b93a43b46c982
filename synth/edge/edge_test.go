package edge

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

func find(t *testing.T, cases []Case, name string) Case {
	t.Helper()
	for _, c := range cases {
		if c.Name == name {
			return c
		}
	}
	var names []string
	for _, c := range cases {
		names = append(names, c.Name)
	}
	t.Fatalf("case %s missing; have %s", name, strings.Join(names, " "))
	return Case{}
}

func has(cases []Case, name string) bool {
	for _, c := range cases {
		if c.Name == name {
			return true
		}
	}
	return false
}

func TestCatalogue(t *testing.T) {
	cat := Catalogue()
	if len(cat) < 100 {
		t.Fatalf("catalogue has %d classes, want a rich one (>= 100)", len(cat))
	}
	seen := map[string]bool{}
	for _, c := range cat {
		if seen[c.Name] {
			t.Errorf("duplicate class %s", c.Name)
		}
		seen[c.Name] = true
		if c.Doc == "" {
			t.Errorf("%s has no doc", c.Name)
		}
		switch c.Tag {
		case Rare, Edge, Hostile:
		default:
			t.Errorf("%s has tag %q", c.Name, c.Tag)
		}
		if i := strings.IndexByte(c.Name, '.'); i <= 0 {
			t.Errorf("%s is not FAMILY.CLASS", c.Name)
		}
	}
	// the classes the issue names
	for _, n := range []string{"string.over_max_length", "string.at_max_length", "string.unicode_combining", "string.emoji",
		"string.rtl", "string.zero_width", "string.leading_trailing_space", "string.formula_injection", "string.sql_injection",
		"string.newline", "string.very_long", "string.utf16_surrogate_over_max", "string.naughty", "decimal.scale_plus_one",
		"decimal.precision_overflow", "decimal.negative_zero", "int.max", "int.max_plus_one", "int.min_minus_one", "int.zero",
		"int.negative", "float.nan", "float.inf", "date.leap_day", "date.feb_30", "date.year_0001", "date.year_9999",
		"date.epoch", "datetime.dst_gap", "datetime.dst_overlap", "datetime.no_zone", "datetime.offset_zone", "bool.yes_no",
		"bool.numeric", "enum.unknown_member", "enum.case_variant", "presence.null", "presence.absent", "presence.empty",
		"id.leading_zero", "uuid.uppercase", "email.plus_tag", "email.idn", "string.outside_charset"} {
		if !seen[n] {
			t.Errorf("catalogue lacks %s", n)
		}
	}
}

func TestStringLengthCases(t *testing.T) {
	f := &schema.Field{Path: "ship_city", Name: "ship_city", Type: schema.String, MaxLength: schema.IntP(15)}
	cs := For(f, nil)
	tests := []struct {
		name                 string
		runes, bytesMin, u16 int
		valid                bool
	}{
		{"string.at_max_length", 15, 15, 15, true},
		{"string.over_max_length", 16, 16, 16, false},
		{"string.multibyte_at_max_length", 15, 16, 15, true},
		{"string.utf16_surrogate_over_max", 15, 45, 30, true},
		{"string.utf8_bytes_over_max", 15, 16, 15, true},
		{"string.utf16_units_over_max", 15, 18, 16, true},
	}
	for _, tt := range tests {
		c := find(t, cs, tt.name)
		s := c.Values[0].S
		if n := utf8.RuneCountInString(s); n != tt.runes {
			t.Errorf("%s: %d characters, want %d", tt.name, n, tt.runes)
		}
		if len(s) < tt.bytesMin {
			t.Errorf("%s: %d bytes, want >= %d", tt.name, len(s), tt.bytesMin)
		}
		if tt.name == "string.utf8_bytes_over_max" && len(s) != 16 {
			t.Errorf("%s: %d bytes, want exactly 16", tt.name, len(s))
		}
		if n := len(utf16.Encode([]rune(s))); n != tt.u16 {
			t.Errorf("%s: %d UTF-16 units, want %d", tt.name, n, tt.u16)
		}
		if c.Valid != tt.valid {
			t.Errorf("%s: Valid = %v, want %v", tt.name, c.Valid, tt.valid)
		}
	}
	// non-length cases are fitted to the limit
	for _, c := range cs {
		if c.Name == "string.very_long" || c.Name == "string.naughty" || c.Name == "string.over_max_length" || c.Name == "string.invalid_utf8" {
			continue
		}
		for _, v := range c.Values {
			if v.K == value.String && utf8.RuneCountInString(v.S) > 15 {
				t.Errorf("%s: %q longer than 15", c.Name, v.S)
			}
		}
	}
}

func TestNumericCases(t *testing.T) {
	i16 := &schema.Field{Path: "q", Name: "q", Type: schema.Integer, Bits: 16}
	cs := For(i16, nil)
	if v := find(t, cs, "int.max").Values[0]; v.I != 32767 {
		t.Errorf("int.max = %v", v.Text())
	}
	if v := find(t, cs, "int.max_plus_one").Values[0]; v.Text() != "32768" {
		t.Errorf("int.max_plus_one = %v", v.Text())
	}
	if v := find(t, cs, "int.min_minus_one").Values[0]; v.Text() != "-32769" {
		t.Errorf("int.min_minus_one = %v", v.Text())
	}
	i64 := &schema.Field{Path: "n", Name: "n", Type: schema.Integer, Bits: 64}
	if v := find(t, For(i64, nil), "int.max_plus_one").Values[0]; v.K != value.Decimal || v.Text() != "9223372036854775808" {
		t.Errorf("int64 max+1 = %v %s", v.K, v.Text())
	}
	pos := &schema.Field{Path: "p", Name: "p", Type: schema.Integer, Min: schema.FloatP(1), Max: schema.FloatP(20)}
	pc := For(pos, nil)
	if c := find(t, pc, "int.negative"); c.Tag != Edge || c.Valid {
		t.Errorf("negative into min 1: tag %s valid %v", c.Tag, c.Valid)
	}
	if v := find(t, pc, "int.max_plus_one").Values[0]; v.I != 21 {
		t.Errorf("max+1 with max 20 = %d", v.I)
	}
	d := &schema.Field{Path: "total", Name: "total", Type: schema.Decimal, Precision: schema.IntP(10), Scale: schema.IntP(2)}
	dc := For(d, nil)
	got := []string{}
	for _, v := range find(t, dc, "decimal.scale_plus_one").Values {
		got = append(got, v.Text())
	}
	if strings.Join(got, " ") != "0.995 0.005" {
		t.Errorf("scale_plus_one = %v", got)
	}
	got = got[:0]
	for _, v := range find(t, dc, "decimal.precision_overflow").Values {
		got = append(got, v.Text())
	}
	if strings.Join(got, " ") != "99999999.995 100000000" {
		t.Errorf("precision_overflow = %v", got)
	}
	if c := find(t, dc, "decimal.max"); !c.Valid || c.Values[0].Text() != "99999999.99" {
		t.Errorf("decimal.max = %s valid %v", c.Values[0].Text(), c.Valid)
	}
}

func TestEnumAndPresence(t *testing.T) {
	f := &schema.Field{Path: "status", Name: "status", Type: schema.Enum, Required: true, EnumValues: []string{"P", "S", "C"}}
	cs := For(f, nil)
	u := find(t, cs, "enum.unknown_member").Values[0].S
	for _, m := range f.EnumValues {
		if u == m {
			t.Errorf("unknown member %q is a member", u)
		}
	}
	for _, v := range find(t, cs, "enum.case_variant").Values {
		if Check(f, v) == nil {
			t.Errorf("case variant %q passes the enum", v.S)
		}
	}
	if c := find(t, cs, "presence.absent"); c.Tag != Edge || c.Valid {
		t.Errorf("absent in required field: %s valid %v", c.Tag, c.Valid)
	}
	if c := find(t, cs, "presence.null"); c.Tag != Edge {
		t.Errorf("null in non-nullable field tagged %s", c.Tag)
	}
	opt := &schema.Field{Path: "note", Name: "note", Type: schema.String, Nullable: true}
	oc := For(opt, nil)
	for _, n := range []string{"presence.null", "presence.absent", "presence.empty"} {
		if c := find(t, oc, n); c.Tag != Rare || !c.Valid {
			t.Errorf("%s on an optional nullable string: tag %s valid %v", n, c.Tag, c.Valid)
		}
	}
}

func TestTargetDerived(t *testing.T) {
	tests := []struct {
		name   string
		src    *schema.Field
		tgt    *schema.Field
		caseN  string
		want   []string
		absent string
	}{
		{"unbounded string into varchar(15)",
			&schema.Field{Path: "city", Name: "city", Type: schema.String},
			&schema.Field{Path: "ship_city", Name: "ship_city", Type: schema.String, MaxLength: schema.IntP(15)},
			"string.over_max_length", []string{strings.Repeat("x", 16)}, ""},
		{"string(50) into varchar(15)",
			&schema.Field{Path: "city", Name: "city", Type: schema.String, MaxLength: schema.IntP(50)},
			&schema.Field{Path: "ship_city", Name: "ship_city", Type: schema.String, MaxLength: schema.IntP(15)},
			"target.string.at_max_length", []string{strings.Repeat("x", 15)}, ""},
		{"text qty into smallint",
			&schema.Field{Path: "qty", Name: "qty", Type: schema.String},
			&schema.Field{Path: "quantity", Name: "quantity", Type: schema.Integer, Bits: 16},
			"int.max_plus_one", []string{"32768"}, ""},
		{"text into numeric(10,2)",
			&schema.Field{Path: "amount", Name: "amount", Type: schema.String},
			&schema.Field{Path: "total", Name: "total", Type: schema.Decimal, Precision: schema.IntP(10), Scale: schema.IntP(2)},
			"decimal.scale_plus_one", []string{"0.995", "0.005"}, ""},
		{"integer source into string(3): text cases dropped",
			&schema.Field{Path: "n", Name: "n", Type: schema.Integer},
			&schema.Field{Path: "s", Name: "s", Type: schema.String, MaxLength: schema.IntP(3)},
			"", nil, "string.emoji"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := For(tt.src, tt.tgt)
			if tt.absent != "" && has(cs, tt.absent) {
				t.Errorf("%s should not be carried by a %s field", tt.absent, tt.src.Type)
			}
			if tt.caseN == "" {
				return
			}
			c := find(t, cs, tt.caseN)
			if !c.FromTarget && !strings.HasPrefix(tt.caseN, "target.") && tt.src.MaxLength == nil && tt.src.Type == tt.tgt.Type {
				t.Errorf("%s not marked FromTarget", tt.caseN)
			}
			for i, w := range tt.want {
				if i >= len(c.Values) {
					t.Fatalf("%s has %d values", tt.caseN, len(c.Values))
				}
				got := c.Values[i]
				if got.K != value.String {
					t.Errorf("%s value %d is %s, want a string", tt.caseN, i, got.K)
				}
				if strings.Count(w, "x") == len(w) {
					if utf8.RuneCountInString(got.S) != len(w) {
						t.Errorf("%s: %d characters, want %d", tt.caseN, utf8.RuneCountInString(got.S), len(w))
					}
				} else if got.S != w {
					t.Errorf("%s value %d = %q, want %q", tt.caseN, i, got.S, w)
				}
			}
		})
	}
}

func TestNaughtyEmbedded(t *testing.T) {
	n := Naughty()
	if len(n) != 514 {
		t.Fatalf("naughty strings: %d, want 514 (blns.json minus the empty string)", len(n))
	}
	if n[0] != "undefined" {
		t.Errorf("first naughty string %q", n[0])
	}
}

func TestCheck(t *testing.T) {
	f := &schema.Field{Path: "code", Name: "code", Type: schema.String, Required: true, Pattern: "^[A-Z]{3}$", MaxLength: schema.IntP(3)}
	tests := []struct {
		v  value.Value
		ok bool
	}{
		{value.Str("ABC"), true},
		{value.Str("abc"), false},
		{value.Str("ABCD"), false},
		{value.Value{}, false},
		{value.NullV(), false},
		{value.IntV(1), false},
	}
	for _, tt := range tests {
		if err := Check(f, tt.v); (err == nil) != tt.ok {
			t.Errorf("Check(%q) = %v, want ok=%v", tt.v.Text(), err, tt.ok)
		}
	}
}

func TestFloatArtifact(t *testing.T) {
	f := &schema.Field{Path: "total", Name: "total", Type: schema.Decimal, Scale: schema.IntP(2)}
	if got := find(t, For(f, nil), "decimal.float_artifact").Values[0].Text(); got != "0.30000000000000004" {
		t.Errorf("float artefact prints %s", got)
	}
}
