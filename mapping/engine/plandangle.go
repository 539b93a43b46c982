package engine

import (
	"sort"

	"github.com/seamhq/seam/mapping/value"
)

// JoinDangling is a row of a joined dataset whose key into a later join
// finds no row: Row (the reader's row number in the earlier join's data)
// names Key, which the later join's data lacks.
type JoinDangling struct {
	Row int64
	Key string
}

// DanglingRows checks every row of the earlier join that join name keys
// on (customer on order.customer_id: every loaded row of order) for a row
// of name's data, as a database checks a foreign key: it returns the
// earlier join's name, the rows whose key finds none in file order (at
// most 1,000) and how many there are. A key with a null, absent or empty
// part references nothing and is left out (CSV writes a null as an empty
// cell); a repeated key's later rows were never loaded. via is "" when
// name keys on source fields, or on fields of several joins.
func (p *Plan) DanglingRows(name string) (via string, rows []JoinDangling, n int64) {
	var j, e *planJoin
	for _, x := range p.joins {
		if x.name == name {
			j = x
		}
	}
	if j == nil || !j.loaded {
		return "", nil, 0
	}
	for _, l := range j.left {
		if len(l) < 2 {
			return "", nil, 0
		}
		if via != "" && l[0] != via {
			return "", nil, 0
		}
		via = l[0]
	}
	for _, x := range p.joins {
		if x.name == via && x != j {
			e = x
		}
	}
	if e == nil || !e.loaded {
		return "", nil, 0
	}
	var kb []byte
	rec := &value.Record{Keys: e.keys}
	for _, row := range e.rows {
		r := row.rec
		if r == nil {
			rec.Vals = rec.Vals[:0]
			for _, c := range row.cells {
				rec.Vals = append(rec.Vals, value.Str(c))
			}
			r = rec
		}
		kb = kb[:0]
		null := false
		for i, l := range j.left {
			v := r.Get(l[1])
			for _, k := range l[2:] {
				v, _ = memberOf(v, k)
			}
			if v.IsMissing() || v.K == value.String && v.S == "" || v.K == value.Object || v.K == value.Array {
				null = true
				break
			}
			if i > 0 {
				kb = append(kb, 0)
			}
			kb = appendKey(kb, v)
		}
		if null {
			continue
		}
		if _, ok := j.rows[string(kb)]; !ok {
			n++
			rows = append(rows, JoinDangling{Row: row.row, Key: keyText(string(kb))})
		}
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].Row < rows[b].Row })
	if len(rows) > maxJoinDuplicates {
		rows = rows[:maxJoinDuplicates]
	}
	return via, rows, n
}
