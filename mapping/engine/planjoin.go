package engine

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unsafe"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// DefaultMaxJoinRows bounds the rows of one joined dataset held in memory
// (LoadJoin refuses more).
const DefaultMaxJoinRows = 2_000_000

// maxJoinBytes bounds the text held by one joined dataset (1 GiB).
const maxJoinBytes = 1 << 30

// planJoin is one join, compiled; its rows are loaded by LoadJoin.
type planJoin struct {
	name   string
	j      *mapping.Join
	left   [][]string // key paths into the (joined) record
	right  []string   // key fields of the joined rows
	onMiss string
	rows   map[string]joinRow
	keys   []string // the header of rows held as cells
	loaded bool
	// path is the data file the rows were read from; dups the repeated
	// keys kept as findings (JoinLoadOptions.KeepFirst), ndups their number.
	path  string
	dups  []JoinDuplicate
	ndups int64
}

// JoinLoadOptions tune LoadJoinWith.
type JoinLoadOptions struct {
	// MaxRows bounds the rows held (0: DefaultMaxJoinRows).
	MaxRows int
	// KeepFirst makes a repeated key keep its first row, as on_duplicate:
	// first does, but remembered (Plan.JoinDuplicates) so that the check
	// reports it: seam run and seam check --dataset, where a repeated
	// parent key is a finding about the dataset rather than a stop. A join
	// that says on_duplicate: first remembers nothing.
	KeepFirst bool
}

// JoinDuplicate is one repeated key of a joined dataset loaded with
// KeepFirst: Row (1-based, the reader's row number) repeats the key of
// First, which is the row kept.
type JoinDuplicate struct {
	Key   string // the key as text, the parts of a composite key joined by ", "
	Row   int64
	First int64
}

// maxJoinDuplicates bounds the repeated keys remembered per join (the
// count goes on).
const maxJoinDuplicates = 1000

// joinRow is one joined row: its cells when every value is text under
// the dataset's header (CSV, TSV: a sixth of the memory of a Record),
// else the record.
type joinRow struct {
	cells []string
	rec   *value.Record
	row   int64 // the reader's row number (DanglingRows)
}

func compileJoin(j *mapping.Join, _ int, joined, js *schema.Schema) (*planJoin, diag.List) {
	var ds diag.List
	pj := &planJoin{name: j.Name, j: j, onMiss: j.OnMiss}
	if pj.onMiss == "" {
		pj.onMiss = mapping.JoinMissReject
	}
	for _, k := range j.On {
		f := joined.Lookup(k.Left)
		switch {
		case f == nil:
			ds.Errorf(j.Pos, "join %s: on %s: not a field of the source schema %s (nor of an earlier join)", j.Name, k.Left, joined.Name)
		case f.Type == schema.Object || f.Type == schema.Array:
			ds.Errorf(j.Pos, "join %s: on %s is %s; a join key is one value", j.Name, k.Left, f.TypeString())
		}
		if js.Lookup(k.Right) == nil {
			ds.Errorf(j.Pos, "join %s: on %s: %s is not a field of the joined schema %s", j.Name, k.Left, k.Right, js.Name)
		}
		pj.left = append(pj.left, keysOf(joined, k.Left))
		pj.right = append(pj.right, k.Right)
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return pj, ds
}

// Joins lists the plan's joins in file order.
func (p *Plan) Joins() []*mapping.Join {
	out := make([]*mapping.Join, len(p.joins))
	for i, j := range p.joins {
		out[i] = j.j
	}
	return out
}

// LoadJoin reads the rows of join name from r (a reader of its data file,
// named path in errors) into memory, keyed by the canonical text of its
// on key (int 5 and "5" are the same key). A repeated key is an error
// naming the file, both rows and the key, unless the join says
// on_duplicate: first. More than maxRows rows (0: DefaultMaxJoinRows) or
// 1 GiB of text is refused. Call it for every join before running.
func (p *Plan) LoadJoin(name string, r value.RecordReader, path string, maxRows int) error {
	return p.LoadJoinWith(name, r, path, JoinLoadOptions{MaxRows: maxRows})
}

// LoadJoinWith is LoadJoin with options: with KeepFirst a repeated key
// keeps its first row and is remembered (JoinDuplicates) instead of
// stopping the load.
func (p *Plan) LoadJoinWith(name string, r value.RecordReader, path string, o JoinLoadOptions) error {
	maxRows := o.MaxRows
	var pj *planJoin
	for _, j := range p.joins {
		if j.name == name {
			pj = j
		}
	}
	if pj == nil {
		return fmt.Errorf("the mapping has no join named %s", name)
	}
	if maxRows <= 0 {
		maxRows = DefaultMaxJoinRows
	}
	rows := map[string]joinRow{}
	first := map[string]int64{}
	var bytes int64
	var kb []byte
	var header []string
	var dups []JoinDuplicate
	var ndups int64
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("join %s: %w", name, err)
		}
		if len(rows) >= maxRows {
			return fmt.Errorf("join %s: %s has more than %d rows, the most a join holds in memory (--max-join-rows); filter it or raise the limit", name, path, maxRows)
		}
		if header == nil {
			header = append([]string(nil), rec.Keys...)
		}
		row := joinRow{cells: make([]string, 0, len(rec.Vals)), row: r.Row()}
		for i, v := range rec.Vals {
			bytes += int64(len(v.S))
			if v.K != value.String || i >= len(header) || rec.Keys[i] != header[i] {
				row.cells = nil
			}
			if row.cells != nil {
				row.cells = append(row.cells, v.S)
			}
		}
		if len(rec.Vals) != len(header) {
			row.cells = nil
		}
		if row.cells == nil {
			row.rec = rec
			bytes += int64(len(rec.Vals)) * int64(unsafe.Sizeof(value.Value{}))
		} else {
			bytes += int64(len(rec.Vals)) * 16
		}
		if bytes > maxJoinBytes {
			return fmt.Errorf("join %s: %s holds more than 1 GiB of values, the most a join holds in memory; filter it", name, path)
		}
		kb = kb[:0]
		null := false
		for i, k := range pj.right {
			if i > 0 {
				kb = append(kb, 0)
			}
			v := rec.Get(k)
			if v.IsMissing() {
				null = true
			}
			kb = appendKey(kb, v)
		}
		if null {
			continue // a row without a key is never found
		}
		key := string(kb)
		if prev, dup := first[key]; dup {
			if pj.j.OnDuplicate == mapping.JoinDupFirst {
				continue
			}
			if o.KeepFirst {
				if ndups++; len(dups) < maxJoinDuplicates {
					dups = append(dups, JoinDuplicate{Key: keyText(key), Row: r.Row(), First: prev})
				}
				continue
			}
			return fmt.Errorf("join %s: %s: row %d repeats the key %s of row %d; a join key must be unique (or say on_duplicate: first)", name, path, r.Row(), strconv.Quote(keyText(key)), prev)
		}
		first[key] = r.Row()
		rows[key] = row
	}
	pj.rows, pj.keys, pj.loaded = rows, header, true
	pj.path, pj.dups, pj.ndups = path, dups, ndups
	return nil
}

// JoinDuplicates returns the repeated keys of join name remembered by a
// load with KeepFirst (at most 1,000, in file order) and how many there
// were in all.
func (p *Plan) JoinDuplicates(name string) ([]JoinDuplicate, int64) {
	for _, j := range p.joins {
		if j.name == name {
			return j.dups, j.ndups
		}
	}
	return nil, 0
}

// JoinPath returns the file join name's rows were loaded from ("" before
// the load).
func (p *Plan) JoinPath(name string) string {
	for _, j := range p.joins {
		if j.name == name {
			return j.path
		}
	}
	return ""
}

// TargetReadsJoin reports whether the rules of target ti read join name
// (its misses are then the target's).
func (p *Plan) TargetReadsJoin(ti int, name string) bool {
	for ji, j := range p.joins {
		if j.name == name && ti >= 0 && ti < len(p.targets) {
			return p.targets[ti].readsJoin[ji]
		}
	}
	return false
}

func keyText(k string) string { return strings.ReplaceAll(k, "\x00", ", ") }

// appendKey appends the canonical text of a key value: numbers in their
// shortest exact form (5, 5.0 and "5" are one key), text as it is.
func appendKey(b []byte, v value.Value) []byte {
	switch v.K {
	case value.Float:
		if v.F == float64(int64(v.F)) {
			return strconv.AppendInt(b, int64(v.F), 10)
		}
	case value.Decimal:
		if v.D.IsInteger() {
			return append(b, v.D.BigInt().String()...)
		}
		return append(b, v.D.String()...)
	case value.String:
		s := v.S
		if d, err := parseCanonicalNumber(s); err == nil {
			return append(b, d...)
		}
	default:
	}
	return v.AppendText(b)
}

// parseCanonicalNumber gives a decimal number's text without a leading
// plus, leading zeros or trailing fraction zeros ("5.00" -> "5"); an
// error for other text.
func parseCanonicalNumber(s string) (string, error) {
	if s == "" || len(s) > 40 {
		return "", errors.New("not a number")
	}
	neg := s[0] == '-'
	t := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	intPart, frac, hasDot := strings.Cut(t, ".")
	if intPart == "" && frac == "" {
		return "", errors.New("not a number")
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return "", errors.New("not a number")
		}
	}
	if hasDot && frac == "" {
		return "", errors.New("not a number")
	}
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out, nil
}

// ReadJoin reads join name's data from r, the data file path (its format
// told by the extension: CSV, TSV, JSONL, JSON or XLSX), into the plan
// with LoadJoin. seam run, seam check, seam test and the TUI read joins
// through it.
func (p *Plan) ReadJoin(name string, r io.Reader, path string, maxRows int) error {
	return p.ReadJoinWith(name, r, path, JoinLoadOptions{MaxRows: maxRows})
}

// ReadJoinWith is ReadJoin with LoadJoinWith's options.
func (p *Plan) ReadJoinWith(name string, r io.Reader, path string, o JoinLoadOptions) error {
	format := value.FormatFromPath(path)
	if format == "" {
		return fmt.Errorf("join %s: %s: cannot tell the data format from the extension (want .csv, .tsv, .jsonl, .json or .xlsx)", name, path)
	}
	rd, err := value.NewReader(r, path, format)
	if err != nil {
		return fmt.Errorf("join %s: %w", name, err)
	}
	return p.LoadJoinWith(name, rd, path, o)
}

// followsMiss reports whether the miss of the join named name, among a
// row's errors, only follows from the miss of an earlier join whose field
// it keys on (on: {address.city_id: city_id} when address found no row).
func (p *Plan) followsMiss(name string, errs []RowError) bool {
	for _, j := range p.joins {
		if j.name != name {
			continue
		}
		for _, l := range j.left {
			if len(l) < 2 {
				continue
			}
			for _, e := range errs {
				if e.Join == l[0] {
					return true
				}
			}
		}
	}
	return false
}
