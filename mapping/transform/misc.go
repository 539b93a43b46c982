package transform

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/google/uuid"
)

func coalesce(args []any) (any, error) {
	for _, a := range args {
		if a != nil {
			return a, nil
		}
	}
	return nil, nil
}

func defaultFn(args []any) (any, error) {
	if s, ok := args[0].(string); args[0] == nil || ok && s == "" {
		return args[1], nil
	}
	return args[0], nil
}

func nullIfEmpty(args []any) (any, error) {
	if s, ok := args[0].(string); ok && s == "" {
		return nil, nil
	}
	return args[0], nil
}

func isNull(args []any) (any, error) { return args[0] == nil, nil }

func isEmpty(args []any) (any, error) {
	s, ok := args[0].(string)
	return ok && s == "", nil
}

// lookupKey renders a lookup key: strings as they are, integers in decimal.
func lookupKey(v any) (string, bool) {
	switch k := v.(type) {
	case string:
		return k, true
	case int:
		return strconv.Itoa(k), true
	case bool:
		return strconv.FormatBool(k), true
	}
	if n, ok := asInt(v); ok {
		return strconv.Itoa(n), true
	}
	return "", false
}

func lookup(env *Env, args []any) (any, error) {
	table, err := argString("lookup", args, 0, "table")
	if err != nil {
		return nil, err
	}
	entries, ok := env.boxed[table]
	if !ok {
		return nil, errf("lookup", "no lookup table %q in the mapping", table)
	}
	if args[1] == nil {
		return nil, nil
	}
	key, ok := lookupKey(args[1])
	if !ok {
		return nil, errf("lookup", "key must be a string or integer, got %s", typeName(args[1]))
	}
	if v, ok := entries[key]; ok {
		return v, nil
	}
	if len(args) > 2 {
		return args[2], nil
	}
	if d, ok := env.LookupDefaults[table]; ok {
		return d, nil
	}
	return nil, &LookupMissError{Table: table, Key: key}
}

func sha256Hex(name string) func(*Env, []any) (any, error) {
	return func(_ *Env, args []any) (any, error) {
		if args[0] == nil {
			return nil, nil
		}
		var s string
		switch v := args[0].(type) {
		case string:
			s = v
		case map[string]any, []any:
			return nil, errf(name, "cannot hash %s", typeName(v))
		default:
			s = text(v)
		}
		sum := sha256.Sum256([]byte(s))
		return hex.EncodeToString(sum[:]), nil
	}
}

var uuidNamespaces = map[string]uuid.UUID{
	"dns": uuid.NameSpaceDNS, "url": uuid.NameSpaceURL, "oid": uuid.NameSpaceOID, "x500": uuid.NameSpaceX500,
}

func uuidV5(args []any) (any, error) {
	nsName, err := argString("uuid_v5", args, 0, "namespace")
	if err != nil {
		return nil, err
	}
	ns, ok := uuidNamespaces[strings.ToLower(nsName)]
	if !ok {
		if ns, err = uuid.Parse(nsName); err != nil {
			return nil, errf("uuid_v5", "namespace %q is neither dns, url, oid, x500 nor a UUID", nsName)
		}
	}
	if args[1] == nil {
		return nil, nil
	}
	switch args[1].(type) {
	case map[string]any, []any:
		return nil, errf("uuid_v5", "name must be a scalar, got %s", typeName(args[1]))
	}
	return uuid.NewSHA1(ns, []byte(text(args[1]))).String(), nil
}

// isAbsent is the unpatched is_absent: reached only when the argument was
// not a field reference.
func isAbsent(args []any) (any, error) {
	return nil, errf("is_absent", "argument must be a field name, such as is_absent(middle_name)")
}

// isAbsentEnv is what is_absent(field) becomes: it looks the dotted path up
// in the run's environment map, where the engine leaves absent keys out.
func isAbsentEnv(args []any) (any, error) {
	env, _ := args[0].(map[string]any)
	path, _ := args[1].(string)
	if env == nil {
		// Not a map environment: absent and null cannot be told apart.
		return args[2] == nil, nil
	}
	for {
		head, rest, more := strings.Cut(path, ".")
		v, ok := env[head]
		if !ok {
			return true, nil
		}
		if !more {
			return false, nil
		}
		if env, ok = v.(map[string]any); !ok {
			return true, nil
		}
		path = rest
	}
}

// absentPatcher rewrites is_absent(a.b) into _is_absent($env, "a.b", a.b).
type absentPatcher struct{}

// Visit implements ast.Visitor.
func (absentPatcher) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok || len(call.Arguments) != 1 {
		return
	}
	if id, ok := call.Callee.(*ast.IdentifierNode); !ok || id.Value != "is_absent" {
		return
	}
	path, ok := fieldPath(call.Arguments[0])
	if !ok {
		return
	}
	ast.Patch(node, &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: "_is_absent"},
		Arguments: []ast.Node{&ast.IdentifierNode{Value: "$env"}, &ast.StringNode{Value: path}, call.Arguments[0]},
	})
}

// fieldPath returns the dotted path of an identifier or member chain.
func fieldPath(n ast.Node) (string, bool) {
	switch x := n.(type) {
	case *ast.IdentifierNode:
		if x.Value == "$env" {
			return "", false
		}
		return x.Value, true
	case *ast.MemberNode:
		prop, ok := x.Property.(*ast.StringNode)
		if !ok || x.Optional {
			return "", false
		}
		if id, ok := x.Node.(*ast.IdentifierNode); ok && id.Value == "$env" {
			return prop.Value, true
		}
		base, ok := fieldPath(x.Node)
		if !ok {
			return "", false
		}
		return base + "." + prop.Value, true
	}
	return "", false
}
