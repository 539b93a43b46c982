package synth

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// progressEvery is how many rows pass between progress calls.
const progressEvery = 10000

// Write generates plan.Rows rows and streams them to w in format (csv,
// tsv, jsonl or xlsx) through value.NewWriter, in constant memory (xlsx
// is buffered by excelize's stream writer in a temporary file).
//
// Tabular formats get one column per leaf of nested objects
// ("customer.address.city") and arrays as JSON text; JSON Lines keeps the
// nesting and leaves absent keys out.
//
// When labels is not nil it receives the labels sidecar, CSV with the
// header row "row,field,edge_case": one line per edge case per row, row
// being the 1-based data row number (the header of the data file is not a
// row), field the schema path (for drift: "old->new" or
// "field:oldtype->newtype"), edge_case the class name
// ("string.over_max_length", "drift.renamed").
//
// progress, when not nil, is called with the number of rows done every
// 10,000 rows and once at the end. An invalid plan or format returns an
// error wrapping ErrPlan before anything is written.
//
// When ctx is cancelled, the rows generated so far are completed (the
// file is closed and flushed, labels included), progress is called with
// their number, and ctx's error is returned: the output is a valid,
// shorter file.
//
// CSV and TSV text cells a spreadsheet would run as a formula are
// neutralised (value.NeutraliseFormula) unless plan.RawCSV.
func Write(ctx context.Context, s *schema.Schema, plan Plan, seed int64, w io.Writer, format string, labels io.Writer, progress func(done int64)) error {
	if err := ValidateFormat(format); err != nil {
		return err
	}
	g, err := NewGenerator(s, plan, seed)
	if err != nil {
		return err
	}
	cols := g.Keys()
	if format != "jsonl" {
		cols = g.Columns()
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	rw, err := value.NewWriterWith(bw, format, cols, value.WriterOptions{RawCSV: plan.RawCSV})
	if err != nil {
		return err
	}
	var lw *csv.Writer
	var lbuf *bufio.Writer
	if labels != nil {
		lbuf = bufio.NewWriterSize(labels, 64<<10)
		lw = csv.NewWriter(lbuf)
		if err := lw.Write([]string{"row", "field", "edge_case"}); err != nil {
			return err
		}
	}
	rec := make([]string, 3)
	var spelled []spellCol
	if format != "jsonl" {
		spelled = spellCols(s)
	}
	var row Row
	var stopErr error
	for {
		if g.n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				stopErr = err
				break
			}
		}
		if !g.Fill(&row) {
			break
		}
		if len(spelled) > 0 {
			spellRecord(row.Rec, spelled)
		}
		if err := rw.Write(row.Rec); err != nil {
			rw.Close()
			return fmt.Errorf("synth: row %d: %w", row.N, err)
		}
		if lw != nil && len(row.Labels) > 0 {
			rec[0] = strconv.FormatInt(row.N, 10)
			for _, l := range row.Labels {
				rec[1], rec[2] = l.Field, l.Case
				if err := lw.Write(rec); err != nil {
					rw.Close()
					return fmt.Errorf("synth: labels: %w", err)
				}
			}
		}
		if progress != nil && row.N%progressEvery == 0 {
			progress(row.N)
		}
	}
	if err := rw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if lw != nil {
		lw.Flush()
		if err := lw.Error(); err != nil {
			return fmt.Errorf("synth: labels: %w", err)
		}
		if err := lbuf.Flush(); err != nil {
			return fmt.Errorf("synth: labels: %w", err)
		}
	}
	if progress != nil {
		progress(g.n)
	}
	return stopErr
}
