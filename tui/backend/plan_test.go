package backend

import (
	"context"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
)

const groupSrc = `{"type":"object","properties":{"contact_id":{"type":"string"},"name":{"type":["string","null"]},
 "phone":{"type":["string","null"]},"phone_type":{"type":["string","null"]}}}`

const groupDst = `{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"name":{"type":["string","null"]},
 "phone_numbers":{"type":"array","items":{"type":"object","properties":{"number":{"type":"string"},"type":{"type":"string"}}}}}}`

const groupYAML = `seam: 1
source: {schema: rows.json}
targets:
  - name: contacts
    schema: contact.json
    group_by: [contact_id]
    rules:
      - {target: id, from: [contact_id]}
      - {target: name, from: [name]}
      - target: phone_numbers
        from: [phone, phone_type]
        items:
          - {number: phone, type: lower(phone_type)}
`

// TestRunTargetsGroups: a run of a grouped mapping reads one document per
// group, as seam check does (RunTargets goes through check.RunPlan): the
// rows of a group are one record, its children hang on the group's first
// row.
func TestRunTargetsGroups(t *testing.T) {
	m, err := mapping.Parse("m.seam.yaml", []byte(groupYAML))
	if err != nil {
		t.Fatal(err)
	}
	src, err := schema.Parse("rows.json", []byte(groupSrc), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dst, err := schema.Parse("contact.json", []byte(groupDst), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := `{"contact_id":"c1","name":"Ann","phone":"+1","phone_type":"WORK"}
{"contact_id":"c1","name":"Ann","phone":"+2","phone_type":"Mobile"}
{"contact_id":"c2","name":"Bo","phone":"+3","phone_type":"home"}
`
	rd, err := value.NewReader(strings.NewReader(rows), "rows.jsonl", value.FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	data := &common.Dataset{Name: "rows.jsonl"}
	for rec, err := range value.Records(rd) {
		if err != nil {
			t.Fatal(err)
		}
		data.Rows = append(data.Rows, rec)
	}
	res, err := Engine{}.RunTargets(context.Background(), m, src, []*schema.Schema{dst}, nil, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 2 || res.Read != 2 || res.Written != 2 || res.Rejected != 0 {
		t.Fatalf("records %d, rows read %d written %d rejected %d; want 2 groups written", res.Records, res.Read, res.Written, res.Rejected)
	}
	if tr := res.Targets[0]; tr.Read != 2 || tr.Written != 2 {
		t.Errorf("contacts: %+v", tr)
	}
	if res.Len() != 3 || len(res.Row(0).Children) != 1 || len(res.Row(1).Children) != 0 || len(res.Row(2).Children) != 1 {
		t.Fatalf("children per row: %d, %d, %d; want 1, 0, 1", len(res.Row(0).Children), len(res.Row(1).Children), len(res.Row(2).Children))
	}
	phones := res.Row(0).Children[0].Out.Get("phone_numbers")
	if phones.K != value.Array || len(phones.Arr) != 2 {
		t.Errorf("c1's phone_numbers = %v, want both rows of the group", phones)
	}
	if res.Row(1).In == nil {
		t.Error("a row inside a group lost its source record")
	}
}
