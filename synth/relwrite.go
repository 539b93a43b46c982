package synth

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// DatasetPlan says what WriteDataset generates: the per-field plan (edge
// rate, profile, raw CSV; its Rows is ignored, the Dataset's tables carry
// their row counts) and the share of rows carrying a relational edge case.
type DatasetPlan struct {
	Plan
	// RelRate is the share (0..1) of each table's rows (and of each owner
	// row's children) carrying a relational edge case, scheduled like the
	// field edge cases. It is ignored with the realistic profile, which
	// keeps every key intact.
	RelRate float64
}

// Validate reports the plan's problems.
func (p DatasetPlan) Validate() error {
	if math.IsNaN(p.RelRate) || p.RelRate < 0 || p.RelRate > 1 {
		return fmt.Errorf("%w: relational edge rate must be between 0 and 1, got %v", ErrPlan, p.RelRate)
	}
	q := p.Plan
	q.Rows = 0
	return q.Validate()
}

func (p DatasetPlan) relStep() uint64 {
	if p.profile() == Realistic || p.RelRate <= 0 {
		return 0
	}
	return uint64(math.Ceil(p.RelRate * (1 << 32)))
}

// RelLabel is one line of a dataset's labels sidecar.
type RelLabel struct {
	Table string
	Row   int64
	Field string
	Case  string
}

// DatasetSink receives a dataset table by table: Open is called once per
// table, in generation order, before its rows; Label for every edge case
// (field and relational) as it is decided. A parent's no_children and
// max_children labels come while its child table is generated. For the
// xlsx format Open is not called: every table is a sheet of the one
// workbook written to Book when the dataset is done.
type DatasetSink struct {
	Open     func(table string) (io.Writer, error)
	Book     io.Writer
	Label    func(RelLabel) error
	Progress func(table string, done int64)
}

// LabelsCSV returns a Label function writing the labels sidecar of a
// dataset as CSV with the header "table,row,field,edge_case" to w; flush
// writes what is buffered and reports the first error.
func LabelsCSV(w io.Writer) (label func(RelLabel) error, flush func() error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	started := false
	rec := make([]string, 4)
	label = func(l RelLabel) error {
		if !started {
			started = true
			if err := cw.Write([]string{"table", "row", "field", "edge_case"}); err != nil {
				return err
			}
		}
		rec[0], rec[1], rec[2], rec[3] = l.Table, strconv.FormatInt(l.Row, 10), l.Field, l.Case
		return cw.Write(rec)
	}
	flush = func() error {
		if !started {
			if err := cw.Write([]string{"table", "row", "field", "edge_case"}); err != nil {
				return err
			}
			started = true
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	}
	return label, flush
}

// WriteDataset generates every table of d in order, parents first, into
// the writers sink.Open gives, in format (csv, tsv or jsonl), or into one
// workbook with a sheet per table (xlsx, sink.Book; SheetName). Tables
// without an owner get their Rows rows; a child table gets between
// Card.Min and Card.Max rows per owner row. The same dataset, plan, seed
// and format give byte-identical files. Binary columns are written as
// PostgreSQL's hex (\x0a1b...) in CSV and TSV.
//
// When ctx is cancelled, the table being written is completed up to the
// current row and ctx's error is returned.
func WriteDataset(ctx context.Context, d *Dataset, plan DatasetPlan, seed int64, format string, sink DatasetSink) (err error) {
	if err := plan.Validate(); err != nil {
		return err
	}
	if format != "csv" && format != "tsv" && format != "jsonl" && format != "xlsx" {
		return fmt.Errorf("%w: several tables are written as csv, tsv or jsonl (one file per table) or xlsx (a sheet per table); got %q", ErrPlan, format)
	}
	if format == "xlsx" && sink.Book == nil {
		return fmt.Errorf("%w: xlsx needs the workbook's writer (DatasetSink.Book)", ErrPlan)
	}
	r, err := newRelRun(d, plan, seed)
	if err != nil {
		return err
	}
	r.sink = sink
	if format == "xlsx" {
		if r.book, err = newDatasetBook(sink.Book); err != nil {
			return err
		}
		r.sheets = SheetNames(d)
		defer func() {
			// an interrupted dataset is still a valid workbook
			if cerr := r.book.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
	}
	for _, t := range d.Tables {
		if err = r.table(ctx, t, format); err != nil {
			return err
		}
	}
	return nil
}

// SheetNames returns the sheet of each table of d in an xlsx dataset: its
// name, cut to Excel's 31 characters, with the characters Excel refuses
// ([]:*?/\) as underscores, and a ~N suffix when two would be the same.
func SheetNames(d *Dataset) map[*Table]string {
	out := make(map[*Table]string, len(d.Tables))
	used := map[string]bool{}
	for _, t := range d.Tables {
		name := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) {
				return '_'
			}
			return r
		}, t.Name)
		base := []rune(strings.Trim(name, "'"))
		if len(base) == 0 {
			base = []rune("table")
		}
		cand := string(base[:min(len(base), 31)])
		for i := 2; used[strings.ToLower(cand)]; i++ {
			suf := "~" + strconv.Itoa(i)
			cand = string(base[:min(len(base), 31-len(suf))]) + suf
		}
		used[strings.ToLower(cand)] = true
		out[t] = cand
	}
	return out
}

// relRun is one generation of a dataset.
type relRun struct {
	d     *Dataset
	plan  DatasetPlan
	seed  int64
	gens  map[*Table]*tableGen
	needD map[*Table]bool // tables whose anchor dates children follow
	sink  DatasetSink
	// book and sheets: the xlsx workbook and each table's sheet name
	book   *datasetBook
	sheets map[*Table]string
}

func newRelRun(d *Dataset, plan DatasetPlan, seed int64) (*relRun, error) {
	if plan.profile() == Realistic {
		plan.ValidOnly = true // every key intact and every value loadable
	}
	r := &relRun{d: d, plan: plan, seed: seed, gens: map[*Table]*tableGen{}, needD: map[*Table]bool{}}
	for _, t := range d.Tables {
		rows := t.Rows
		if t.Owner != nil {
			rows = -1
		}
		tg, err := newTableGen(t, plan.Plan, seed, rows)
		if err != nil {
			return nil, err
		}
		tg.relStep = plan.relStep()
		if tg.relStep > 0 {
			tg.relAcc = uint64(tg.rnd.Int63n(int64(tg.relStep)))
		}
		r.gens[t] = tg
	}
	for _, t := range d.Tables {
		if r.gens[t].anchor == nil {
			continue
		}
		for _, fk := range t.FKs {
			if !fk.Self() && r.gens[fk.Parent].anchor != nil {
				r.needD[fk.Parent] = true
			}
		}
	}
	for _, t := range d.Tables {
		for _, a := range t.agree {
			pg := r.gens[a.parent]
			if pg.kept == nil {
				pg.kept = map[*schema.Field][]value.Value{}
			}
			if _, ok := pg.kept[a.pcol]; !ok {
				pg.kept[a.pcol] = nil
			}
		}
	}
	defer r.mute()
	// key codecs of a child table's own key columns (line numbers)
	for _, t := range d.Tables {
		if t.Owner == nil {
			continue
		}
		tg := r.gens[t]
		n := int64(max(t.Card.Max, 1))
		if !ownerInKey(t) {
			// keys numbered across the whole table
			if ot := t.Owner.Parent; ot.Owner == nil {
				n = max(ot.Rows, 1) * n
			}
		}
		for _, c := range append(append([]*schema.Field(nil), t.Key...), t.unique...) {
			if inFK(t, c) != nil || tg.codec[c] != nil {
				continue
			}
			k, err := newKeyCodec(t.Name, c, n, seed)
			if err != nil {
				return nil, err
			}
			tg.codec[c] = k
		}
	}
	return r, nil
}

// ownerInKey reports a child table whose primary key holds its owner's
// columns: its other key columns are numbered per owner row (line 1, 2,
// ...), else across the table.
func ownerInKey(t *Table) bool {
	for _, c := range t.Owner.Cols {
		if !c.PrimaryKey {
			return false
		}
	}
	return len(t.Key) > 0
}

// inFK returns the foreign key of t holding column c, or nil.
func inFK(t *Table, c *schema.Field) *FK {
	for _, fk := range t.FKs {
		for _, x := range fk.Cols {
			if x == c {
				return fk
			}
		}
	}
	return nil
}

// table generates and writes one table.
func (r *relRun) table(ctx context.Context, t *Table, format string) error {
	tg := r.gens[t]
	cols := tg.g.Keys()
	if format != "jsonl" {
		cols = tg.g.Columns()
	}
	var rw value.RecordWriter
	var bw *bufio.Writer
	if r.book != nil {
		var err error
		if rw, err = r.book.Sheet(r.sheets[t], cols); err != nil {
			return fmt.Errorf("synth: table %s: sheet %s: %w", t.Name, r.sheets[t], err)
		}
	} else {
		w, err := r.sink.Open(t.Name)
		if err != nil {
			return err
		}
		bw = bufio.NewWriterSize(w, 256<<10)
		if rw, err = value.NewWriterWith(bw, format, cols, value.WriterOptions{RawCSV: r.plan.RawCSV, QuoteEmpty: true}); err != nil {
			return err
		}
	}
	var spelled []spellCol
	var bin, arrs []int
	if format != "jsonl" {
		spelled = spellCols(t.Schema)
		for i, f := range t.Schema.Fields {
			switch f.Type {
			case schema.Binary:
				bin = append(bin, i)
			case schema.Array:
				arrs = append(arrs, i)
			default:
			}
		}
	}
	emit := func(row *Row) error {
		if len(spelled) > 0 {
			spellRecord(row.Rec, spelled)
		}
		for _, i := range bin {
			if v := row.Rec.Vals[i]; v.K == value.Bytes || (v.K == value.String && v.S != "") {
				row.Rec.Vals[i] = value.Str(`\x` + hex.EncodeToString([]byte(v.S)))
			}
		}
		for _, i := range arrs {
			if v := row.Rec.Vals[i]; v.K == value.Array && r.book == nil {
				if lit, ok := sqlArray(v.Arr); ok {
					row.Rec.Vals[i] = value.Str(lit)
				}
			}
		}
		if err := rw.Write(row.Rec); err != nil {
			return fmt.Errorf("synth: table %s row %d: %w", t.Name, row.N, err)
		}
		if r.sink.Label != nil {
			for _, l := range row.Labels {
				if err := r.sink.Label(RelLabel{Table: t.Name, Row: row.N, Field: l.Field, Case: l.Case}); err != nil {
					return fmt.Errorf("synth: labels: %w", err)
				}
			}
		}
		if r.sink.Progress != nil && row.N%progressEvery == 0 {
			r.sink.Progress(t.Name, row.N)
		}
		return nil
	}
	var genErr error
	if t.Owner == nil {
		genErr = r.topRows(ctx, tg, emit)
	} else {
		genErr = r.childRows(ctx, tg, emit)
	}
	if err := rw.Close(); err != nil && genErr == nil {
		genErr = err
	}
	if bw != nil {
		if err := bw.Flush(); err != nil && genErr == nil {
			genErr = err
		}
	}
	if r.sink.Progress != nil {
		r.sink.Progress(t.Name, tg.n)
	}
	return genErr
}

// mute turns off the field generator of every column the dataset sets:
// key and unique columns with a codec, foreign keys, agreeing columns.
func (r *relRun) mute() {
	for _, t := range r.d.Tables {
		tg := r.gens[t]
		cols := map[*schema.Field]bool{}
		for c := range tg.codec {
			cols[c] = true
		}
		for _, fk := range t.FKs {
			for _, c := range fk.Cols {
				cols[c] = true
			}
		}
		for _, a := range t.agree {
			cols[a.col] = true
		}
		for i, f := range t.Schema.Fields {
			if cols[f] {
				tg.g.roots[i].muted = true
			}
		}
	}
}

// sqlArray writes an array of scalars as a SQL array literal
// ({"a","b",NULL}), the way PostgreSQL's COPY reads a text[] column; ok is
// false for arrays of objects or arrays.
func sqlArray(vs []value.Value) (string, bool) {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(',')
		}
		switch v.K {
		case value.Object, value.Array:
			return "", false
		case value.Null, value.Absent:
			b.WriteString("NULL")
			continue
		default:
		}
		b.WriteByte('"')
		for _, r := range v.Text() {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), true
}
