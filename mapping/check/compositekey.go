package check

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// compositeKey finds the written rows that repeat a target's composite
// primary key (PRIMARY KEY (order_id, product_id)): the whole key, where
// each part alone repeats by design (TestCompositeKeyParts). A key with a
// null or absent part is no key (NOT NULL refuses it) and is not tracked.
type compositeKey struct {
	fields []string // the key's target paths, in schema order
	from   []string // the source fields the key's rules read
	set    *keySet
	text   string // "order_id, product_id"
	buf    []byte
}

// newCompositeKey returns the detector of d's target when its primary key
// has several fields and a rule writes each; nil otherwise.
func newCompositeKey(d *Data) *compositeKey {
	if d.c.dst == nil {
		return nil
	}
	ck := &compositeKey{}
	seen := map[string]bool{}
	ok := true
	d.c.dst.Walk(func(f *schema.Field) {
		if !f.PrimaryKey {
			return
		}
		ck.fields = append(ck.fields, f.Path)
		dr := d.ruleFor(f.Path)
		if dr == nil {
			ok = false
			return
		}
		for _, p := range dr.ri.sourcePaths() {
			if !seen[p] {
				seen[p] = true
				ck.from = append(ck.from, p)
			}
		}
	})
	if !ok || len(ck.fields) < 2 {
		return nil
	}
	ck.set = newKeySet(d.opts.MaxKeys)
	ck.text = strings.Join(ck.fields, ", ")
	return ck
}

// observe takes one written row.
func (ck *compositeKey) observe(d *Data, row int64, in, out *value.Record, labels map[string]string) {
	ck.buf = ck.buf[:0]
	for i, p := range ck.fields {
		v := out.Path(p)
		if v.IsMissing() {
			return
		}
		if i > 0 {
			ck.buf = append(ck.buf, 0)
		}
		ck.buf = append(ck.buf, byte(v.K))
		ck.buf = v.AppendText(ck.buf)
	}
	key := value.Str(string(ck.buf))
	if !ck.set.add(key) {
		return
	}
	a := d.agg(kind.DuplicateKey, ck.text, "", ck.from)
	a.desc = fmt.Sprintf("the composite primary key (%s) repeats", ck.text)
	parts := make([]string, len(ck.fields))
	for i, p := range ck.fields {
		parts[i] = Render(out.Path(p))
	}
	d.example(a, row, in, ck.from, value.Str(strings.Join(parts, ", ")), labels, "key ("+strings.Join(parts, ", ")+") seen before")
}
