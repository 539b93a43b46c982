package check

import (
	"regexp"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
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
}

// ruleInfo is one active rule with its fields resolved.
type ruleInfo struct {
	r    *mapping.Rule
	tf   *schema.Field   // nil when the target path is unknown
	srcs []*schema.Field // parallel to r.From; nil entries are unknown paths
	x    exprInfo
}

// exprInfo is what a quick reading of the rule's expression shows.
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
}

var (
	reCall  = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\s*\(`)
	reScale = regexp.MustCompile(`([*/])\s*(1(?:0{2,9}))\b`)
	reNeg   = regexp.MustCompile(`(^|[^=!<>])!\s*[A-Za-z_(]|\bnot\s+[A-Za-z_(]|==\s*false\b|!=\s*true\b`)
	reLook  = regexp.MustCompile(`lookup\s*\(\s*["']([^"']+)["']`)
)

var convTypes = map[string]schema.Type{
	"to_int": schema.Integer, "int": schema.Integer, "to_integer": schema.Integer, "toint": schema.Integer,
	"to_decimal": schema.Decimal, "decimal": schema.Decimal, "round": schema.Decimal, "to_number": schema.Decimal,
	"to_float": schema.Float, "float": schema.Float,
	"to_string": schema.String, "string": schema.String, "str": schema.String, "lower": schema.String,
	"upper": schema.String, "trim": schema.String, "concat": schema.String, "join": schema.String,
	"format": schema.String, "substr": schema.String, "left": schema.String, "right": schema.String,
	"replace": schema.String, "split_part": schema.String, "first_name": schema.String, "last_name": schema.String,
	"truncate": schema.String, "title": schema.String, "digits": schema.String, "lookup": schema.String,
	"to_date": schema.Date, "date": schema.Date, "parse_date": schema.Date,
	"to_timestamp": schema.Timestamp, "timestamp": schema.Timestamp, "parse_time": schema.Timestamp,
	"to_timestamptz": schema.TimestampTZ, "to_utc": schema.TimestampTZ, "from_unix": schema.TimestampTZ,
	"from_unix_ms": schema.TimestampTZ, "now": schema.TimestampTZ,
	"to_bool": schema.Boolean, "bool": schema.Boolean, "to_boolean": schema.Boolean,
}

var combineFuncs = map[string]bool{"coalesce": true, "concat": true, "join": true, "format": true,
	"max": true, "min": true, "sum": true, "first_non_null": true, "if": true, "default": true}

var splitFuncs = map[string]bool{"split": true, "split_part": true, "first_name": true, "last_name": true,
	"name_first": true, "name_last": true, "given_name": true, "family_name": true, "first_word": true, "last_word": true}

func analyzeExpr(r *mapping.Rule) exprInfo {
	e := strings.TrimSpace(r.Expr)
	var x exprInfo
	if e == "" || (len(r.From) == 1 && (e == r.From[0] || e == strings.ReplaceAll(r.From[0], "[]", "[0]"))) {
		x.plain = true
		return x
	}
	for _, m := range reCall.FindAllStringSubmatch(e, -1) {
		f := strings.ToLower(m[1])
		x.funcs = append(x.funcs, f)
		if combineFuncs[f] {
			x.combine = true
		}
		if f == "coalesce" || f == "default" || f == "if" || f == "ifnull" || f == "nvl" {
			x.coalesce = true
		}
		if f == "concat" || f == "join" || f == "format" || f == "sum" {
			x.concat = true
		}
		if splitFuncs[f] {
			x.split = true
		}
	}
	if strings.Contains(e, "??") || strings.Contains(e, " ? ") || strings.Contains(e, "?:") {
		x.coalesce = true
		x.combine = true
	}
	if len(r.From) > 1 && (strings.Contains(e, "+") || strings.Contains(e, "-") || strings.Contains(e, "*") || strings.Contains(e, "/")) {
		x.combine = true
		x.concat = true
	}
	if m := reLook.FindStringSubmatch(e); m != nil {
		x.lookup = m[1]
	}
	x.negated = reNeg.MatchString(e)
	if m := reScale.FindStringSubmatch(e); m != nil {
		x.scale = m[1] + m[2]
	}
	// The result type: the last pipe stage, else the outermost call.
	last := e
	if i := strings.LastIndex(e, "|"); i >= 0 && !strings.Contains(e, "||") {
		last = strings.TrimSpace(e[i+1:])
	}
	if m := reCall.FindStringSubmatchIndex(last); m != nil && m[0] == 0 {
		x.conv = convTypes[strings.ToLower(last[m[2]:m[3]])]
	} else if x.scale != "" && x.scale[0] == '/' {
		x.conv = schema.Decimal
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
