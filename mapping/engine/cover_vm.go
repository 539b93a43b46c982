package engine

import (
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/file"
)

// Coverage of the rules the expr VM runs: their expression is compiled a
// second time (only when coverage is asked for) with each conditional's
// condition and each coalesce, default and lookup call routed through a
// counting function that receives the Exec's counters through $env. The
// counting functions keep the types of what they wrap, so the checker
// sees the same expression. `??` on the VM is not counted.

// covEnvKey holds an Exec's counters in its VM environment.
const covEnvKey = "\x00seam_cov"

// covCounted are the library calls the VM path counts.
var covCounted = map[string]bool{"coalesce": true, "default": true, "lookup": true}

// covPatch rewrites the nodes of one rule's expression whose location is
// a branch point (or a lookup call) into counting calls.
type covPatch struct {
	at      map[file.Location]int // branch point by the node's location
	tables  map[string]int
	patched map[int]bool // branch points instrumented
	looked  map[string]bool
}

func (c *covPatch) Visit(n *ast.Node) {
	env := func() ast.Node { return &ast.IdentifierNode{Value: "$env"} }
	switch x := (*n).(type) {
	case *ast.ConditionalNode:
		id, ok := c.at[x.Location()]
		if !ok {
			return
		}
		x.Cond = &ast.CallNode{Callee: &ast.IdentifierNode{Value: "__seam_if"}, Arguments: []ast.Node{env(), &ast.IntegerNode{Value: id}, x.Cond}}
		c.patched[id] = true
	case *ast.CallNode:
		callee, ok := x.Callee.(*ast.IdentifierNode)
		if !ok || !covCounted[callee.Value] {
			return
		}
		var id int
		if callee.Value == "lookup" {
			s, ok := argString0(x)
			ti, known := c.tables[s]
			if !ok || !known {
				return
			}
			id = ti
			c.looked[s] = true
		} else {
			bid, ok := c.at[x.Location()]
			if !ok {
				return
			}
			id = bid
			c.patched[id] = true
		}
		x.Callee = &ast.IdentifierNode{Value: "__seam_" + callee.Value}
		x.Arguments = append([]ast.Node{env(), &ast.IntegerNode{Value: id}}, x.Arguments...)
	}
}

// covFuncs are the counting functions: each takes $env and the branch
// point (or lookup table) before the wrapped call's own arguments.
func covFuncs(funcs map[string]*builtin.Function, lookups []lookupTable) []expr.Option {
	counters := func(params []any) *execCov {
		env, _ := params[0].(map[string]any)
		ec, _ := env[covEnvKey].(*execCov)
		return ec
	}
	opts := []expr.Option{expr.Function("__seam_if", func(params ...any) (any, error) {
		b, ok := params[2].(bool)
		if !ok {
			return nil, runtimeErrf("condition: want a boolean, got %T", params[2])
		}
		if ec := counters(params); ec != nil {
			if b {
				ec.arms[params[1].(int)][0]++
			} else {
				ec.arms[params[1].(int)][1]++
			}
		}
		return b, nil
	}, new(func(any, int, any) bool))}
	for name := range covCounted {
		f := funcs[name]
		if f == nil || f.Func == nil {
			continue
		}
		count := covCount(name, lookups)
		var types []any
		for _, t := range f.Types {
			types = append(types, reflect.New(prepend(t)).Interface())
		}
		if len(types) == 0 {
			types = append(types, new(func(any, int, ...any) any))
		}
		opts = append(opts, expr.Function("__seam_"+name, func(params ...any) (any, error) {
			if ec := counters(params); ec != nil {
				count(ec, params[1].(int), params[2:])
			}
			return f.Func(params[2:]...)
		}, types...))
	}
	return opts
}

// prepend is t with (any, int) before its parameters.
func prepend(t reflect.Type) reflect.Type {
	in := []reflect.Type{reflect.TypeOf((*any)(nil)).Elem(), reflect.TypeOf(0)}
	for i := 0; i < t.NumIn(); i++ {
		in = append(in, t.In(i))
	}
	out := make([]reflect.Type, t.NumOut())
	for i := range out {
		out[i] = t.Out(i)
	}
	return reflect.FuncOf(in, out, t.IsVariadic())
}

// covCount counts one call from its arguments as the native path does.
func covCount(name string, lookups []lookupTable) func(ec *execCov, id int, args []any) {
	missing := func(v any) bool { return v == nil }
	switch name {
	case "coalesce":
		return func(ec *execCov, id int, args []any) {
			for i, a := range args {
				if !missing(a) {
					ec.arms[id][i]++
					return
				}
			}
			ec.arms[id][len(args)]++
		}
	case "default":
		return func(ec *execCov, id int, args []any) {
			if len(args) == 0 {
				return
			}
			if s, ok := args[0].(string); missing(args[0]) || ok && s == "" {
				ec.arms[id][1]++
			} else {
				ec.arms[id][0]++
			}
		}
	}
	return func(ec *execCov, ti int, args []any) {
		if len(args) < 2 || args[1] == nil {
			return
		}
		if i, ok := lookups[ti].index[lookupKeyOf(fromAny(args[1]))]; ok {
			ec.hits[ti][i]++
		} else {
			ec.miss[ti]++
		}
	}
}

// coverVM compiles the instrumented VM program of a rule, marking what it
// counts as measured; on any failure the rule keeps its plain program and
// its branches stay unmeasured.
func (p *Program) coverVM(rp *ruleProg, tables map[string]int) {
	if rp.prog == nil || rp.exprOpts == nil {
		return
	}
	cp := &covPatch{at: rp.branchLoc, tables: tables, patched: map[int]bool{}, looked: map[string]bool{}}
	opts := append(append(append([]expr.Option(nil), rp.exprOpts...), covFuncs(rp.nc.funcs, p.lookups)...), expr.Patch(cp))
	prog, err := compileExpr(rp.rule.Expr, opts)
	if err != nil {
		return
	}
	rp.covProg = prog
	for id := range cp.patched {
		p.branches[id].Measured = true
	}
	for t := range cp.looked {
		p.lookups[tables[t]].measured = true
	}
}
