package suggest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
)

const truthCSV = `pair,source_path,target_path,kind,confidence,alternates
P9,zip,MailingPostalCode,1:1,H,
P9,city,BillingCity,1:1,H,ShippingCity|OtherCity
P9,name,FirstName+LastName,1:n,M,
P9,line1+line2,Street,n:1,M,
P9,id,,abstain,H,
P9,,HomePhone,abstain,H,
P8,x,y,1:1,H,
`

func TestParseTruth(t *testing.T) {
	rows, err := ParseTruth("t.csv", []byte(truthCSV), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || len(FilterPair(rows, "P9")) != 6 {
		t.Fatalf("got %d rows", len(rows))
	}
	r := rows[2]
	if strings.Join(r.Targets, ",") != "FirstName,LastName" || r.Kind != "1:n" || r.Line != 4 {
		t.Errorf("row 3 = %+v", r)
	}
	if got := rows[1].Alternates; len(got) != 2 || got[1] != "OtherCity" {
		t.Errorf("alternates = %q", got)
	}
	if !rows[4].Abstain() || !rows[5].Abstain() || rows[0].Abstain() {
		t.Error("abstain rows misread")
	}
}

func TestParseTruthErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pair,source_path,kind\nP1,a,1:1\n", `t.csv:1: header lacks column "target_path"`},
		{"pair,source_path,target_path,kind\nP1,,,abstain\n", "t.csv:2: row has neither"},
		{"pair,source_path,target_path,kind\nP1,\"a,b,1:1\n", "t.csv:"},
	}
	for _, tt := range tests {
		_, err := ParseTruth("t.csv", []byte(tt.in), 0)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseTruth(%q) error %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestLoadTruthMarkdown(t *testing.T) {
	dir := t.TempDir()
	md := "# GT\n\ntext\n\n```csv\n" + truthCSV + "```\n"
	p := filepath.Join(dir, "gt.md")
	if err := os.WriteFile(p, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := LoadTruth(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || rows[0].Line != 7 {
		t.Errorf("got %d rows, first at line %d; want 7 rows, first at line 7", len(rows), rows[0].Line)
	}
	if err := os.WriteFile(p, []byte("# no block\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadTruth(p); err == nil || !strings.Contains(err.Error(), "no ```csv block") {
		t.Errorf("want a no-block error, got %v", err)
	}
}

func TestEvaluate(t *testing.T) {
	truth, err := ParseTruth("t.csv", []byte(truthCSV), 0)
	if err != nil {
		t.Fatal(err)
	}
	truth = FilterPair(truth, "P9")
	props := []Proposal{
		{Sources: []string{"zip"}, Targets: []string{"MailingPostalCode"}},      // TP
		{Sources: []string{"city"}, Targets: []string{"ShippingCity"}},          // TP via alternate
		{Sources: []string{"name"}, Targets: []string{"FirstName", "LastName"}}, // 2 TP
		{Sources: []string{"line1"}, Targets: []string{"Street"}},               // TP; line2 missed
		{Sources: []string{"phone"}, Targets: []string{"HomePhone"}},            // FP + decoy
		{Sources: []string{"raw_data"}, Targets: []string{"raw_data"}},          // not scored
	}
	sc := Evaluate(props, truth)
	if sc.TP != 5 || sc.FP != 1 || sc.FN != 1 || sc.Decoys != 1 {
		t.Fatalf("score %+v, want TP 5 FP 1 FN 1 decoys 1", sc)
	}
	if sc.AbstentionAccuracy != 0.5 {
		t.Errorf("abstention accuracy %.2f, want 0.5", sc.AbstentionAccuracy)
	}
	if p := 5.0 / 6; sc.Precision != p || sc.Recall != p || sc.F1 < p-1e-9 || sc.F1 > p+1e-9 {
		t.Errorf("P %.3f R %.3f F1 %.3f, want %.3f each", sc.Precision, sc.Recall, sc.F1, p)
	}
	if empty := Evaluate(nil, truth); empty.F1 != 0 || empty.FN != 6 || empty.AbstentionAccuracy != 1 {
		t.Errorf("no proposals: %+v", empty)
	}
}

func TestMerge(t *testing.T) {
	m := &mapping.Mapping{
		IgnoreSource: []string{"secret"},
		Rules: []*mapping.Rule{
			{Target: "Email", From: []string{"mail"}, Status: mapping.StatusAccepted},
			{Target: "Phone", From: []string{"tel"}, Status: mapping.StatusRejected},
			{Target: "City", From: []string{"town"}, Status: mapping.StatusSuggested, Confidence: 0.4},
			{Target: "Stale", From: []string{"old"}, Status: mapping.StatusSuggested},
			{Target: "Manual", From: []string{"x"}},
		},
	}
	props := []Proposal{
		{Targets: []string{"Email"}, Sources: []string{"email"}, Confidence: 0.9}, // accepted: kept
		{Targets: []string{"Phone"}, Sources: []string{"tel"}, Confidence: 0.9},   // rejected before
		{Targets: []string{"City"}, Sources: []string{"city"}, Confidence: 0.8},   // replaces stale suggestion
		{Targets: []string{"Zip"}, Sources: []string{"zip"}, Confidence: 0.7},     // new
		{Targets: []string{"Note"}, Sources: []string{"secret"}, Confidence: 0.7}, // ignored source
		{Targets: []string{"Manual"}, Sources: []string{"y"}, Confidence: 0.7},    // active rule without status
		{Targets: []string{"First", "Last"}, Sources: []string{"name"}, Exprs: []string{"first_name(name)", "last_name(name)"}, Confidence: 0.7},
	}
	added := Merge(m, props)
	if added != 4 {
		t.Errorf("added %d, want 4 (City, Zip, First, Last)", added)
	}
	var got []string
	for _, r := range m.Rules {
		got = append(got, r.Target+"<-"+strings.Join(r.From, "+")+":"+r.Status+":"+r.Expr)
	}
	want := []string{
		"Email<-mail:accepted:", "Phone<-tel:rejected:", "City<-city:suggested:", "Manual<-x::",
		"Zip<-zip:suggested:", "First<-name:suggested:first_name(name)", "Last<-name:suggested:last_name(name)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rules after merge:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
