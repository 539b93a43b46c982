package check

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// TestIgnoreTarget: a required target field left unmapped on purpose
// (ignore_target, an object covering its children) is no unmapped_required
// finding, counts as covered, and the reports list it.
func TestIgnoreTarget(t *testing.T) {
	src := S("s", F("id", schema.Integer))
	dst := S("d", F("id", schema.Integer, req), F("fax", schema.String, req), F("legacy", schema.Object, req), F("legacy.code", schema.String, req), F("tax", schema.String, req))
	m := M(R("id", "", "id"))
	var before []string
	for _, f := range Static(m, src, dst) {
		if f.Kind == kind.UnmappedRequired {
			before = append(before, f.Target)
		}
	}
	if !reflect.DeepEqual(before, []string{"fax", "legacy", "legacy.code", "tax"}) {
		t.Fatalf("unmapped_required before: %v", before)
	}
	m.IgnoreTarget = []string{"fax", "legacy"}
	for _, f := range Static(m, src, dst) {
		if f.Kind == kind.UnmappedRequired && f.Target != "tax" {
			t.Errorf("ignored target reported: %+v", f)
		}
	}
	cv := CoverageOf(m, src, dst)
	if !reflect.DeepEqual(cv.RequiredUnmapped, []string{"tax"}) || !reflect.DeepEqual(cv.Ignored, []string{"fax", "legacy.code"}) ||
		!reflect.DeepEqual(cv.Required, []string{"id", "tax"}) || cv.Mapped != 1 || cv.TargetFields != 4 {
		t.Fatalf("coverage %+v", cv)
	}
	r := NewReport("m.seam.yaml", m, src, dst, nil)
	var text bytes.Buffer
	if err := Write(&text, r, "text"); err != nil {
		t.Fatal(err)
	}
	if tx := strings.Join(strings.Fields(text.String()), " "); !strings.Contains(tx, "coverage: 1 of 4 target fields mapped, 2 unmapped on purpose (fax, legacy.code); required unmapped: tax") {
		t.Errorf("text report:\n%s", text.String())
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"ignored":["fax","legacy.code"]`) {
		t.Errorf("JSON report: %s", b)
	}
}

// TestIgnoreTargetPerTarget: with several targets each target's own
// ignore_target holds in that target only; the mapping's in every one.
func TestIgnoreTargetPerTarget(t *testing.T) {
	src := S("s", F("id", schema.Integer))
	dst := S("d", F("id", schema.Integer, req), F("fax", schema.String, req), F("tax", schema.String, req))
	m := M(R("id", "", "id"))
	m.TargetName = "first"
	m.OwnIgnoreTarget = []string{"tax"}
	m.IgnoreTarget = []string{"nowhere"}
	m.Extra = []*mapping.Target{{Name: "second", Rules: []*mapping.Rule{R("id", "", "id")}, IgnoreTarget: []string{"fax"}}}
	var got []string
	for _, v := range m.Targets() {
		var un []string
		for _, f := range Static(v, src, dst) {
			if f.Kind == kind.UnmappedRequired {
				un = append(un, f.Target)
			}
		}
		got = append(got, v.OutName()+":"+strings.Join(un, ",")+" ignored "+strings.Join(CoverageOf(v, src, dst).Ignored, ","))
	}
	if want := []string{"first:fax ignored tax", "second:tax ignored fax"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unmapped_required per target:\n got %q\nwant %q", got, want)
	}
}
