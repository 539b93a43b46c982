package schema

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hamba/avro/v2"
	"github.com/seamhq/seam/mapping/diag"
)

// avroMagic starts an Avro object container file; its header holds the
// writer schema as JSON.
var avroMagic = []byte("Obj\x01")

// loadAvro reads an Avro schema (.avsc, or schema JSON named .avro) with
// hamba/avro for validation and name resolution, and takes line numbers
// from a positioned parse of the same JSON. An object container file's
// embedded schema is read too.
func loadAvro(src *source, data []byte) (*Schema, error) {
	if bytes.HasPrefix(data, avroMagic) {
		meta, err := ocfMetadata(data[len(avroMagic):])
		if err != nil {
			return nil, src.errorf(0, 0, "invalid Avro container file header: %v", err)
		}
		data = meta["avro.schema"]
		if len(data) == 0 {
			return nil, src.errorf(0, 0, "Avro container file without an avro.schema header; expected a writer schema")
		}
	}
	root, err := parseJSONNode(src.name, data)
	if err != nil {
		return nil, err
	}
	sch, err := parseAvroSafe(data)
	if err != nil {
		return nil, avroError(src, root, err)
	}
	c := &avroConv{src: src}
	target, tnode := sch, root
	if u, ok := sch.(*avro.UnionSchema); ok {
		// A file of several named types: pick one.
		var names []string
		for i, m := range u.Types() {
			if n, ok := m.(avro.NamedSchema); ok {
				names = append(names, n.Name())
				if src.selector != "" && (n.Name() == src.selector || n.FullName() == src.selector) {
					target = m
					if i < len(root.vals) {
						tnode = root.vals[i]
					}
				}
			}
		}
		if target == sch {
			return nil, selectErr(src, "record", names)
		}
	} else if src.selector != "" {
		if n, ok := sch.(avro.NamedSchema); !ok || (n.Name() != src.selector && n.FullName() != src.selector) {
			var names []string
			if ok {
				names = []string{n.Name()}
			}
			return nil, selectErr(src, "record", names)
		}
	}
	name := ""
	if n, ok := target.(avro.NamedSchema); ok {
		name = n.Name()
	}
	s := src.newSchema(name)
	if rec, ok := target.(*avro.RecordSchema); ok {
		c.stack = []string{rec.FullName()}
		s.Fields, err = c.fields(rec, tnode, "", 0)
		if err != nil {
			return nil, err
		}
		s.Hints = avroHints(tnode)
		return s, nil
	}
	f := &Field{Name: s.Name, Path: s.Name, Required: true, Origin: src.pos(tnode.line, 0)}
	if err := c.apply(f, target, tnode, 0); err != nil {
		return nil, err
	}
	s.Fields = []*Field{f}
	return s, nil
}

func parseAvroSafe(data []byte) (s avro.Schema, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &avroPanic{r}
		}
	}()
	return avro.ParseBytesWithCache(data, "", &avro.SchemaCache{})
}

type avroPanic struct{ v any }

func (p *avroPanic) Error() string { return "avro parser failed" }

var quotedWord = regexp.MustCompile(`(?:type|name|symbol|schema)[^:]*: ?"?([A-Za-z0-9_.\-]+)"?`)

// avroError places hamba/avro's message at the first occurrence of the
// name it complains about.
func avroError(src *source, root *node, err error) error {
	msg := strings.TrimPrefix(err.Error(), "avro: ")
	pos := src.pos(root.line, root.col)
	if m := quotedWord.FindStringSubmatch(msg); m != nil {
		if n := findString(root, m[1], 0); n != nil {
			pos = src.pos(n.line, n.col)
		}
	}
	return diag.Errorf(pos, "invalid Avro schema: %s; expected Avro schema JSON (record, enum, array, map, fixed, a union list or a primitive type name)", msg)
}

func findString(n *node, s string, depth int) *node {
	return findNode(n, depth, func(n *node) bool { return n.kind == nStr && n.s == s })
}

type avroConv struct {
	src   *source
	count int
	stack []string // records being expanded, for recursion
}

func (c *avroConv) fields(rec *avro.RecordSchema, n *node, prefix string, depth int) ([]*Field, error) {
	var fnodes []*node
	if fl := n.get("fields"); fl != nil && fl.kind == nArr {
		fnodes = fl.vals
	}
	var out []*Field
	for i, af := range rec.Fields() {
		var fn *node
		if i < len(fnodes) {
			fn = fnodes[i]
		}
		line := n.line
		if fn != nil {
			line = fn.line
		}
		f := &Field{Name: af.Name(), Path: joinPath(prefix, af.Name()), Required: !af.HasDefault(), Description: af.Doc(), Origin: c.src.pos(line, 0)}
		if af.HasDefault() {
			if d := fn.get("default"); d != nil {
				if s, ok := d.scalarText(); ok && d.kind != nNull {
					f.Default = StrP(s)
				}
			}
		}
		if err := c.apply(f, af.Type(), fn.get("type"), depth+1); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// apply sets f's type from an Avro schema; tn is the positioned "type"
// node (nil when unknown).
func (c *avroConv) apply(f *Field, s avro.Schema, tn *node, depth int) error {
	c.count++
	if depth > maxRefDepth || c.count > maxFields {
		return c.src.errorf(f.Origin.Line, 0, "%s: schema nested too deeply or too large", f.Path)
	}
	if tn != nil && tn.kind == nObj {
		if d := tn.get("doc").str(); d != "" && f.Description == "" {
			f.Description = d
		}
		if h := avroHints(tn); h != nil {
			f.Hints = h
		}
	}
	switch t := s.(type) {
	case *avro.UnionSchema:
		var members []avro.Schema
		var mnodes []*node
		for i, m := range t.Types() {
			if m.Type() == avro.Null {
				f.Nullable = true
				continue
			}
			members = append(members, m)
			if tn != nil && tn.kind == nArr && i < len(tn.vals) {
				mnodes = append(mnodes, tn.vals[i])
			} else {
				mnodes = append(mnodes, nil)
			}
		}
		if len(members) == 0 {
			f.Type = String
			f.Nullable = true
			return nil
		}
		if err := c.apply(f, members[0], mnodes[0], depth+1); err != nil {
			return err
		}
		if len(members) > 1 {
			f.Union = nil
			for _, m := range members {
				tmp := &Field{}
				_ = c.applyScalar(tmp, m)
				if tmp.Type == "" {
					tmp.Type = Object
				}
				f.Union = appendType(f.Union, tmp.Type)
			}
		}
		return nil
	case *avro.RecordSchema:
		f.Type = Object
		if f.Description == "" {
			f.Description = t.Doc()
		}
		rn := tn
		if rn == nil || rn.kind != nObj {
			rn = &node{kind: nObj, line: f.Origin.Line}
		}
		c.stack = append(c.stack, t.FullName())
		ch, err := c.fields(t, rn, f.Path, depth+1)
		c.stack = c.stack[:len(c.stack)-1]
		if err != nil {
			return err
		}
		f.Children = ch
		return nil
	case *avro.RefSchema:
		named := t.Schema()
		for _, n := range c.stack {
			if n == named.FullName() {
				f.Type = Object
				f.Description = joinDesc(f.Description, "recursive reference to "+named.FullName()+" (not expanded)")
				return nil
			}
		}
		return c.apply(f, named, nil, depth+1)
	case *avro.ArraySchema:
		f.Type = Array
		el := &Field{Name: "[]", Path: f.Path + "[]", Required: true, Origin: f.Origin}
		if err := c.apply(el, t.Items(), tn.get("items"), depth+1); err != nil {
			return err
		}
		f.Children = []*Field{el}
		return nil
	case *avro.MapSchema:
		f.Type, f.Format = Object, "map"
		vt := &Field{}
		_ = c.applyScalar(vt, t.Values())
		if vt.Type == "" {
			vt.Type = Object
		}
		f.Description = joinDesc(f.Description, "map of string to "+string(vt.Type))
		return nil
	}
	if err := c.applyScalar(f, s); err != nil {
		return err
	}
	if f.Type == "" {
		return c.src.errorf(f.Origin.Line, 0, "%s: unsupported Avro type %s", f.Path, s.Type())
	}
	return nil
}

func (c *avroConv) applyScalar(f *Field, s avro.Schema) error {
	var logical avro.LogicalSchema
	switch t := s.(type) {
	case *avro.PrimitiveSchema:
		logical = t.Logical()
		switch t.Type() {
		case avro.Boolean:
			f.Type = Boolean
		case avro.Int:
			f.Type, f.Bits = Integer, 32
		case avro.Long:
			f.Type, f.Bits = Integer, 64
		case avro.Float, avro.Double:
			f.Type = Float
		case avro.Bytes:
			f.Type = Binary
		case avro.String:
			f.Type = String
		case avro.Null:
			f.Type, f.Nullable = String, true
		default:
		}
	case *avro.FixedSchema:
		logical = t.Logical()
		f.Type = Binary
		f.MaxLength = IntP(t.Size())
	case *avro.EnumSchema:
		f.Type = Enum
		f.EnumValues = append([]string(nil), t.Symbols()...)
		if f.Description == "" {
			f.Description = t.Doc()
		}
		return nil
	case *avro.NullSchema:
		f.Type, f.Nullable = String, true
		return nil
	case *avro.UnionSchema, *avro.RecordSchema, *avro.ArraySchema, *avro.MapSchema, *avro.RefSchema:
		return nil
	}
	if logical == nil {
		return nil
	}
	switch logical.Type() {
	case avro.Decimal:
		f.Type, f.MaxLength = Decimal, nil
		if d, ok := logical.(*avro.DecimalLogicalSchema); ok {
			f.Precision, f.Scale = IntP(d.Precision()), IntP(d.Scale())
		}
	case avro.UUID:
		f.Type = UUID
	case avro.Date:
		f.Type, f.Bits = Date, 0
	case avro.TimeMillis, avro.TimeMicros:
		f.Type, f.Bits = Time, 0
	case avro.TimestampMillis, avro.TimestampMicros:
		f.Type, f.Bits = TimestampTZ, 0
	case avro.LocalTimestampMillis, avro.LocalTimestampMicros:
		f.Type, f.Bits = Timestamp, 0
	case avro.Duration:
		f.Type = Binary
	}
	f.Format = string(logical.Type())
	return nil
}

// ocfMetadata decodes the metadata map of an Avro object container file
// header (after the magic): blocks of zigzag-varint counts, each entry a
// string key and a bytes value, ended by a zero count.
func ocfMetadata(b []byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	readLong := func() (int64, error) {
		var u uint64
		for shift := uint(0); shift < 64; shift += 7 {
			if len(b) == 0 {
				return 0, errors.New("truncated header")
			}
			c := b[0]
			b = b[1:]
			u |= uint64(c&0x7f) << shift
			if c&0x80 == 0 {
				return int64(u>>1) ^ -int64(u&1), nil
			}
		}
		return 0, errors.New("malformed varint")
	}
	readBytes := func() ([]byte, error) {
		n, err := readLong()
		if err != nil {
			return nil, err
		}
		if n < 0 || n > int64(len(b)) {
			return nil, fmt.Errorf("length %d out of range", n)
		}
		v := b[:n]
		b = b[n:]
		return v, nil
	}
	for blocks := 0; blocks < 1000; blocks++ {
		n, err := readLong()
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return out, nil
		}
		if n < 0 {
			n = -n
			if _, err := readLong(); err != nil { // block size in bytes
				return nil, err
			}
		}
		if n > 1<<16 {
			return nil, fmt.Errorf("metadata count %d out of range", n)
		}
		for i := int64(0); i < n; i++ {
			k, err := readBytes()
			if err != nil {
				return nil, err
			}
			v, err := readBytes()
			if err != nil {
				return nil, err
			}
			out[string(k)] = v
		}
	}
	return nil, errors.New("too many metadata blocks")
}
