package check

import (
	"fmt"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// controlPair is a well-built mapping: compatible types, wide enough
// targets, currency carried, required fields fed by required sources.
func controlPair() (src, dst *schema.Schema) {
	src = S("shop_orders",
		F("id", schema.Integer, pk, bits(64)),
		F("email", schema.String, req, format("email"), maxlen(200)),
		F("first_name", schema.String, req, maxlen(40)),
		F("total", schema.Decimal, req, prec(10, 2)),
		F("currency", schema.Enum, req, enum("USD", "EUR")),
		F("created_at", schema.TimestampTZ, req),
		F("updated_at", schema.TimestampTZ, req),
		F("status", schema.Enum, req, enum("open", "closed")),
		F("quantity", schema.Integer, req, bits(32), minv(0)),
		F("is_deleted", schema.Boolean, req),
	)
	dst = S("erp_orders",
		F("order_id", schema.Integer, pk, bits(64)),
		F("email", schema.String, req, format("email"), maxlen(254)),
		F("first_name", schema.String, req, maxlen(60)),
		F("total", schema.Decimal, req, prec(12, 2)),
		F("currency", schema.String, req, maxlen(3)),
		F("created_at", schema.TimestampTZ, req),
		F("updated_at", schema.TimestampTZ, req),
		F("status", schema.Enum, req, enum("open", "closed")),
		F("quantity", schema.Integer, req, bits(64), minv(0)),
		F("is_deleted", schema.Boolean, req),
	)
	return
}

func controlMapping() []string {
	return []string{"order_id:id", "email:email", "first_name:first_name", "total:total", "currency:currency",
		"created_at:created_at", "updated_at:updated_at", "status:status", "quantity:quantity", "is_deleted:is_deleted"}
}

func controlRows(n int) (ins, outs []*value.Record) {
	names := []string{"Ana", "Bo", "Chen", "Dóra", "Émile"}
	for i := 0; i < n; i++ {
		c := time.Date(2024, 1, 1+i%28, 10, 0, 0, 0, time.UTC)
		in := rec("id", int64(1000+i), "email", fmt.Sprintf("u%d@example.com", i), "first_name", names[i%len(names)],
			"total", value.Dec(decimal.New(int64(1999+i), -2)), "currency", []string{"USD", "EUR"}[i%2],
			"created_at", value.TimeV(value.TimestampTZ, c), "updated_at", value.TimeV(value.TimestampTZ, c.Add(time.Hour)),
			"status", []string{"open", "closed"}[i%2], "quantity", int64(i%7), "is_deleted", i%5 == 0)
		out := &value.Record{}
		for _, p := range controlMapping() {
			var t, s string
			for j := range p {
				if p[j] == ':' {
					t, s = p[:j], p[j+1:]
				}
			}
			out.Set(t, in.Get(s))
		}
		ins, outs = append(ins, in), append(outs, out)
	}
	return
}

// TestCleanControl: a correct mapping with valid rows gives no findings at
// all, static or data. False positives matter as much as misses.
func TestCleanControl(t *testing.T) {
	src, dst := controlPair()
	m := M()
	for _, p := range controlMapping() {
		for j := range p {
			if p[j] == ':' {
				m.Rules = append(m.Rules, R(p[:j], "", p[j+1:]))
			}
		}
	}
	fs := Static(m, src, dst)
	if len(fs) != 0 {
		logFindings(t, fs)
		t.Errorf("static: %d findings on the clean control, want 0", len(fs))
	}
	d := NewDataFor(m, src, dst, DataOptions{})
	ins, outs := controlRows(200)
	for i := range ins {
		d.ObserveOut(int64(i+1), ins[i], outs[i], nil, nil)
	}
	if fs := d.Findings(); len(fs) != 0 {
		logFindings(t, fs)
		t.Errorf("data: %d findings on the clean control, want 0", len(fs))
	}
	cv := CoverageOf(m, src, dst)
	if cv.TargetFields != 10 || cv.Mapped != 10 || len(cv.RequiredUnmapped) != 0 {
		t.Errorf("coverage = %+v", cv)
	}
}
