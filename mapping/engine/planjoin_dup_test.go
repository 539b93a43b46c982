package engine

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/value"
)

// A repeated key stops the load unless KeepFirst, which keeps the first
// row and remembers the repeat (seam run/check --dataset report it).
func TestLoadJoinKeepFirst(t *testing.T) {
	p, _ := planFixture(t, twoTargets)
	const dup = "address_id,city\n1,Paris\n2,Oslo\n1.0,Rome\n3,Bern\n2,Kyiv\n"
	r, _ := value.NewReader(strings.NewReader(dup), "addr.csv", "csv")
	err := p.LoadJoin("address", r, "addr.csv", 0)
	if err == nil || !strings.Contains(err.Error(), "row 3 repeats the key \"1\" of row 1") {
		t.Fatalf("LoadJoin without KeepFirst: %v", err)
	}
	r, _ = value.NewReader(strings.NewReader(dup), "addr.csv", "csv")
	if err := p.LoadJoinWith("address", r, "addr.csv", JoinLoadOptions{KeepFirst: true}); err != nil {
		t.Fatal(err)
	}
	dups, n := p.JoinDuplicates("address")
	if n != 2 || len(dups) != 2 || dups[0] != (JoinDuplicate{Key: "1", Row: 3, First: 1}) || dups[1] != (JoinDuplicate{Key: "2", Row: 5, First: 2}) {
		t.Fatalf("duplicates %v (%d)", dups, n)
	}
	if p.JoinPath("address") != "addr.csv" {
		t.Fatalf("JoinPath %q", p.JoinPath("address"))
	}
	if !p.TargetReadsJoin(0, "address") || p.TargetReadsJoin(1, "address") {
		t.Fatal("orders reads address, order_details does not")
	}
	st, w, _ := runPlanJSONL(t, p, `{"id":1,"address_id":1}`+"\n", 1)
	if st.Targets[0].Written != 1 || !strings.Contains(w[0], "Paris") {
		t.Fatalf("the first row is kept: %v %q", st.Targets[0], w[0])
	}
}

// DanglingRows checks every row of the earlier join a join keys on, as a
// foreign key: a row naming a key the later join lacks is listed, an
// empty key references nothing.
func TestDanglingRows(t *testing.T) {
	const chained = `seam: 1
source: {schema: orders.json}
joins:
  - {name: address, schema: addr.csv, on: {address_id: address_id}, on_miss: null}
  - {name: town, schema: addr.csv, on: {address.city: city}, on_miss: null}
targets:
  - name: orders
    schema: db.sql#orders
    rules:
      - {target: order_id, from: [id]}
      - {target: city, from: [town.city]}
`
	p, _ := planFixture(t, chained)
	load := func(name, data string) {
		t.Helper()
		r, _ := value.NewReader(strings.NewReader(data), name+".csv", "csv")
		if err := p.LoadJoin(name, r, name+".csv", 0); err != nil {
			t.Fatal(err)
		}
	}
	load("address", "address_id,city\n1,Paris\n2,Oslo\n3,\n4,Rome\n")
	load("town", "address_id,city\n9,Paris\n")
	via, rows, n := p.DanglingRows("town")
	if via != "address" || n != 2 || len(rows) != 2 || rows[0] != (JoinDangling{Row: 2, Key: "Oslo"}) || rows[1] != (JoinDangling{Row: 4, Key: "Rome"}) {
		t.Fatalf("DanglingRows: %q %v %d", via, rows, n)
	}
	if via, _, n := p.DanglingRows("address"); via != "" || n != 0 {
		t.Fatalf("a join on source fields: %q %d", via, n)
	}
}
