package schema

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
)

// sampleNode accumulates what documents say about one path.
type sampleNode struct {
	name, path string
	line       int
	present    int // times the key appeared (objects' children)
	objects    int // times the value was an object
	arrays     int
	nulls      int
	bools      int
	nums       int
	strs       int
	numStat    colStat
	strStat    colStat
	keys       []string
	children   map[string]*sampleNode
	elem       *sampleNode
}

func newSampleNode(name, path string, line int) *sampleNode {
	return &sampleNode{name: name, path: path, line: line, children: map[string]*sampleNode{}}
}

// observe records one value at this path; lineOff shifts node lines
// (JSONL documents are parsed one line at a time).
func (s *sampleNode) observe(n *node, lineOff, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.kind {
	case nNull:
		s.nulls++
	case nBool:
		s.bools++
	case nNum:
		s.nums++
		s.numStat.observe(n.s)
	case nStr:
		s.strs++
		s.strStat.observe(n.s)
	case nObj:
		s.objects++
		for i, k := range n.keys {
			ch, ok := s.children[k]
			if !ok {
				if len(s.children) >= maxFields {
					continue
				}
				ch = newSampleNode(k, joinPath(s.path, k), n.kline[i]+lineOff)
				s.children[k] = ch
				s.keys = append(s.keys, k)
			}
			ch.present++
			ch.observe(n.vals[i], lineOff, depth+1)
		}
	case nArr:
		s.arrays++
		if s.elem == nil {
			s.elem = newSampleNode("[]", s.path+"[]", n.line+lineOff)
		}
		for _, v := range n.vals {
			s.elem.present++
			s.elem.observe(v, lineOff, depth+1)
		}
	}
}

// field turns the observations into a Field. parentObjects is how many
// times the parent was an object: a key seen fewer times is optional.
func (s *sampleNode) field(file string, parentObjects int) *Field {
	f := &Field{Name: s.name, Path: s.path, Origin: posOf(file, s.line), Sampled: true}
	f.Required = s.present >= parentObjects
	f.Nullable = s.nulls > 0
	var kinds []Type
	if s.objects > 0 {
		kinds = append(kinds, Object)
	}
	if s.arrays > 0 {
		kinds = append(kinds, Array)
	}
	if s.strs > 0 {
		tmp := &Field{}
		s.strStat.apply(tmp)
		switch tmp.Type {
		case Integer, Decimal, Float, Boolean:
			// JSON said string: a numeric-looking string stays a string.
			tmp.Type, tmp.Format, tmp.Pattern = String, "", ""
			tmp.ObservedMaxLength = IntP(s.strStat.maxLen)
		default:
		}
		kinds = append(kinds, tmp.Type)
		if len(kinds) == 1 {
			f.Format, f.ObservedMaxLength, f.Pattern, f.Examples = tmp.Format, tmp.ObservedMaxLength, tmp.Pattern, tmp.Examples
		}
	}
	if s.nums > 0 {
		tmp := &Field{}
		s.numStat.bools.over = true // JSON numbers are never booleans
		s.numStat.apply(tmp)
		if tmp.Type != Integer && tmp.Type != Decimal {
			tmp.Type = Float
		}
		kinds = append(kinds, tmp.Type)
		if len(kinds) == 1 {
			f.ObservedPrecision, f.ObservedScale, f.Examples = tmp.ObservedPrecision, tmp.ObservedScale, tmp.Examples
		}
	}
	if s.bools > 0 {
		kinds = append(kinds, Boolean)
	}
	switch len(kinds) {
	case 0:
		f.Type = String
		f.Nullable = true
		f.Description = "only null in the sample"
	default:
		f.Type = kinds[0]
		if len(kinds) > 1 {
			f.Union = kinds
		}
	}
	if f.Type == Object {
		for _, k := range s.keys {
			f.Children = append(f.Children, s.children[k].field(file, s.objects))
		}
	}
	if f.Type == Array && s.elem != nil {
		el := s.elem.field(file, s.elem.present)
		el.Required = true
		f.Children = []*Field{el}
	}
	return f
}

func loadJSONSample(src *source, data []byte) (*Schema, error) {
	root, err := parseJSONNode(src.name, data)
	if err != nil {
		return nil, err
	}
	top := newSampleNode("", "", 1)
	docs := 0
	switch root.kind {
	case nArr:
		limit := src.opts.sampleRows()
		objects := len(root.vals) > 0 && root.vals[0].kind == nObj
		for _, v := range root.vals {
			if docs >= limit {
				break
			}
			if objects != (v.kind == nObj) {
				return nil, src.errorf(v.line, v.col, "expected every element to be an object (records) like the first, found %s", v.kind)
			}
			if !objects {
				// An array of scalars: one field, "value".
				top.observe(&node{kind: nObj, keys: []string{"value"}, vals: []*node{v}, kline: []int{v.line}, line: v.line}, 0, 0)
			} else {
				top.observe(v, 0, 0)
			}
			docs++
		}
	case nObj:
		top.observe(root, 0, 0)
		docs = 1
	default:
		return nil, src.errorf(root.line, root.col, "expected a JSON object or an array of objects, found %s", root.kind)
	}
	s := src.newSchema("")
	for _, k := range top.keys {
		s.Fields = append(s.Fields, top.children[k].field(src.name, docs))
	}
	return s, nil
}

// maxLineBytes bounds one JSONL document.
const maxLineBytes = maxRecordBytes

// loadJSONL infers a schema from up to opts.SampleRows documents, one per
// line, within maxSampleBytes; the rest of the file is not read.
func loadJSONL(src *source, br *bufio.Reader) (*Schema, error) {
	top := newSampleNode("", "", 1)
	limit := src.opts.sampleRows()
	docs, lineNo := 0, 0
	var buf []byte
	var read int64
	for docs < limit && (read < maxSampleBytes || docs == 0) {
		lineNo++
		buf = buf[:0]
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			buf = append(buf, chunk...)
			read += int64(len(chunk))
			if len(buf) > maxLineBytes {
				return nil, src.errorf(lineNo, 1, "line longer than %s; expected one JSON document per line", guard.Bytes(maxLineBytes))
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if lineNo == 1 {
			buf = bytes.TrimPrefix(buf, utf8BOM)
			if looksBinary(buf) {
				return nil, src.errorf(0, 0, "binary data: expected JSON Lines text")
			}
		}
		line := bytes.TrimSpace(buf)
		if len(line) > 0 {
			n, perr := parseJSONNode(src.name, line)
			if perr != nil {
				return nil, shiftLine(perr, lineNo-1)
			}
			if n.kind != nObj {
				return nil, src.errorf(lineNo, 1, "expected a JSON object on each line, found %s", n.kind)
			}
			top.observe(n, lineNo-1, 0)
			docs++
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, src.errorf(lineNo, 0, "cannot read: %v", err)
		}
	}
	if docs == 0 {
		return nil, src.errorf(1, 1, "empty file: expected one JSON object per line")
	}
	s := src.newSchema("")
	for _, k := range top.keys {
		s.Fields = append(s.Fields, top.children[k].field(src.name, docs))
	}
	return s, nil
}

// shiftLine moves a one-line parse error to its line in the file.
func shiftLine(err error, off int) error {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		if d.Pos.Line > 0 {
			d.Pos.Line += off
		}
		return d
	}
	return err
}

func posOf(file string, line int) diag.Pos { return diag.Pos{File: file, Line: line} }
