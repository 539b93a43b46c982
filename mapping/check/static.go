package check

import (
	"strings"

	"github.com/expr-lang/expr/ast"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// Static runs every static detector over a mapping and its two schemas and
// returns the findings sorted (errors first). Either schema may be nil: the
// detectors that need it are skipped.
func Static(m *mapping.Mapping, src, dst *schema.Schema) []Finding {
	c := newCtx(m, src, dst)
	var out []Finding
	for _, fam := range []func(*ctx) []Finding{
		coverage, identity, typesFamily, presence, meaning, drift,
	} {
		out = append(out, fam(c)...)
	}
	SortFindings(out)
	return out
}

// ctx is what every static detector reads: the active rules resolved
// against the schemas, and what their expressions do.
// eachTargeted runs f over every rule that writes a target field, in
// rule order, and collects the findings.
func (c *ctx) eachTargeted(f func(ri *ruleInfo) []Finding) []Finding {
	var out []Finding
	for _, ri := range c.rules {
		if ri.tf != nil {
			out = append(out, f(ri)...)
		}
	}
	return out
}

type ctx struct {
	m        *mapping.Mapping
	src, dst *schema.Schema
	rules    []*ruleInfo
	// byTarget: active rules per target path.
	byTarget map[string][]*ruleInfo
	// dstPlatform / srcPlatform: "salesforce", "hubspot" or "".
	dstPlatform, srcPlatform string
	// writtenSet and ignoredSet index byTarget and IgnoreSource for
	// written and ignored, made on first use.
	writtenSet, ignoredSet *pathSet
	// ignoredTargetSet indexes IgnoreTarget for targetIgnored.
	ignoredTargetSet *pathSet
}

// ruleInfo is one active rule with its fields resolved.
type ruleInfo struct {
	r    *mapping.Rule
	tf   *schema.Field   // nil when the target path is unknown
	srcs []*schema.Field // parallel to r.From; nil entries are unknown paths
	// reads are the source fields the expression reads, by path.
	reads map[string]*schema.Field
	x     exprInfo
}

// exprInfo is what the rule's expression does, read from its syntax tree.
type exprInfo struct {
	plain    bool        // no expression, or just the source name: a checked cast
	negated  bool        // !x, not x, x == false
	lookup   string      // lookup table the expression reads
	coalesce bool        // ??, coalesce, default, if/else: handles null
	concat   bool        // concat, join, format, +: keeps every input
	combine  bool        // the expression combines its inputs explicitly
	split    bool        // split_part, first_name, last_name ...
	conv     schema.Type // result type when a conversion fixes it
	scale    string      // "/100", "*1000" ...: a unit conversion
	funcs    []string
	// plainPath is the field a plain expression reads (addr?.city).
	plainPath string
	// lenMax is the most characters the expression produces, when
	// lenKnown (lenBound).
	lenMax   int
	lenKnown bool
	// read is the expression's reading; nil for a plain cast or an
	// expression that does not parse.
	read *transform.Reading
}

// libTypes reads the result types of the library's signatures
// (transform.ResultType) as schema types.
var libTypes = map[string]schema.Type{
	"int": schema.Integer, "decimal": schema.Decimal, "number": schema.Decimal, "float": schema.Float,
	"string": schema.String, "bool": schema.Boolean, "date": schema.Date, "timestamp": schema.Timestamp,
}

// analyzeExpr reads the rule's expression from expr's syntax tree with the
// facts the library declares for each function (transform.ReadExpr); an
// expression that does not parse reads as nothing (the engine reports it).
func analyzeExpr(r *mapping.Rule) exprInfo {
	e := strings.TrimSpace(r.Expr)
	var x exprInfo
	if e == "" || (len(r.From) == 1 && (e == r.From[0] || e == strings.ReplaceAll(r.From[0], "[]", "[0]"))) {
		x.plain = true
		return x
	}
	rd, err := transform.ReadExpr(e)
	if err != nil {
		return x
	}
	if p := transform.PathOf(rd.Root, ""); p != "" && (len(r.From) == 0 || len(r.From) == 1 && p == r.From[0]) {
		// addr?.city reads as from: [addr.city]: ?. hides nothing.
		x.plain = true
		x.plainPath = p
		x.read = rd
		return x
	}
	x.read = rd
	x.funcs = rd.Names()
	x.negated = rd.Negated
	x.coalesce = rd.Coalesce
	x.split = rd.Has(transform.Splits)
	x.concat = rd.Has(transform.Concatenates)
	x.combine = x.concat || x.coalesce
	if len(r.From) > 1 && rd.Arith {
		x.combine = true
		x.concat = true
	}
	if len(r.Items) > 0 {
		// items: every source becomes its own element, none is lost.
		x.combine, x.concat, x.coalesce = true, true, false
	}
	if len(rd.Lookups) > 0 {
		x.lookup = rd.Lookups[0]
	}
	x.scale = rd.Scale
	x.conv = libTypes[rd.Result]
	if c, ok := rd.Root.(*ast.CallNode); ok && x.conv == schema.Timestamp {
		if f, _ := transform.FactsOf(transform.CallName(c)); f.Has(transform.ConvertsZone) {
			x.conv = schema.TimestampTZ
		}
	}
	return x
}

func newCtx(m *mapping.Mapping, src, dst *schema.Schema) *ctx {
	c := &ctx{m: m, src: src, dst: dst, byTarget: map[string][]*ruleInfo{}}
	c.srcPlatform = platformOf(src)
	c.dstPlatform = platformOf(dst)
	if m == nil {
		return c
	}
	for _, r := range m.Rules {
		if !r.Active() {
			continue
		}
		ri := &ruleInfo{r: r, x: analyzeExpr(r)}
		if ri.x.read != nil {
			if !ri.x.plain {
				ri.x.lenMax, ri.x.lenKnown = lenBound(m, ri.x.read.Root)
			}
			if src != nil {
				ri.reads = map[string]*schema.Field{}
				for _, p := range ri.x.read.Paths {
					if f := src.Lookup(p); f != nil {
						ri.reads[p] = f
					}
				}
			}
		}
		if dst != nil {
			ri.tf = dst.Lookup(r.Target)
		}
		ri.srcs = make([]*schema.Field, len(r.From))
		if src != nil {
			for i, p := range r.From {
				ri.srcs[i] = src.Lookup(p)
			}
		}
		c.rules = append(c.rules, ri)
		c.byTarget[r.Target] = append(c.byTarget[r.Target], ri)
	}
	return c
}

// single returns the rule's one known source field, or nil.
func (ri *ruleInfo) single() *schema.Field {
	if len(ri.srcs) == 1 {
		return ri.srcs[0]
	}
	if len(ri.r.From) == 0 && ri.x.plainPath != "" {
		return ri.reads[ri.x.plainPath]
	}
	return nil
}

// resultType is the type the rule produces: the source type for a plain
// cast, the conversion's type when the expression fixes one, else "".
func (ri *ruleInfo) resultType() schema.Type {
	if ri.x.plain {
		if s := ri.single(); s != nil {
			return effType(s)
		}
		return ""
	}
	return ri.x.conv
}

// effType reads string formats as the types they carry: a string with
// format date-time is a zoned timestamp, date a date, uuid a uuid.
func effType(f *schema.Field) schema.Type {
	if f.Type == schema.String {
		switch strings.ToLower(f.Format) {
		case "date-time", "datetime", "timestamp":
			return schema.TimestampTZ
		case "date":
			return schema.Date
		case "time":
			return schema.Time
		case "uuid":
			return schema.UUID
		}
	}
	return f.Type
}

func (ri *ruleInfo) srcPaths() []string { return append([]string(nil), ri.r.From...) }

// finding builds a static finding for a rule.
// valueFrom is the rule's from: without the fields its expression reads
// only as tests (flag in `flag ? nil : first`): those choose a value and
// are none of the values that could collide.
func (ri *ruleInfo) valueFrom() []string {
	if ri.x.read == nil || len(ri.r.From) < 2 {
		return ri.r.From
	}
	val := map[string]bool{}
	for _, p := range ri.x.read.ValuePaths {
		val[p] = true
	}
	read := map[string]bool{}
	for _, p := range ri.x.read.Paths {
		read[p] = true
	}
	out := make([]string, 0, len(ri.r.From))
	for _, p := range ri.r.From {
		if val[p] || !read[p] {
			out = append(out, p)
		}
	}
	return out
}

func (ri *ruleInfo) finding(k kind.Kind, sev diag.Severity, det, msg string, why ...string) Finding {
	return Finding{Kind: k, Severity: sev, Detector: det, Rule: ri.r.Name(), Target: ri.r.Target,
		Source: ri.srcPaths(), Message: msg, Why: why}
}

// leafOrScalar reports fields that carry a value (not objects with children).
func valueFields(s *schema.Schema) []*schema.Field {
	var out []*schema.Field
	s.Walk(func(f *schema.Field) {
		if f.IsLeaf() || (f.Type != schema.Object && f.Type != schema.Array) {
			out = append(out, f)
		}
	})
	return out
}

// keyAlone reports whether a target field is a key by itself: unique, or
// the only primary-key column of its schema. A column of a composite
// primary key (order_id of PRIMARY KEY (order_id, line_no)) repeats by
// design, so its values alone are never a duplicate_key.
func (c *ctx) keyAlone(tf *schema.Field) bool {
	if tf == nil || !tf.PrimaryKey && !tf.Unique {
		return false
	}
	if tf.Unique || c.dst == nil {
		return true
	}
	n := 0
	c.dst.Walk(func(f *schema.Field) {
		if f.PrimaryKey {
			n++
		}
	})
	return n <= 1
}
