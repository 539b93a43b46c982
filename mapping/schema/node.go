package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
)

// nodeKind is the kind of a positioned document node.
type nodeKind uint8

const (
	nNull nodeKind = iota
	nBool
	nNum
	nStr
	nObj
	nArr
)

func (k nodeKind) String() string {
	return [...]string{"null", "boolean", "number", "string", "object", "array"}[k]
}

// node is a JSON or YAML value with the line and column it starts at.
// Objects keep their keys in document order.
type node struct {
	kind  nodeKind
	s     string // string text, number literal, "true"/"false"
	keys  []string
	vals  []*node // object values (parallel to keys) or array items
	line  int
	col   int
	kline []int // line of each key
}

// get returns the value of key in an object node, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != nObj {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// sameNode reports whether two values are equal as JSON: same kind, same
// text, same keys with equal values in any order, same items in order.
func equalNode(a, b *node) bool {
	if a.kind != b.kind || a.s != b.s || len(a.keys) != len(b.keys) || len(a.vals) != len(b.vals) {
		return false
	}
	if a.kind == nArr {
		for i := range a.vals {
			if !equalNode(a.vals[i], b.vals[i]) {
				return false
			}
		}
		return true
	}
	for i, k := range a.keys {
		bv := b.get(k)
		if bv == nil || !equalNode(a.vals[i], bv) {
			return false
		}
	}
	return true
}

// keyIndex returns the position of key among an object's keys, or -1.
// Small objects are scanned; from 32 keys on, idx (made on first use and
// kept by the caller for this object) indexes them, so a hostile object
// with millions of keys costs linear time.
func (n *node) keyIndex(key string, idx *map[string]int) int {
	if len(n.keys) < 32 {
		for i, k := range n.keys {
			if k == key {
				return i
			}
		}
		return -1
	}
	if *idx == nil {
		*idx = make(map[string]int, 2*len(n.keys))
		for i, k := range n.keys {
			(*idx)[k] = i
		}
	}
	if i, ok := (*idx)[key]; ok {
		return i
	}
	(*idx)[key] = len(n.keys) // the caller appends key next
	return -1
}

// str returns the text of a string node ("" otherwise).
func (n *node) str() string {
	if n == nil || n.kind != nStr {
		return ""
	}
	return n.s
}

// num returns a number node's value.
func (n *node) num() (float64, bool) {
	if n == nil || n.kind != nNum {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.s, 64)
	return f, err == nil
}

// boolean returns a bool node's value.
func (n *node) boolean() (bool, bool) {
	if n == nil || n.kind != nBool {
		return false, false
	}
	return n.s == "true", true
}

// scalarText renders a scalar for defaults, enums and examples.
func (n *node) scalarText() (string, bool) {
	switch n.kind {
	case nStr, nNum, nBool:
		return n.s, true
	case nNull:
		return "null", true
	default:
	}
	return "", false
}

// toAny converts to the generic form of encoding/json with json.Number.
func (n *node) toAny() any {
	switch n.kind {
	case nNull:
		return nil
	case nBool:
		return n.s == "true"
	case nNum:
		return json.Number(n.s)
	case nStr:
		return n.s
	case nObj:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.vals[i].toAny()
		}
		return m
	default:
		a := make([]any, len(n.vals))
		for i, v := range n.vals {
			a[i] = v.toAny()
		}
		return a
	}
}

// lineIndex maps byte offsets to line:col.
type lineIndex struct{ starts []int }

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) pos(off int) (int, int) {
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, off - li.starts[lo] + 1
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = guard.MaxDepth

// maxJSONNodes bounds the values of one JSON document (about 150 bytes
// each in the tree): a 64 MiB array of small numbers would otherwise take
// 4 GB. A JSON Schema of 10,000 fields has about 50,000; YAML documents
// are bounded at 500,000 nodes (maxYAMLNodes).
const maxJSONNodes = 1000000

const tooManyValues = "document holds more than %d values; expected a schema (for a large data sample use JSON Lines, which is sampled)"

// parseJSONNode parses one JSON document into a positioned tree. Errors
// name file:line:col and what was expected.
func parseJSONNode(file string, data []byte) (*node, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	fp := &fastJSON{data: data, line: 1}
	if n, ok := fp.parse(); ok {
		return n, nil
	}
	if fp.nodes > maxJSONNodes {
		// Not worth a second pass to learn the same.
		return nil, diag.Errorf(diag.Pos{File: file, Line: fp.line, Col: fp.off - fp.lineStart + 1}, tooManyValues, maxJSONNodes)
	}
	return parseJSONNodeStd(file, data)
}

// parseJSONNodeStd parses with encoding/json tokens; it is the reference
// for parseFastJSON and the source of syntax error messages.
func parseJSONNodeStd(file string, data []byte) (*node, error) {
	li := newLineIndex(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := &jsonParser{dec: dec, data: data, li: li, file: file}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		off := p.skipSpace(int(dec.InputOffset()))
		if err == nil {
			off = p.lastStart
		}
		l, c := li.pos(off)
		return nil, diag.Errorf(diag.Pos{File: file, Line: l, Col: c}, "unexpected data after the JSON document")
	}
	return n, nil
}

type jsonParser struct {
	dec       *json.Decoder
	data      []byte
	li        *lineIndex
	file      string
	lastStart int
	nodes     int
}

func (p *jsonParser) skipSpace(off int) int {
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

func (p *jsonParser) errAt(off int, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset) - 1
		if off < 0 {
			off = 0
		}
	}
	l, c := p.li.pos(off)
	msg := err.Error()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if len(bytes.TrimSpace(p.data)) == 0 {
			return diag.Errorf(diag.Pos{File: p.file, Line: 1, Col: 1}, "empty file: expected a JSON document")
		}
		msg = "unexpected end of input: the JSON document is truncated"
	}
	return diag.Errorf(diag.Pos{File: p.file, Line: l, Col: c}, "invalid JSON: %s", strings.TrimPrefix(msg, "json: "))
}

func (p *jsonParser) token() (json.Token, int, error) {
	start := p.skipSpace(int(p.dec.InputOffset()))
	p.lastStart = start
	t, err := p.dec.Token()
	if err != nil {
		return nil, start, p.errAt(start, err)
	}
	return t, start, nil
}

func (p *jsonParser) value(depth int) (*node, error) {
	t, start, err := p.token()
	if err != nil {
		return nil, err
	}
	return p.valueFrom(t, start, depth)
}

func (p *jsonParser) valueFrom(t json.Token, start, depth int) (*node, error) {
	l, c := p.li.pos(start)
	n := &node{line: l, col: c}
	if depth > maxDepth {
		return nil, diag.Errorf(diag.Pos{File: p.file, Line: l, Col: c}, "document nested deeper than %d levels", maxDepth)
	}
	if p.nodes++; p.nodes > maxJSONNodes {
		return nil, diag.Errorf(diag.Pos{File: p.file, Line: l, Col: c}, tooManyValues, maxJSONNodes)
	}
	switch v := t.(type) {
	case nil:
		n.kind = nNull
	case bool:
		n.kind, n.s = nBool, strconv.FormatBool(v)
	case json.Number:
		n.kind, n.s = nNum, string(v)
	case string:
		n.kind, n.s = nStr, v
	case json.Delim:
		switch v {
		case '{':
			n.kind = nObj
			var idx map[string]int
			for {
				t, kstart, err := p.token()
				if err != nil {
					return nil, err
				}
				if d, ok := t.(json.Delim); ok && d == '}' {
					return n, nil
				}
				k, ok := t.(string)
				if !ok {
					kl, kc := p.li.pos(kstart)
					return nil, diag.Errorf(diag.Pos{File: p.file, Line: kl, Col: kc}, "invalid JSON: expected an object key")
				}
				kl, kc := p.li.pos(kstart)
				j := n.keyIndex(k, &idx)
				val, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if j >= 0 {
					// A key repeated with the same value loses nothing
					// (real exports such as Singer catalogs do this);
					// with a different value, either choice would be
					// a silent guess, so it is an error.
					if equalNode(n.vals[j], val) {
						continue
					}
					return nil, diag.Errorf(diag.Pos{File: p.file, Line: kl, Col: kc}, "duplicate key %q with a different value (first at line %d); expected each key once in an object", k, n.kline[j])
				}
				n.keys = append(n.keys, k)
				n.kline = append(n.kline, kl)
				n.vals = append(n.vals, val)
			}
		case '[':
			n.kind = nArr
			for {
				t, istart, err := p.token()
				if err != nil {
					return nil, err
				}
				if d, ok := t.(json.Delim); ok && d == ']' {
					return n, nil
				}
				val, err := p.valueFrom(t, istart, depth+1)
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, val)
			}
		default:
			return nil, diag.Errorf(diag.Pos{File: p.file, Line: l, Col: c}, "invalid JSON: unexpected %q", string(v))
		}
	}
	return n, nil
}

// list returns an array node's items; nil for anything else.
func (n *node) list() []*node {
	if n == nil || n.kind != nArr {
		return nil
	}
	return n.vals
}
