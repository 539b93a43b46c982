package engine

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

const contactRowsSrc = `{"type":"object","properties":{
 "contact_id":{"type":["string","null"]},
 "name":{"type":["string","null"]},
 "phone":{"type":["string","null"]},
 "mobile":{"type":["string","null"]},
 "fax":{"type":["string","null"]},
 "phone_type":{"type":["string","null"]}}}`

const contactDocDst = `{"type":"object","required":["id","phone_numbers"],"properties":{
 "id":{"type":"string"},
 "name":{"type":["string","null"],"maxLength":10},
 "phone_numbers":{"type":"array","items":{"type":"object","required":["number","type"],"properties":{
   "number":{"type":["string","null"]},
   "type":{"type":"string"}}}}}}`

func groupFixture(t testing.TB, yml string) *Plan {
	t.Helper()
	m, err := mapping.Parse("m.seam.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	src, err := schema.Parse("rows.json", []byte(contactRowsSrc), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dst, err := schema.Parse("contact.json", []byte(contactDocDst), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, ds := CompilePlan(m, src, []*schema.Schema{dst}, nil)
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	return p
}

func runGroupJSONL(t testing.TB, p *Plan, input string, opt RunOptions) (PlanStats, string, string, error) {
	t.Helper()
	r, err := value.NewReader(strings.NewReader(input), "in.jsonl", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out, rej bytes.Buffer
	w, err := value.NewWriter(&out, "jsonl", p.Targets()[0].Program.TargetKeys())
	if err != nil {
		t.Fatal(err)
	}
	st, err := RunPlan(context.Background(), p, r, []PlanOutput{{W: w, Rejects: &rej}}, opt)
	if cerr := w.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	return st, out.String(), rej.String(), err
}

// TestItemsFromFlatFields builds phone_numbers[] from three fields of one
// row: a null or empty field gives no element.
func TestItemsFromFlatFields(t *testing.T) {
	p := groupFixture(t, `seam: 1
source: {schema: rows.json}
targets:
  - name: contact
    schema: contact.json
    rules:
      - {target: id, from: [contact_id]}
      - target: phone_numbers
        from: [phone, mobile, fax]
        items:
          - {number: phone, type: '"primary"'}
          - {number: trim(mobile), type: '"mobile"'}
          - {number: fax, type: '"fax"'}
`)
	in := `{"contact_id":"a","phone":"+1","mobile":null,"fax":"+3"}
{"contact_id":"b","phone":"","mobile":" +2 "}
{"contact_id":"c"}
`
	st, out, rej, err := runGroupJSONL(t, p, in, RunOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"a","phone_numbers":[{"number":"+1","type":"primary"},{"number":"+3","type":"fax"}]}
{"id":"b","phone_numbers":[{"number":"+2","type":"mobile"}]}
{"id":"c","phone_numbers":[]}
`
	if out != want || rej != "" {
		t.Errorf("out:\n%s\nwant:\n%s\nrejects:\n%s", out, want, rej)
	}
	if ts := st.Targets[0]; ts.Read != 3 || ts.Written != 3 {
		t.Errorf("stats %+v", ts)
	}
}

const groupedMapping = `seam: 1
source: {schema: rows.json}
targets:
  - name: contact
    schema: contact.json
    group_by: [contact_id]
    rules:
      - {target: id, from: [contact_id]}
      - {target: name, from: [name]}
      - target: phone_numbers
        from: [phone, phone_type]
        items:
          - {number: phone, type: lower(phone_type), $when: '(phone ?? "") != ""'}
`

// TestGroupByNestedDocument groups flat rows (one per phone) into one
// contact with phone_numbers[]: consecutive rows with one key are one
// document, read = written + rejected counts documents, a key that comes
// back after its group is a rejected group naming both rows.
func TestGroupByNestedDocument(t *testing.T) {
	p := groupFixture(t, groupedMapping)
	in := `{"contact_id":"c1","name":"Ann","phone_type":"WORK","phone":"+1"}
{"contact_id":"c1","name":"Ann","phone_type":"Mobile","phone":"+2"}
{"contact_id":"c1","name":"Ann","phone_type":"fax","phone":""}
{"contact_id":"c2","name":"Bo","phone_type":"fax","phone":null}
{"contact_id":"c3","name":"Cyrillus Maximus","phone_type":"home","phone":"+3"}
{"contact_id":null,"name":"Nul","phone_type":"home","phone":"+4"}
{"contact_id":null,"name":"Nul2","phone_type":"home","phone":"+5"}
{"contact_id":"c4","name":"Di","phone_type":"home","phone":"+6"}
{"contact_id":"c4","phone_type":"home","phone":{"not":"text"}}
{"contact_id":"c1","name":"Ann","phone_type":"other","phone":"+7"}
`
	for _, w := range []int{1, 2} {
		st, out, rej, err := runGroupJSONL(t, p, in, RunOptions{Workers: w, BatchSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		want := `{"id":"c1","name":"Ann","phone_numbers":[{"number":"+1","type":"work"},{"number":"+2","type":"mobile"}]}
{"id":"c2","name":"Bo","phone_numbers":[]}
`
		if out != want {
			t.Errorf("workers %d: out:\n%s\nwant:\n%s", w, out, want)
		}
		ts := st.Targets[0]
		if st.Records != 7 || ts.Read != 7 || ts.Written != 2 || ts.Rejected != 5 {
			t.Errorf("workers %d: records %d, stats %+v", w, st.Records, ts)
		}
		for _, frag := range []string{
			`"row":5,"line":5,"target":"contact","errors":[{"rule":"name","target":"name","kind":"truncation"`,
			`"row":6,"line":6,"target":"contact","errors":[{"rule":"id","target":"id","kind":"null_into_required"`,
			`"row":7,"line":7,`,
			`"row":8,"line":8,"target":"contact","errors":[{"rule":"phone_numbers","target":"phone_numbers","kind":"coercion_failure","reason":"row 2 of the group: `,
			`"row":10,"line":10,"target":"contact","errors":[{"kind":"malformed_row","reason":"group_by contact_id: the key \"c1\" of row 10 came before, at row 1, and its group ended`,
		} {
			if !strings.Contains(rej, frag) {
				t.Errorf("workers %d: rejects lack %s:\n%s", w, frag, rej)
			}
		}
	}
}

// TestGroupByBound: a group longer than the bound stops the run with an
// error naming the key and the bound.
func TestGroupByBound(t *testing.T) {
	p := groupFixture(t, groupedMapping)
	var b strings.Builder
	for range 5 {
		b.WriteString(`{"contact_id":"big","phone":"+1","phone_type":"x"}` + "\n")
	}
	_, _, _, err := runGroupJSONL(t, p, b.String(), RunOptions{Workers: 1, MaxGroupRows: 3})
	if err == nil || !strings.Contains(err.Error(), `group_by contact_id: the group "big" starting at row 1 has more than 3 rows`) {
		t.Fatalf("err = %v", err)
	}
}

// TestGroupByTargetReader: check sees one record per group, with the
// further rows under GroupField, and the Program builds the same document.
func TestGroupByTargetReader(t *testing.T) {
	p := groupFixture(t, groupedMapping)
	in := `{"contact_id":"c1","name":"Ann","phone_type":"a","phone":"+1"}
{"contact_id":"c1","name":"Ann","phone_type":"b","phone":"+2"}
{"contact_id":"c2","name":"Bo","phone_type":"c","phone":"+3"}
`
	r, _ := value.NewReader(strings.NewReader(in), "in.jsonl", "jsonl")
	tr := p.TargetReader(0, r)
	var docs []string
	for {
		rec, err := tr.Read()
		if err != nil {
			break
		}
		res := p.Targets()[0].Program.NewExec().Apply(rec)
		var w bytes.Buffer
		jw, _ := value.NewWriter(&w, "jsonl", p.Targets()[0].Program.TargetKeys())
		_ = jw.Write(res.Out)
		_ = jw.Close()
		docs = append(docs, strings.TrimSpace(w.String()))
	}
	want := []string{
		`{"id":"c1","name":"Ann","phone_numbers":[{"number":"+1","type":"a"},{"number":"+2","type":"b"}]}`,
		`{"id":"c2","name":"Bo","phone_numbers":[{"number":"+3","type":"c"}]}`,
	}
	if strings.Join(docs, "\n") != strings.Join(want, "\n") {
		t.Errorf("docs:\n%s", strings.Join(docs, "\n"))
	}
}

// TestGroupByProperty: random sorted rows (groups of 1 to 6 rows, phones
// null, empty or set) through the grouped plan with 1 and 2 workers and
// small batches: one document per group, read = written + rejected, and
// every non-blank phone lands in its own group's document once, in order.
func TestGroupByProperty(t *testing.T) {
	p := groupFixture(t, groupedMapping)
	rng := rand.New(rand.NewPCG(12, 4))
	for iter := range 40 {
		var in strings.Builder
		var want []string
		groups := 1 + rng.IntN(30)
		for g := range groups {
			var phones []string
			for r := range 1 + rng.IntN(6) {
				phone := "null"
				switch rng.IntN(3) {
				case 0:
					phone = `""`
				case 1:
					n := fmt.Sprintf("+%d.%d", g, r)
					phones = append(phones, fmt.Sprintf(`{"number":%q,"type":"t"}`, n))
					phone = strconv.Quote(n)
				}
				fmt.Fprintf(&in, `{"contact_id":"k%03d","name":"n","phone_type":"T","phone":%s}`+"\n", g, phone)
			}
			want = append(want, fmt.Sprintf(`{"id":"k%03d","name":"n","phone_numbers":[%s]}`, g, strings.Join(phones, ",")))
		}
		for _, w := range []int{1, 2} {
			st, out, rej, err := runGroupJSONL(t, p, in.String(), RunOptions{Workers: w, BatchSize: 1 + iter%4})
			if err != nil {
				t.Fatal(err)
			}
			ts := st.Targets[0]
			if ts.Read != int64(groups) || ts.Read != ts.Written+ts.Rejected || rej != "" {
				t.Fatalf("iter %d workers %d: groups %d, stats %+v, rejects %s", iter, w, groups, ts, rej)
			}
			if got := strings.TrimSpace(out); got != strings.Join(want, "\n") {
				t.Fatalf("iter %d workers %d:\n%s\nwant:\n%s", iter, w, got, strings.Join(want, "\n"))
			}
		}
	}
}
