package synth

import (
	"errors"
	"math/rand"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// ErrNoSchema is returned when the schema is nil.
var ErrNoSchema = errors.New("synth: no schema")

// SchemaError reports a schema synth cannot generate for.
type SchemaError struct {
	Schema string
	Msg    string
}

func (e *SchemaError) Error() string { return "synth: schema " + e.Schema + " " + e.Msg }

// drift describes how a feed changes at row at: one top-level field
// renamed, one missing, one retyped, one extra field added. Records carry
// the union of the keys; keys not in the feed at a row are Absent.
type drift struct {
	at int64 // first drifted row, 1-based
	// positions in the original field list; -1 when not chosen
	renamed, missing, retyped int
	newName                   string
	retypeLabel               string
	retype                    func(value.Value) value.Value
	extraName                 string
	// layout: for each union key, the original field index, or
	// keyRenamed / keyExtra
	layout []int
	labels []Label
}

const (
	keyRenamed = -1
	keyExtra   = -2
)

func newDrift(g *Generator, seed int64) *drift {
	r := rand.New(rand.NewSource(seed ^ 0x5eed_d81f7))
	d := &drift{renamed: -1, missing: -1, retyped: -1}
	rows := g.plan.Rows
	d.at = 1
	if rows >= 3 {
		d.at = rows/3 + 1 + r.Int63n(rows/3+1)
	}
	fields := g.s.Fields
	order := r.Perm(len(fields))
	// retype first: it needs a field whose type has a drifted form
	for _, i := range order {
		if lbl, fn := retypeFor(fields[i]); fn != nil {
			d.retyped, d.retypeLabel, d.retype = i, fields[i].Name+":"+lbl, fn
			break
		}
	}
	for _, i := range order {
		if i == d.retyped {
			continue
		}
		switch {
		case d.renamed < 0:
			d.renamed = i
		case d.missing < 0:
			d.missing = i
		}
	}
	taken := map[string]bool{}
	for _, f := range fields {
		taken[f.Name] = true
	}
	if d.renamed >= 0 {
		d.newName = unique(renamed(fields[d.renamed].Name), taken)
		taken[d.newName] = true
	}
	d.extraName = unique(pickExtra(r), taken)
	// union layout: every original key, the new name right after the old
	var keys []string
	for i, f := range fields {
		keys = append(keys, f.Name)
		d.layout = append(d.layout, i)
		if i == d.renamed {
			keys = append(keys, d.newName)
			d.layout = append(d.layout, keyRenamed)
		}
	}
	keys = append(keys, d.extraName)
	d.layout = append(d.layout, keyExtra)
	g.keys = keys
	if d.renamed >= 0 {
		d.labels = append(d.labels, Label{Field: fields[d.renamed].Name + "->" + d.newName, Case: "drift.renamed"})
	}
	if d.missing >= 0 {
		d.labels = append(d.labels, Label{Field: fields[d.missing].Name, Case: "drift.missing"})
	}
	if d.retyped >= 0 {
		d.labels = append(d.labels, Label{Field: d.retypeLabel, Case: "drift.retyped"})
	}
	d.labels = append(d.labels, Label{Field: d.extraName, Case: "drift.extra"})
	return d
}

// fieldAt returns the schema field behind union key i (the renamed key
// keeps the old field's shape; nil for the extra key).
func (d *drift) fieldAt(fields []*schema.Field, i int) *schema.Field {
	switch src := d.layout[i]; src {
	case keyRenamed:
		return fields[d.renamed]
	case keyExtra:
		return nil
	default:
		return fields[src]
	}
}

var extras = []string{"ingested_at", "source_system", "_sdc_batched_at", "tenant_id", "schema_version"}

func pickExtra(r *rand.Rand) string { return extras[r.Intn(len(extras))] }

func unique(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	for i := 2; ; i++ {
		n := name + "_" + strconv.Itoa(i)
		if !taken[n] {
			return n
		}
	}
}

// renamed returns the name a feed would switch to: snake_case becomes
// camelCase, camelCase becomes snake_case, a single word gains a suffix.
func renamed(name string) string {
	if strings.Contains(name, "_") {
		parts := strings.Split(name, "_")
		var b strings.Builder
		for i, p := range parts {
			if p == "" {
				continue
			}
			if i > 0 && b.Len() > 0 {
				rs := []rune(p)
				rs[0] = unicode.ToUpper(rs[0])
				p = string(rs)
			}
			b.WriteString(p)
		}
		if s := b.String(); s != name && s != "" {
			return s
		}
	}
	ws := words(name)
	if len(ws) > 1 {
		return strings.Join(ws, "_")
	}
	return name + "_value"
}

// retypeFor returns how a field's values change type in a drifted feed.
func retypeFor(f *schema.Field) (string, func(value.Value) value.Value) {
	switch f.Type {
	case schema.Integer, schema.Decimal, schema.Float:
		return string(f.Type) + "->string", func(v value.Value) value.Value { return value.Str(v.Text()) }
	case schema.Boolean:
		return "boolean->string", func(v value.Value) value.Value {
			if v.Bool() {
				return value.Str("Y")
			}
			return value.Str("N")
		}
	case schema.Date:
		return "date->string", func(v value.Value) value.Value { return value.Str(v.T.Format("01/02/2006")) }
	case schema.Timestamp, schema.TimestampTZ:
		return string(f.Type) + "->integer", func(v value.Value) value.Value { return value.IntV(v.T.Unix()) }
	case schema.Enum:
		idx := map[string]int{}
		for i, e := range f.EnumValues {
			idx[e] = i
		}
		return "enum->integer", func(v value.Value) value.Value {
			if i, ok := idx[v.S]; ok {
				return value.IntV(int64(i))
			}
			return v
		}
	case schema.String:
		switch classify(f) {
		case mID, mQuantity, mCents, mAge, mYear:
			return "string->integer", func(v value.Value) value.Value {
				if i, err := strconv.ParseInt(strings.TrimSpace(v.S), 10, 64); err == nil {
					return value.IntV(i)
				}
				return v
			}
		default:
		}
	default:
	}
	return "", nil
}

// fill draws one row into vals, laid out over the union keys.
func (d *drift) fill(g *Generator, vals []value.Value) {
	drifted := g.n >= d.at
	for k, src := range d.layout {
		switch src {
		case keyRenamed, keyExtra:
			continue
		}
		v := g.value(g.roots[src])
		if drifted {
			switch src {
			case d.renamed:
				vals[k+1] = v // the new key follows the old one
				continue
			case d.missing:
				continue
			case d.retyped:
				if !v.IsMissing() {
					v = d.retype(v)
				}
			}
		}
		vals[k] = v
	}
	if drifted {
		vals[len(vals)-1] = d.extra(g)
		g.labels = append(g.labels, d.labels...)
	}
}

func (d *drift) extra(g *Generator) value.Value {
	switch d.extraName {
	case "ingested_at", "_sdc_batched_at":
		return value.Str(createdLo.AddDate(7, 0, 0).Add(time.Duration(g.n) * time.Second).Format("2006-01-02T15:04:05Z"))
	case "source_system":
		return value.Str("crm-v2")
	case "tenant_id":
		return value.IntV(1 + g.fk.Rand.Int63n(40))
	}
	return value.IntV(2)
}
