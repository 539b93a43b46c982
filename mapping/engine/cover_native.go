package engine

import (
	"strconv"

	"github.com/expr-lang/expr/ast"

	"github.com/seamhq/seam/mapping/value"
)

// covComp is what the instrumented native compiler needs: the branch
// point of each conditional node and the lookup tables' entry index.
type covComp struct {
	branchAt map[ast.Node]int
	tables   map[string]int
	lookups  []lookupTable
	// wrap: a node whose compiled form is wrapped (a lookup's key, counted
	// as it is evaluated, so the lookup keeps its native fast path).
	wrap map[ast.Node]func(nnode) nnode
}

// covNode compiles the nodes coverage counts (conditionals and lookup
// calls) with a counter beside the evaluation; ok is false for any other
// node (compile handles it). The evaluation itself is the uninstrumented
// one: same functions, same null rules.
func (c *ncomp) covNode(n ast.Node) (nnode, bool) {
	switch x := n.(type) {
	case *ast.ConditionalNode:
		id, ok := c.cov.branchAt[n]
		if !ok {
			return nil, false
		}
		cond, a, b := c.compile(x.Cond), c.compile(x.Exp1), c.compile(x.Exp2)
		if cond == nil || a == nil || b == nil {
			return nil, true
		}
		return unary(cond, func(e *Exec, v value.Value) (value.Value, error) {
			if v.K != value.Bool {
				return value.Value{}, runtimeErrf("condition: want a boolean, got %s", v.K)
			}
			if v.Bool() {
				e.cov.arms[id][0]++
				return a(e)
			}
			e.cov.arms[id][1]++
			return b(e)
		}), true
	case *ast.BinaryNode:
		id, ok := c.cov.branchAt[n]
		if !ok || x.Operator != "??" {
			return nil, false
		}
		l, r := c.compile(x.Left), c.compile(x.Right)
		if l == nil || r == nil {
			return nil, true
		}
		return unary(l, func(e *Exec, a value.Value) (value.Value, error) {
			if a.K == value.Null || a.K == value.Absent {
				e.cov.arms[id][1]++
				return r(e)
			}
			e.cov.arms[id][0]++
			return a, nil
		}), true
	case *ast.CallNode:
		return c.covCall(x)
	}
	return nil, false
}

// covCall instruments coalesce, default and lookup calls: the arguments
// are evaluated as genericCall does, the arm (or entry) is counted from
// their values, then the library function runs on them.
func (c *ncomp) covCall(x *ast.CallNode) (nnode, bool) {
	id, ok := x.Callee.(*ast.IdentifierNode)
	if !ok {
		return nil, false
	}
	f := c.funcs[id.Value]
	if f == nil || f.Func == nil {
		return nil, false
	}
	var count func(e *Exec, vals []value.Value)
	switch id.Value {
	case "coalesce":
		bi := c.cov.branchAt[x]
		count = func(e *Exec, vals []value.Value) {
			for i, v := range vals {
				if !v.IsMissing() {
					e.cov.arms[bi][i]++
					return
				}
			}
			e.cov.arms[bi][len(vals)]++
		}
	case "default":
		bi := c.cov.branchAt[x]
		count = func(e *Exec, vals []value.Value) {
			if len(vals) == 0 {
				return
			}
			if v := vals[0]; v.IsMissing() || v.K == value.String && v.S == "" {
				e.cov.arms[bi][1]++
			} else {
				e.cov.arms[bi][0]++
			}
		}
	case "lookup":
		s, isStr := argString0(x)
		ti, known := c.cov.tables[s]
		if !isStr || !known || len(x.Arguments) < 2 {
			return nil, false
		}
		t := &c.cov.lookups[ti]
		if c.cov.wrap == nil {
			c.cov.wrap = map[ast.Node]func(nnode) nnode{}
		}
		c.cov.wrap[x.Arguments[1]] = func(key nnode) nnode {
			return func(e *Exec) (value.Value, error) {
				v, err := key(e)
				if err != nil || v.IsMissing() {
					return v, err // a null key gives null: neither hit nor miss
				}
				if i, ok := t.index[lookupKeyOf(v)]; ok {
					e.cov.hits[ti][i]++
				} else {
					e.cov.miss[ti]++
				}
				return v, nil
			}
		}
		return c.call(x), true
	default:
		return nil, false
	}
	args := make([]nnode, len(x.Arguments))
	for i, a := range x.Arguments {
		if args[i] = c.compile(a); args[i] == nil {
			return nil, true
		}
	}
	return countedCall(f, args, count), true
}

func argString0(x *ast.CallNode) (string, bool) {
	if len(x.Arguments) == 0 {
		return "", false
	}
	s, ok := x.Arguments[0].(*ast.StringNode)
	if !ok {
		return "", false
	}
	return s.Value, true
}

// lookupKeyOf renders a key as the lookup function does: text as it is,
// integers in decimal, booleans as true/false.
func lookupKeyOf(v value.Value) string {
	switch v.K {
	case value.Int:
		return strconv.FormatInt(v.I, 10)
	case value.Bool:
		return strconv.FormatBool(v.Bool())
	case value.String:
		return v.S
	default:
	}
	return v.Text()
}
