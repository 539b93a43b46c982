package check

import (
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// Tiny in-memory fixtures: F builds a field, S a schema (dotted paths
// nest under object parents created on the fly), R a rule.

type mod func(*schema.Field)

func req(f *schema.Field)  { f.Required = true }
func null(f *schema.Field) { f.Nullable = true }
func pk(f *schema.Field)   { f.PrimaryKey = true; f.Required = true }
func ro(f *schema.Field)   { f.ReadOnly = true }
func gen(f *schema.Field)  { f.Generated = true }
func maxlen(n int) mod     { return func(f *schema.Field) { f.MaxLength = &n } }
func bits(n int) mod       { return func(f *schema.Field) { f.Bits = n } }
func prec(p, s int) mod    { return func(f *schema.Field) { f.Precision, f.Scale = &p, &s } }
func enum(vs ...string) mod {
	return func(f *schema.Field) { f.EnumValues = vs }
}
func format(s string) mod  { return func(f *schema.Field) { f.Format = s } }
func pattern(s string) mod { return func(f *schema.Field) { f.Pattern = s } }
func minv(v float64) mod   { return func(f *schema.Field) { f.Min = &v } }
func charset(s string) mod { return func(f *schema.Field) { f.Charset = s } }
func refs(s string) mod    { return func(f *schema.Field) { f.References = s } }
func desc(s string) mod    { return func(f *schema.Field) { f.Description = s } }

func F(path string, t schema.Type, mods ...mod) *schema.Field {
	name := path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		name = path[i+1:]
	}
	f := &schema.Field{Path: path, Name: name, Type: t}
	for _, m := range mods {
		m(f)
	}
	return f
}

func S(name string, fs ...*schema.Field) *schema.Schema {
	s := &schema.Schema{Name: name, File: name + ".json"}
	byPath := map[string]*schema.Field{}
	for _, f := range fs {
		parent := ""
		if i := strings.LastIndexByte(f.Path, '.'); i >= 0 {
			parent = f.Path[:i]
		}
		if parent == "" {
			s.Fields = append(s.Fields, f)
		} else {
			p := byPath[parent]
			if p == nil {
				p = F(parent, schema.Object)
				byPath[parent] = p
				s.Fields = append(s.Fields, p)
			}
			p.Children = append(p.Children, f)
		}
		byPath[f.Path] = f
	}
	s.Reindex()
	return s
}

func R(target, expr string, from ...string) *mapping.Rule {
	return &mapping.Rule{Target: target, Expr: expr, From: from}
}

func M(rules ...*mapping.Rule) *mapping.Mapping {
	return &mapping.Mapping{Seam: 1, Name: "t", Rules: rules}
}

// rec builds a record from alternating key, value pairs; Go values become
// seam values (nil is null, "" the empty string).
func rec(kv ...any) *value.Record {
	r := &value.Record{}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Set(kv[i].(string), V(kv[i+1]))
	}
	return r
}

func V(x any) value.Value {
	switch v := x.(type) {
	case nil:
		return value.NullV()
	case value.Value:
		return v
	case string:
		return value.Str(v)
	case int:
		return value.IntV(int64(v))
	case int64:
		return value.IntV(v)
	case float64:
		return value.FloatV(v)
	case bool:
		return value.BoolV(v)
	case decimal.Decimal:
		return value.Dec(v)
	case time.Time:
		if v.Location() == time.UTC {
			return value.TimeV(value.Timestamp, v)
		}
		return value.TimeV(value.TimestampTZ, v)
	}
	panic("rec: unsupported value")
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func kinds(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Kind)+"/"+f.Severity.String()+" "+f.Target+": "+f.Message)
	}
	return out
}

func find(fs []Finding, k kind.Kind) *Finding {
	for i := range fs {
		if fs[i].Kind == k {
			return &fs[i]
		}
	}
	return nil
}

func logFindings(t *testing.T, fs []Finding) {
	t.Helper()
	for _, k := range kinds(fs) {
		t.Log("  ", k)
	}
}
