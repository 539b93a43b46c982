package export

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// FindingRow is one finding as the exports show it. The check package
// fills these from its report; export does not depend on check.
type FindingRow struct {
	Kind     string
	Severity string
	Detector string
	Rule     string
	Target   string
	Source   []string
	Count    int64
	Message  string
	// Example renders one example row ("row 17: first_name=... -> ...").
	Example string
	// Acknowledged is set when the mapping acknowledges the finding.
	Acknowledged bool
}

// colKey names a column of the Mapping sheet.
type colKey int

const (
	colID colKey = iota
	colTarget
	colTargetType
	colRequired
	colFrom
	colSourceType
	colExpr
	colOnError
	colStatus
	colConfidence
	colWhy
	colNotes
	numCols
)

// column describes one Mapping sheet column.
type column struct {
	key    colKey
	header string
	width  float64
	// derived columns are computed from the schemas on export and ignored
	// on import.
	derived bool
	aliases []string
}

var mappingColumns = []column{
	{colID, "Rule ID", 14, false, []string{"id", "rule", "ruleid"}},
	{colTarget, "Target field", 26, false, []string{"target", "targetfield", "targetpath"}},
	{colTargetType, "Target type", 16, true, []string{"targettype"}},
	{colRequired, "Required", 10, true, []string{"required", "targetrequired"}},
	{colFrom, "Source field(s)", 26, false, []string{"source", "sources", "sourcefield", "sourcefields", "from"}},
	{colSourceType, "Source type", 16, true, []string{"sourcetype", "sourcetypes"}},
	{colExpr, "Transform (expr)", 44, false, []string{"transform", "transformexpr", "expr", "expression"}},
	{colOnError, "On error", 14, false, []string{"onerror", "on_error"}},
	{colStatus, "Status", 12, false, []string{"status"}},
	{colConfidence, "Confidence", 11, false, []string{"confidence", "score"}},
	{colWhy, "Why", 40, false, []string{"why", "reasons", "reason"}},
	{colNotes, "Notes", 30, false, []string{"notes", "note", "comment", "comments"}},
}

// normHeader folds a header to lower-case letters and digits only.
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// matchHeaders maps column keys to their index in a header row. Unknown
// headers are ignored (analysts add their own columns); a duplicate known
// header is an error returned with the index of the second occurrence.
func matchHeaders(header []string) (idx [numCols]int, dup int, dupName string) {
	for i := range idx {
		idx[i] = -1
	}
	dup = -1
	for i, h := range header {
		n := normHeader(h)
		if n == "" {
			continue
		}
		for _, c := range mappingColumns {
			if n != normHeader(c.header) && !contains(c.aliases, n) {
				continue
			}
			if idx[c.key] >= 0 && dup < 0 {
				dup, dupName = i, h
			} else if idx[c.key] < 0 {
				idx[c.key] = i
			}
			break
		}
	}
	return idx, dup, dupName
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ruleCells renders a rule as the Mapping sheet's cells, in column order.
func ruleCells(r *mapping.Rule, src, dst *schema.Schema) [numCols]string {
	var c [numCols]string
	c[colID] = r.ID
	c[colTarget] = r.Target
	if dst != nil {
		if f := dst.Lookup(r.Target); f != nil {
			c[colTargetType] = f.TypeString()
			if f.Required {
				c[colRequired] = "yes"
			} else {
				c[colRequired] = "no"
			}
		}
	}
	c[colFrom] = strings.Join(r.From, ", ")
	if src != nil && len(r.From) > 0 {
		types := make([]string, len(r.From))
		for i, p := range r.From {
			if f := src.Lookup(p); f != nil {
				types[i] = f.TypeString()
			} else {
				types[i] = "?"
			}
		}
		c[colSourceType] = strings.Join(types, ", ")
	}
	c[colExpr] = r.Expr
	c[colOnError] = r.OnError
	c[colStatus] = r.Status
	if r.Confidence != 0 {
		c[colConfidence] = strconv.FormatFloat(r.Confidence, 'f', -1, 64)
	}
	c[colWhy] = strings.Join(r.Why, "\n")
	c[colNotes] = r.Notes
	return c
}

// cellProblem is one problem in an imported cell.
type cellProblem struct {
	col colKey
	msg string
}

// parseRule builds a rule from a row's cells (already mapped to columns;
// missing columns are ""). It returns every problem found.
// exprProblem says where and why a transform does not parse.
func exprProblem(src string, err error) string {
	var fe *file.Error
	if errors.As(err, &fe) {
		return fmt.Sprintf("transform %s does not parse: %s at line %d, column %d", strconv.Quote(oneLine(src)), fe.Message, fe.Line, fe.Column+1)
	}
	return fmt.Sprintf("transform %s does not parse: %v", strconv.Quote(oneLine(src)), err)
}

func parseRule(c [numCols]string) (*mapping.Rule, []cellProblem) {
	var probs []cellProblem
	r := &mapping.Rule{
		ID:     strings.TrimSpace(c[colID]),
		Target: strings.TrimSpace(c[colTarget]),
		// Expr keeps its text exactly (a YAML block keeps its final
		// newline); only an all-blank cell means no expression.
		Expr:  c[colExpr],
		Notes: c[colNotes],
	}
	if strings.TrimSpace(r.Expr) == "" {
		r.Expr = ""
	}
	if r.Target == "" {
		probs = append(probs, cellProblem{colTarget, "target field is empty; every rule row needs the target field it writes"})
	}
	if r.Expr != "" {
		if _, err := parser.Parse(r.Expr); err != nil {
			probs = append(probs, cellProblem{colExpr, exprProblem(r.Expr, err)})
		}
	}
	for _, p := range strings.FieldsFunc(c[colFrom], func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			r.From = append(r.From, p)
		}
	}
	if st := strings.ToLower(strings.TrimSpace(c[colStatus])); st != "" {
		switch st {
		case mapping.StatusSuggested, mapping.StatusAccepted, mapping.StatusRejected:
			r.Status = st
		default:
			probs = append(probs, cellProblem{colStatus, fmt.Sprintf("status %q is not one of suggested, accepted, rejected (or empty)", c[colStatus])})
		}
	}
	if oe := strings.TrimSpace(c[colOnError]); oe != "" {
		norm, ok := normOnError(oe)
		if !ok {
			probs = append(probs, cellProblem{colOnError, fmt.Sprintf("on_error %q is not one of reject, null, keep, default(VALUE)", oe)})
		}
		r.OnError = norm
	}
	if cs := strings.TrimSpace(c[colConfidence]); cs != "" {
		cs = strings.TrimSuffix(cs, "%")
		f, err := strconv.ParseFloat(cs, 64)
		switch {
		case err != nil:
			probs = append(probs, cellProblem{colConfidence, fmt.Sprintf("confidence %q is not a number between 0 and 1", c[colConfidence])})
		case strings.HasSuffix(strings.TrimSpace(c[colConfidence]), "%"):
			f /= 100
			fallthrough
		default:
			if f < 0 || f > 1 {
				probs = append(probs, cellProblem{colConfidence, fmt.Sprintf("confidence %v is outside 0..1", f)})
			}
			r.Confidence = f
		}
	}
	for _, w := range strings.Split(c[colWhy], "\n") {
		if w = strings.TrimRight(w, "\r"); strings.TrimSpace(w) != "" {
			r.Why = append(r.Why, w)
		}
	}
	if r.Expr == "" && len(r.From) > 1 {
		probs = append(probs, cellProblem{colExpr, fmt.Sprintf("%d source fields but no transform: a rule without expr casts exactly one source field", len(r.From))})
	}
	return r, probs
}

// normOnError checks an on_error value, folding case of the keyword.
func normOnError(s string) (string, bool) {
	l := strings.ToLower(s)
	switch l {
	case "reject", "null", "keep":
		return l, true
	}
	if strings.HasPrefix(l, "default(") && strings.HasSuffix(s, ")") {
		return "default(" + s[len("default("):], true
	}
	return s, false
}

// blankRow reports a row with no non-space cell.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
