package engine

import (
	"errors"
	"fmt"
	"github.com/seamhq/seam/mapping"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/file"

	"github.com/expr-lang/expr/vm"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// RowError is one rule's failure on one row.
type RowError struct {
	Rule   *mapping.Rule
	Target string
	// Kind is a findings kind: coercion_failure, lookup_miss,
	// null_into_required, malformed_row, or a target constraint the value
	// breaks: truncation, range_violation, precision_loss, enum_violation.
	Kind   kind.Kind
	Reason string
	// Value is the source value involved (From[0]'s), when there is one;
	// for a join's lookup_miss the key that found no row (null or absent
	// when the key itself was missing).
	Value value.Value
	// Action is what on_error did: reject, null, default or keep.
	Action string
	// Table is the name of the target the row was made for and Element
	// the 1-based position of the array element it came from, in the rows
	// of a Plan ("" and 0 elsewhere, and Element 0 for a target without
	// each).
	Table   string
	Element int
	// Join names the join of a lookup_miss that a join of a Plan made
	// ("" for every other error).
	Join string
}

func (e *RowError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Target, e.Kind, e.Reason)
}

// Result is what Apply made of one row. Out holds the target record (also
// when the row is rejected, with what the rules produced, for previews);
// Errors lists every rule failure, handled or not; Rejected is set when a
// failure's on_error is reject.
type Result struct {
	Out      *value.Record
	Errors   []RowError
	Rejected bool
}

// Exec runs a Program on records, one at a time; it holds the buffers
// that make the per-record path cheap. One Exec per goroutine.
type Exec struct {
	p *Program
	// key resolution cache for the input's Keys slice
	lastKeys keyShape
	idx      []int
	in       *value.Record
	sv       []value.Value
	serr     []error
	done     []bool
	vm       vm.VM
	env      map[string]any
	slab     []value.Value
	errs     []RowError
	// arena makes the strings the native path builds (+, lower, upper)
	arena value.Arena
	// cov counts coverage when Cover was called (nil: not counted)
	cov *execCov
}

// NewExec returns an executor for p.
func (p *Program) NewExec() *Exec {
	n := len(p.slots)
	x := &Exec{p: p, idx: make([]int, n), sv: make([]value.Value, n),
		serr: make([]error, n), done: make([]bool, n)}
	if p.needVM {
		x.env = make(map[string]any, n)
	}
	return x
}

// keyShape remembers the Keys slice of the last record seen: records
// of one reader share it, so a pointer and length compare says whether
// the key positions must be worked out again.
type keyShape struct {
	ptr *string
	n   int
}

// changed reports whether keys is another slice than the last one seen,
// and remembers it.
func (k *keyShape) changed(keys []string) bool {
	var kp *string
	if len(keys) > 0 {
		kp = &keys[0]
	}
	if kp == k.ptr && len(keys) == k.n && kp != nil {
		return false
	}
	k.ptr, k.n = kp, len(keys)
	return true
}

func (x *Exec) resolve(in *value.Record) {
	if !x.lastKeys.changed(in.Keys) {
		return
	}
	if len(x.p.slots)*len(in.Keys) > 1024 {
		// Wide records (100,000 columns): one map instead of a scan of
		// the keys per slot, which took time in the square of the width.
		pos := make(map[string]int, len(in.Keys))
		for i := len(in.Keys) - 1; i >= 0; i-- {
			pos[in.Keys[i]] = i // the first of repeated keys wins, as in Index
		}
		for i, s := range x.p.slots {
			if j, ok := pos[s.name]; ok {
				x.idx[i] = j
			} else {
				x.idx[i] = -1
			}
		}
		return
	}
	for i, s := range x.p.slots {
		x.idx[i] = in.Index(s.name)
	}
}

var (
	absent    value.Value
	nullValue = value.NullV()
)

// raw returns slot i's input value, unconverted.
func (x *Exec) raw(i int) *value.Value {
	if j := x.idx[i]; j >= 0 && j < len(x.in.Vals) {
		return &x.in.Vals[j]
	}
	return &absent
}

// typed returns slot i's value converted to the source field's type
// (computed once per row).
func (x *Exec) typed(i int) (value.Value, error) {
	if x.done[i] {
		return x.sv[i], x.serr[i]
	}
	x.done[i] = true
	s := &x.p.slots[i]
	rv := x.raw(i)
	if s.field == nil || rv.K == value.Absent || rv.K == value.Null || rv.K == value.String && s.typ == "string" {
		x.done[i] = false // nothing to cache: read it again
		return *rv, nil
	}
	v := *rv
	tv, err := castTo(v, s.typ, s.layout, true)
	if err != nil {
		err = fmt.Errorf("source field %s: %w", s.name, err)
	}
	x.sv[i], x.serr[i] = tv, err
	return tv, err
}

// slabValues bounds the values of one output slab (about 3.5 MB).
const slabValues = 1 << 15

func (x *Exec) alloc(n int) []value.Value {
	if len(x.slab) < n {
		// 64 records a slab, fewer when they are wide: at most
		// slabValues values unless one record needs more.
		x.slab = make([]value.Value, max(n*max(1, min(64, slabValues/max(n, 1))), 256))
	}
	v := x.slab[:n:n]
	x.slab = x.slab[n:]
	return v
}

func (x *Exec) newOut(t *outTree) *value.Record {
	r := &value.Record{Keys: t.keys, Vals: x.alloc(len(t.keys))}
	for i, c := range t.children {
		r.Vals[i] = value.Value{K: value.Object, Obj: x.newOut(c)}
	}
	return r
}

// Apply maps one record. The returned Out and Errors stay valid after
// later calls.
func (x *Exec) Apply(in *value.Record) Result {
	res := Result{Out: x.newOut(x.p.out)}
	res.Rejected = x.applyTo(in, res.Out)
	if len(x.errs) > 0 {
		res.Errors = append([]RowError(nil), x.errs...)
	}
	return res
}

// resetOut clears an output record made by newOut for reuse.
func resetOut(r *value.Record, t *outTree) {
	for i := range r.Vals {
		if c := t.children[i]; c != nil {
			if r.Vals[i].K != value.Object || r.Vals[i].Obj == nil {
				r.Vals[i] = value.Value{K: value.Object, Obj: &value.Record{Keys: c.keys, Vals: make([]value.Value, len(c.keys))}}
			}
			resetOut(r.Vals[i].Obj, c)
			continue
		}
		r.Vals[i].K = value.Absent // the other members are stale, unread
	}
}

// applyTo maps in into out (made by newOut, every leaf Absent) and
// reports whether the row is rejected; the errors are in x.errs until the
// next call.
func (x *Exec) applyTo(in *value.Record, out *value.Record) (rejected bool) {
	p := x.p
	x.bind(in)
	x.errs = x.errs[:0]
	for ri, rp := range p.rules {
		var dst *value.Value
		if len(rp.path) == 1 {
			dst = &out.Vals[rp.path[0]]
		} else {
			dst = pathPtr(out, rp.path)
		}
		k, reason := x.evalInto(rp, dst)
		if k == "" {
			k, reason = rp.finish(dst)
			if k == "" && rp.lim != nil {
				k, reason = rp.lim.check(dst)
			}
		}
		if x.cov != nil {
			x.cov.covRule(ri, dst, k != "")
		}
		if k != "" {
			re := RowError{Rule: rp.rule, Target: rp.target, Kind: k, Reason: reason, Action: rp.onError}
			if rp.fromSlot >= 0 {
				re.Value = *x.raw(rp.fromSlot)
			}
			switch rp.onError {
			case mapping.OnErrorNull:
				*dst = value.NullV()
				if rp.required && !rp.nullable {
					*dst = value.Value{}
					re.Action = mapping.OnErrorReject
					rejected = true
				}
			case mapping.OnErrorDefault:
				*dst = rp.def
			case mapping.OnErrorKeep:
				if rp.fromSlot >= 0 {
					*dst = *x.raw(rp.fromSlot)
				} else {
					*dst = value.Value{}
				}
			default:
				*dst = value.Value{}
				rejected = true
			}
			x.errs = append(x.errs, re)
		}
	}
	if p.group {
		rejected = x.applyGroup(in, out) || rejected
	}
	x.in = nil
	return rejected
}

// bind makes in the record the slots read.
func (x *Exec) bind(in *value.Record) {
	p := x.p
	x.resolve(in)
	x.in = in
	for i := range p.slots {
		x.done[i] = false
		x.serr[i] = nil
	}
	if p.needVM {
		for i, s := range p.slots {
			v, _ := x.typed(i)
			if v.K == value.Absent {
				delete(x.env, s.name)
			} else {
				x.env[s.name] = toAny(v)
			}
		}
	}
}

func pathPtr(r *value.Record, path []int) *value.Value {
	for len(path) > 1 {
		r = r.Vals[path[0]].Obj
		path = path[1:]
	}
	return &r.Vals[path[0]]
}

// evalInto computes a rule's converted result into dst; kind is set on
// failure (dst is then undefined).
func (x *Exec) evalInto(rp *ruleProg, dst *value.Value) (k kind.Kind, reason string) {
	if rp.castSlot >= 0 {
		raw := x.raw(rp.castSlot)
		s := &x.p.slots[rp.castSlot]
		if rp.castPath != nil {
			return x.castNested(rp, raw, dst)
		}
		if raw.K == value.String {
			// Fast paths of castTo for text input.
			switch {
			case raw.S == "" && s.typ != "" && s.typ != "string":
				raw = &nullValue // an empty cell of a typed source field is null
			// Only the member Kind names is written: dst is either fresh
			// or a reused output value that nobody reads beyond its Kind.
			case rp.ttype == "string":
				dst.K, dst.S = value.String, raw.S
				return "", ""
			case rp.ttype == "integer":
				if n, ok := parseInt(raw.S, rp.layout.num); ok {
					dst.K, dst.I = value.Int, n
					return "", ""
				}
			case rp.ttype == "date":
				if t, ok := parseDate(raw.S, rp.layout); ok {
					dst.K, dst.T = value.Date, t
					return "", ""
				}
			}
		}
		v, err := castTo(*raw, rp.ttype, rp.layout, rp.nullable)
		if err != nil {
			return kind.CoercionFailure, err.Error()
		}
		*dst = v
		return "", ""
	}
	var err error
	if x.cov != nil && rp.covNative != nil {
		*dst, err = rp.covNative(x)
	} else if rp.native != nil {
		*dst, err = rp.native(x)
	} else {
		for _, i := range rp.reads {
			if x.serr[i] != nil {
				return kind.CoercionFailure, x.serr[i].Error()
			}
		}
		var out any
		prog := rp.prog
		if x.cov != nil && rp.covProg != nil {
			prog = rp.covProg
		}
		out, err = x.runVM(prog)
		if err == nil {
			// An array result may repeat one long value many times:
			// bounded before it is copied into the row.
			if err = transform.CheckSize("the result", out); err == nil {
				*dst = fromAny(out)
			}
		}
	}
	if err != nil {
		return errorKind(err), rp.errorReason(err)
	}
	if k := dst.K; k == value.Null || k == value.Absent || rp.kindOK(k) {
		return "", ""
	}
	v, err := castTo(*dst, rp.ttype, namedDateLayouts["ISO"], rp.nullable)
	if err != nil {
		return kind.CoercionFailure, "result " + err.Error()
	}
	*dst = v
	return "", ""
}

// castNested is the checked cast of a nested from path (customer.id):
// through a null parent the value is null, through an absent one absent.
func (x *Exec) castNested(rp *ruleProg, raw *value.Value, dst *value.Value) (k kind.Kind, reason string) {
	v := *raw
	for _, k := range rp.castPath {
		var err error
		if v, err = memberOf(v, k); err != nil {
			return kind.CoercionFailure, fmt.Sprintf("from %s: %v", rp.rule.From[0], err)
		}
	}
	if v.K == value.String && v.S == "" && rp.srcTyped {
		v = value.NullV() // an empty text of a typed source field is null
	}
	v, err := castTo(v, rp.ttype, rp.layout, rp.nullable)
	if err != nil {
		return kind.CoercionFailure, err.Error()
	}
	*dst = v
	return "", ""
}

// kindOK reports a result kind that needs no conversion for the target.
func (rp *ruleProg) kindOK(k value.Kind) bool {
	switch rp.ttype {
	case "string", "enum":
		return k == value.String
	case "integer":
		return k == value.Int
	case "decimal":
		return k == value.Decimal
	case "float":
		return k == value.Float
	case "boolean":
		return k == value.Bool
	case "date":
		return k == value.Date
	default:
	}
	return false
}

func (x *Exec) runVM(prog *vm.Program) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("expression failed: %s", oneLine(fmt.Sprint(r)))
		}
	}()
	return x.vm.Run(prog, x.env)
}

// finish applies the target's null rules to the converted value in v.
func (rp *ruleProg) finish(v *value.Value) (kind.Kind, string) {
	switch v.K {
	case value.Null:
		if rp.nullable {
			return "", ""
		}
		if rp.required {
			return kind.NullIntoRequired, "null into required " + rp.target
		}
		*v = value.Value{}
	case value.Absent:
		if !rp.required {
			return "", ""
		}
		if rp.nullable {
			*v = value.NullV()
			return "", ""
		}
		return kind.NullIntoRequired, "no value for required " + rp.target
	default:
	}
	return "", ""
}

func errorKind(err error) kind.Kind {
	return transform.ErrorKind(err)
}

// errorReason is one line of seam's own words for an expression failure:
// never expr's multi-line text with its "(1:13)" and source excerpt.
func (rp *ruleProg) errorReason(err error) string {
	var tl *transform.TooLargeError
	if errors.As(err, &tl) {
		return "rule " + rp.rule.Name() + ": " + tl.Error()
	}
	var fe *transform.FuncError
	if errors.As(err, &fe) {
		return oneLine(fe.Error())
	}
	var lm *transform.LookupMissError
	if errors.As(err, &lm) {
		return oneLine(lm.Error())
	}
	var xe *file.Error
	if errors.As(err, &xe) {
		at := ""
		if src := []rune(rp.rule.Expr); xe.From >= 0 && xe.From < len(src) {
			near := strings.TrimSpace(string(src[xe.From:min(len(src), xe.From+24)]))
			at = fmt.Sprintf(" at column %d (%s)", xe.From+1, strconv.Quote(near))
		}
		return fmt.Sprintf("expression of rule %s failed%s: %s", rp.rule.Name(), at, oneLine(xe.Message))
	}
	return oneLine(err.Error())
}

// oneLine keeps the first line of a message.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// RuleProgram is one rule compiled on its own, for live previews.
type RuleProgram struct {
	p *Program
	x *Exec
}

// CompileRule compiles rule r of mapping m (its lookups apply) against the
// schemas, for evaluating it on sample records as it is edited.
func CompileRule(m *mapping.Mapping, r *mapping.Rule, src, dst *schema.Schema) (*RuleProgram, diag.List) {
	rc := *r
	rc.Status = "" // previews run suggested rules too
	p, ds := compile(m, []*mapping.Rule{&rc}, src, dst, false)
	if ds.HasErrors() || p == nil || len(p.rules) == 0 {
		return nil, ds
	}
	return &RuleProgram{p: p, x: p.NewExec()}, ds
}

// Eval runs the rule on one record: the target value and, when the rule
// fails, the error (its on_error is applied to the value).
func (rp *RuleProgram) Eval(in *value.Record) (value.Value, *RowError) {
	res := rp.x.Apply(in)
	v := res.Out.Vals[0]
	if len(rp.p.rules[0].path) > 0 {
		r := res.Out
		path := rp.p.rules[0].path
		for len(path) > 1 {
			r = r.Vals[path[0]].Obj
			path = path[1:]
		}
		v = r.Vals[path[0]]
	}
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		return v, &e
	}
	return v, nil
}
