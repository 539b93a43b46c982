package check

import (
	"fmt"
	"github.com/seamhq/seam/mapping/engine"
	"regexp"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// DataOptions bounds the data detectors.
type DataOptions struct {
	// MaxExamples per finding; 0 means 5.
	MaxExamples int
	// MaxKeys bounds the duplicate-key set per key field (8 bytes a key);
	// 0 means 1<<20 (about 8 MiB per key field at most). Past the bound
	// new keys are not tracked and the finding says so.
	MaxKeys int
	// MaxValues bounds the distinct values kept per finding (lookup misses)
	// and per field for distribution statistics; 0 means 50.
	MaxValues int
	// Source and Target are the schemas the Program was compiled with
	// (NewData needs them: a Program does not expose its schemas). When
	// nil, NewData loads the mapping's schemas again.
	Source, Target *schema.Schema
}

func (o DataOptions) withDefaults() DataOptions {
	if o.MaxExamples <= 0 {
		o.MaxExamples = 5
	}
	if o.MaxKeys <= 0 {
		o.MaxKeys = 1 << 20
	}
	if o.MaxValues <= 0 {
		o.MaxValues = 50
	}
	return o
}

// Data runs the streaming data detectors: feed it every row with Observe
// (or ObserveOut), then read Findings. Memory is constant in the number of
// rows apart from the bounded key and value sets of DataOptions. Not safe
// for concurrent use: Run's OnRow calls it in input order from one
// goroutine. NewFeed runs it on goroutines beside the engine instead.
type Data struct {
	// labels are the edge cases of the row being observed (nil for a
	// realistic row or data that carries none): agg counts them per finding.
	labels map[string]string
	keys   *keyIndex // finds the fields of wide records
	opts   DataOptions
	c      *ctx
	rules  []*dataRule
	aggs   map[aggKey]*agg
	order  []aggKey
	pairs  []*invariant
	rows   int64
	// rejected rows (Observe / ObserveOut with a nil output)
	rejected int64
	// engine: the targets (and kinds) the engine reported on this row; reused
	engine map[aggKey]bool
	// Sharding (parallel.go): a shard observes every row but runs only the
	// rules it owns (skip[i] for the others) and counts only the engine
	// errors on its targets (ownErr; nil means all). stage and seq order
	// the findings as a serial run creates them.
	skip    []bool
	ownErr  func(target string) bool
	noPairs bool
	// byTarget indexes rules by target (ruleFor), made on first use.
	byTarget map[string]*dataRule
	// ckey finds repeats of a composite primary key (nil for none).
	ckey  *compositeKey
	row   int64
	stage int
	seq   int64
}

// Rows counts the rows observed: read, written (not rejected), rejected.
func (d *Data) Rows() Rows {
	return Rows{Read: d.rows, Written: d.rows - d.rejected, Rejected: d.rejected}
}

// dataRule is one active rule with its per-target state.
type dataRule struct {
	ri *ruleInfo
	// valueFrom: the from fields whose values the output carries
	// (ruleInfo.valueFrom), compared by the collision check.
	valueFrom []string
	tf        *schema.Field
	req       bool
	maxLen    int
	lenUnit   string
	pattern   *regexp.Regexp
	enum      map[string]bool
	charset   string
	keys      *keySet
	polar     bool // static polarity conflict: data confirms it
	fracTgt   bool // target is a 0..1 fraction
	dateTgt   bool // target holds only a date
	money     bool // target is money in currency units
	// currency: the source currency field beside an amount mapped without
	// it; currencies counts its values (at most MaxValues of them).
	currency   string
	currencies map[string]int64
	curEx      map[string]Example // first row per currency
	ratioEx    []Example          // first rows with a numeric source and output
	stats      ruleStats
	// src (the single source field) and out (the target) read a row's
	// values by remembered position.
	src, out fieldRef
	// loss is the source path whose values the rule's expression
	// transforms, compared with the output for value-level loss
	// (lossWatch); "" when not watched.
	loss string
	// placeSrc: the watched source holds a country, state or region
	// (a cut of its names reads as a code: code_system).
	placeSrc bool
	lossSrc  fieldRef
	// contract: the declared source fields the rule reads (contract.go).
	contract []contractRef
}

// fieldRef reads one field of a record by path, remembering the position
// of a top-level key: the records of one run share their key order, so
// the lookup is one comparison instead of a scan.
type fieldRef struct {
	path   string
	idx    int
	nested bool
	keys   *keyIndex // shared by the refs of one Data
}

func newFieldRef(path string, keys *keyIndex) fieldRef {
	return fieldRef{path: path, nested: strings.IndexByte(path, '.') >= 0, keys: keys}
}

// get is r.Path(f.path).
func (f *fieldRef) get(r *value.Record) value.Value {
	if f.nested {
		return r.Path(f.path)
	}
	if i := f.idx; i < len(r.Keys) && r.Keys[i] == f.path {
		return r.Vals[i]
	}
	i := f.keys.index(r, f.path)
	if i < 0 {
		return value.Value{}
	}
	f.idx = i
	return r.Vals[i]
}

type aggKey struct {
	kind         kind.Kind
	target, rule string
}

type agg struct {
	f      Finding
	desc   string // what happened, without the count
	lens   [3]int // truncation: longest value in characters, UTF-8 bytes, UTF-16 units
	values []string
	seen   map[string]bool
	full   bool
	// classes counts the finding's rows per edge class (synthetic rows
	// with labels); rows in none are realistic.
	classes map[string]int64
	// at orders aggregates as a serial run creates them: row, stage (an
	// engine error's index, then len(errors)+rule index, then pairs), and
	// a per-Data sequence number.
	at [3]int64
}

// NewDataFor prepares the data detectors for a mapping and its schemas.
// NewData (engine.go) builds the same from a compiled Program.
func NewDataFor(m *mapping.Mapping, src, dst *schema.Schema, opts DataOptions) *Data {
	d := &Data{opts: opts.withDefaults(), c: newCtx(m, src, dst), aggs: map[aggKey]*agg{}, keys: &keyIndex{}}
	for _, ri := range d.c.rules {
		if ri.tf == nil {
			continue
		}
		dr := &dataRule{ri: ri, tf: ri.tf}
		d.prepare(dr)
		d.rules = append(d.rules, dr)
	}
	d.pairs = findInvariants(d.rules, d.keys)
	d.ckey = newCompositeKey(d)
	return d
}

func (d *Data) prepare(dr *dataRule) {
	tf := dr.tf
	dr.req, _ = d.c.requiredTarget(tf)
	if d.c.systemReason(tf) != "" {
		dr.req = false
	}
	dr.maxLen, _ = maxLen(tf)
	dr.lenUnit = "characters"
	if d.c.dstPlatform == "salesforce" {
		dr.lenUnit = "UTF-16 units" // Apex counts UTF-16 code units
	}
	if tf.Pattern != "" && !tf.Sampled { // a sample's pattern is what it showed, not a rule
		dr.pattern, _ = regexp.Compile(tf.Pattern) // a bad pattern is the loader's diagnostic
	}
	if len(tf.EnumValues) > 0 {
		dr.enum = map[string]bool{}
		for _, v := range tf.EnumValues {
			dr.enum[v] = true
		}
	}
	if cs := d.c.charsetOf(tf); narrowCharset(cs) {
		dr.charset = cs
	}
	if d.c.keyAlone(tf) {
		dr.keys = newKeySet(d.opts.MaxKeys)
	}
	if s := dr.ri.single(); s != nil {
		dr.polar = len(polarity(dr.ri, s)) > 0 && !dr.ri.x.negated
	}
	u, _ := unitOf(tf)
	dr.fracTgt = strings.HasPrefix(u, "fraction")
	dr.money = u == "major"
	dr.dateTgt, _ = d.c.dateOnly(tf)
	if s := dr.ri.single(); s != nil {
		if cd := d.c.currencyDropped(dr.ri, s); len(cd) > 0 {
			dr.currency = currencySibling(d.c, s)
			dr.currencies = map[string]int64{}
			dr.curEx = map[string]Example{}
		}
	}
	dr.stats.init(d.opts.MaxValues)
	dr.valueFrom = dr.ri.valueFrom()
	if len(dr.ri.r.From) == 1 {
		dr.src = newFieldRef(dr.ri.r.From[0], d.keys)
	}
	dr.out = newFieldRef(dr.ri.r.Target, d.keys)
	d.prepareContract(dr)
	dr.loss = lossWatch(dr.ri)
	if dr.loss != "" {
		dr.lossSrc = newFieldRef(dr.loss, d.keys)
		w, _ := whatOf(dr.loss, d.c.src)
		dr.placeSrc = placeRole(w)
	}
}

// ObserveOut feeds one row: the input record, the output record (nil when
// the row was rejected), the engine's errors and the synthetic labels
// (field path -> edge-case name; "" for the whole row), which may be nil.
func (d *Data) ObserveOut(row int64, in, out *value.Record, errs []engine.RowError, labels map[string]string) {
	d.observe(row, in, out, out == nil, errs, labels)
}

// ObserveRejected feeds a row the engine rejected together with the values
// its other rules computed: the per-rule detectors still run on every rule
// that did not fail, so a value that is too long is reported even when the
// same row also failed elsewhere.
func (d *Data) ObserveRejected(row int64, in, out *value.Record, errs []engine.RowError, labels map[string]string) {
	d.observe(row, in, out, true, errs, labels)
}

func (d *Data) observe(row int64, in, out *value.Record, rejected bool, errs []engine.RowError, labels map[string]string) {
	d.rows++
	if rejected {
		d.rejected++
	}
	if d.engine == nil {
		d.engine = map[aggKey]bool{}
	}
	engine := d.engine
	clear(engine)
	d.row = row
	d.labels = labels
	for i, e := range errs {
		k := e.Kind
		if k == "" {
			k = kind.CoercionFailure
		}
		engine[aggKey{k, e.Target, ""}] = true
		engine[aggKey{"", e.Target, ""}] = true
		if d.ownErr != nil && !d.ownErr(e.Target) {
			continue // another shard counts it
		}
		d.stage = i
		name, from := e.Target, []string(nil)
		if e.Rule != nil {
			name, from = e.Rule.Name(), e.Rule.From
			if dr := d.ruleFor(e.Target); len(from) == 0 && dr != nil {
				from = dr.ri.sourcePaths() // the fields an expression reads
			}
		}
		reason := e.Reason
		if dr := d.ruleFor(e.Target); dr != nil {
			if path, why := dr.sourceBroken(in); path != "" {
				k, reason = kind.ContractViolation, path+": "+why+" (the rule then failed: "+e.Reason+")"
			}
		}
		a := d.agg(k, e.Target, name, from)
		if k == kind.NullIntoRequired && e.Rule != nil && e.Rule.OnError != "" {
			// The rule says what becomes of such a row (reject, null,
			// default): reported, as the rule decided it, at info.
			a.f.Severity = diag.Info
		}
		// The example's target is what was written (on_error null, default
		// or keep); nothing when the row was rejected.
		var tv value.Value
		if out != nil && !rejected {
			tv = out.Path(e.Target)
		}
		d.example(a, row, in, from, tv, labels, reason)
		if k == kind.LookupMiss && len(from) > 0 {
			a.addValue(shortValue(Render(in.Path(from[0]))), d.opts.MaxValues)
		}
	}
	for i, dr := range d.rules {
		if d.skip != nil && d.skip[i] {
			continue
		}
		d.stage = len(errs) + i
		d.checkRule(dr, row, in, out, !rejected, engine, labels)
	}
	if d.noPairs {
		return
	}
	for i, p := range d.pairs {
		d.stage = len(errs) + len(d.rules) + i
		p.observe(d, row, in, out, labels)
	}
	if d.ckey != nil && !rejected && out != nil {
		// Only written rows reach the target, so only they can collide.
		d.stage = len(errs) + len(d.rules) + len(d.pairs)
		d.ckey.observe(d, row, in, out, labels)
	}
}

// ruleFor returns the data rule writing target, nil when none.
func (d *Data) ruleFor(target string) *dataRule {
	if d.byTarget == nil {
		d.byTarget = make(map[string]*dataRule, len(d.rules))
		for _, dr := range d.rules {
			d.byTarget[dr.ri.r.Target] = dr
		}
	}
	return d.byTarget[target]
}

// agg returns the aggregate for (kind, target, rule), creating it.
func (d *Data) agg(kd kind.Kind, target, rule string, from []string) *agg {
	k := aggKey{kd, target, rule}
	a := d.aggs[k]
	if a == nil {
		a = &agg{f: Finding{Kind: kd, Severity: dataSeverity(kd), Detector: kd.Detector(), Rule: rule,
			Target: target, Source: append([]string{}, from...)}}
		a.at = [3]int64{d.row, int64(d.stage), d.seq}
		d.seq++
		d.aggs[k] = a
		d.order = append(d.order, k)
	}
	a.f.Count++
	if d.labels != nil {
		paths := from
		if len(paths) == 0 {
			if dr := d.ruleFor(target); dr != nil {
				paths = dr.ri.sourcePaths()
			}
		}
		if c := edgeCase(d.labels, paths, target); c != "" {
			if a.classes == nil {
				a.classes = map[string]int64{}
			}
			a.classes[c]++
		}
	}
	return a
}

func (a *agg) addValue(v string, max int) {
	if a.seen == nil {
		a.seen = map[string]bool{}
	}
	if a.seen[v] {
		return
	}
	if len(a.values) >= max {
		a.full = true
		return
	}
	a.seen[v] = true
	a.values = append(a.values, v)
}

// example records a row when the finding has room for one more.
func (d *Data) example(a *agg, row int64, in *value.Record, from []string, target value.Value, labels map[string]string, reason string) {
	if len(a.f.Examples) >= d.opts.MaxExamples {
		return
	}
	ex := Example{Row: row, Target: clip(target), Reason: clip(value.Str(reason)).S}
	paths := from
	if len(paths) == 0 {
		if dr := d.ruleFor(a.f.Target); dr != nil {
			paths = dr.ri.sourcePaths() // the fields an expression reads
		}
	}
	for i, p := range paths {
		if i == maxMalformedFields || in == nil {
			break
		}
		ex.Source = append(ex.Source, NamedValue{p, clip(in.Path(p))})
	}
	if a.f.Kind == kind.MalformedRow && in != nil {
		// no rule read it: show the record as far as it was read
		for i, k := range in.Keys {
			if i == maxMalformedFields {
				break
			}
			ex.Source = append(ex.Source, NamedValue{k, clip(in.Vals[i])})
		}
	}
	ex.EdgeCase = edgeCase(labels, paths, a.f.Target)
	a.f.Examples = append(a.f.Examples, ex)
}

// shortValue clips a value listed in a finding's why to maxListedChars
// characters: a list of fifty values stays readable.
func shortValue(s string) string {
	n := 0
	for i := range s {
		if n == maxListedChars {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// maxListedChars bounds one value in a list of values (shortValue).
const maxListedChars = 40

// maxMalformedFields bounds the fields a malformed_row example shows.
const maxMalformedFields = 20

// MaxExampleChars bounds a string kept in an example; longer values keep
// their first MaxExampleChars characters followed by "…" (the finding's
// reason still gives the full length).
const MaxExampleChars = 200

func clip(v value.Value) value.Value {
	if v.K != value.String || len(v.S) <= MaxExampleChars {
		return v
	}
	n := 0
	for i := range v.S {
		if n == MaxExampleChars {
			return value.Str(v.S[:i] + "…")
		}
		n++
	}
	return v
}

func edgeCase(labels map[string]string, from []string, target string) string {
	if len(labels) == 0 {
		return ""
	}
	for _, p := range from {
		if l := labels[p]; l != "" {
			return l
		}
	}
	if l := labels[target]; l != "" {
		return l
	}
	return labels[""]
}

// Findings returns the data findings so far, with messages and end-of-run
// statistics, sorted errors first.
func (d *Data) Findings() []Finding {
	var out []Finding
	for _, k := range d.order {
		a := d.aggs[k]
		f := a.f
		f.Examples = append([]Example(nil), a.f.Examples...)
		f.Why = append([]string(nil), a.f.Why...)
		if f.Message == "" {
			f.Message = d.message(a)
		}
		if len(a.values) > 0 {
			vs := append([]string(nil), a.values...)
			sort.Strings(vs)
			more := ""
			if a.full {
				more = fmt.Sprintf(" (first %d distinct values)", d.opts.MaxValues)
			}
			f.Why = append(f.Why, "unmapped values"+more+": "+strings.Join(vs, ", "))
		}
		if len(a.classes) > 0 {
			f.EdgeCases = edgeCounts(a.classes, f.Count)
			f.Why = append(f.Why, "edge classes: "+edgeSummary(f.EdgeCases))
		}
		out = append(out, f)
	}
	for _, dr := range d.rules {
		out = append(out, d.ruleStatsFindings(dr)...)
		if dr.keys != nil {
			for i := range out {
				if out[i].Kind != kind.DuplicateKey || out[i].Target != dr.tf.Path {
					continue
				}
				if dr.keys.full {
					out[i].Why = append(out[i].Why, fmt.Sprintf("key tracking stopped after %d distinct keys (DataOptions.MaxKeys); later duplicates are not counted", d.opts.MaxKeys))
				} else {
					out[i].Why = append(out[i].Why, fmt.Sprintf("keys tracked as 64-bit hashes, %d of at most %d", len(dr.keys.m), d.opts.MaxKeys))
				}
			}
		}
	}
	SortFindings(out)
	return out
}

func (d *Data) message(a *agg) string {
	f := a.f
	rows := "rows"
	if f.Count == 1 {
		rows = "row"
	}
	switch f.Kind {
	case kind.LookupMiss:
		return fmt.Sprintf("%d %s had no entry in the lookup for %s (%d distinct values)", f.Count, rows, f.Target, len(a.values))
	case kind.CoercionFailure:
		return fmt.Sprintf("%d %s did not parse as the type of %s", f.Count, rows, f.Target)
	case kind.MalformedRow:
		return fmt.Sprintf("%d %s of the input could not be read as records (more or fewer fields than the header); rejected before any rule ran", f.Count, rows)
	default:
	}
	if a.desc != "" {
		return fmt.Sprintf("%d %s: %s", f.Count, rows, a.desc)
	}
	return fmt.Sprintf("%d %s: %s (%s)", f.Count, rows, f.Kind.Doc(), f.Target)
}

func dataSeverity(k kind.Kind) diag.Severity {
	switch k {
	case kind.EmptyVsNull, kind.DistributionShift:
		return diag.Info
	case kind.ContractViolation:
		return diag.Warn // a source problem: shown, not failing the mapping
	default:
	}
	return diag.Error
}
