package suggest

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// columns builds sample rows from named columns of values (cycled).
func columns(n int, cols map[string][]string) []*value.Record {
	var keys []string
	for k := range cols {
		keys = append(keys, k)
	}
	var rows []*value.Record
	for i := range n {
		r := value.NewRecord(keys)
		for k, name := range keys {
			vs := cols[name]
			if len(vs) == 0 {
				r.Vals[k] = value.NullV()
				continue
			}
			r.Vals[k] = value.Str(vs[i%len(vs)])
		}
		rows = append(rows, r)
	}
	return rows
}

// TestClosestVocabulary: a source field whose values' text is contained
// best by one target field's values gets that field, even when the names
// share nothing and another target's name shares a word; prefixed codes
// (pT1a vs T1a) are read through their trigrams; a target without values
// does not win on its name alone.
func TestClosestVocabulary(t *testing.T) {
	src := mk("study", fld("Histologic_Type", schema.String), fld("Path_Stage_Primary_Tumor_pT", schema.String))
	dst := mk("dictionary",
		fld("primary_diagnosis", schema.String), fld("sample_type", schema.String),
		fld("histologic_progression_type", schema.String), fld("ajcc_pathologic_t", schema.String),
		fld("primary_tumor_stage", schema.String), fld("tumor_grade", schema.String))
	opts := Options{
		SourceSample: columns(40, map[string][]string{
			"Histologic_Type":             {"Clear cell renal cell carcinoma", "Papillary renal cell carcinoma", "Endometrioid adenocarcinoma", "Serous cystadenocarcinoma"},
			"Path_Stage_Primary_Tumor_pT": {"pT1a", "pT1b", "pT2", "pT3a", "pT3b", "pT4"},
		}),
		TargetSample: columns(200, map[string][]string{
			"primary_diagnosis": {"Clear cell renal cell carcinoma", "Papillary renal cell carcinoma, NOS", "Endometrioid adenocarcinoma, NOS",
				"Serous cystadenocarcinoma, NOS", "Squamous cell carcinoma, NOS", "Infiltrating duct carcinoma, NOS", "Hepatocellular carcinoma, NOS"},
			"sample_type":                 {"Primary Tumor", "Solid Tissue Normal", "Blood Derived Normal"},
			"histologic_progression_type": nil,
			"ajcc_pathologic_t":           {"T1", "T1a", "T1b", "T2", "T2a", "T3", "T3a", "T3b", "T4", "TX"},
			"primary_tumor_stage":         {"Stage I", "Stage II", "Stage III", "Stage IV"},
			"tumor_grade":                 {"G1", "G2", "G3", "G4"},
		}),
		MinConfidence: 0.01,
	}
	best := map[string]string{}
	for _, m := range Rank(src, dst, opts) {
		if _, ok := best[m.Source]; !ok {
			best[m.Source] = m.Target
		}
	}
	if best["Histologic_Type"] != "primary_diagnosis" {
		t.Errorf("Histologic_Type ranked first with %q, want primary_diagnosis (its values' vocabulary)", best["Histologic_Type"])
	}
	if best["Path_Stage_Primary_Tumor_pT"] != "ajcc_pathologic_t" {
		t.Errorf("Path_Stage_Primary_Tumor_pT ranked first with %q, want ajcc_pathologic_t (pT1a ~ T1a)", best["Path_Stage_Primary_Tumor_pT"])
	}
	var why string
	for _, p := range Suggest(src, dst, opts) {
		if p.Targets[0] == "primary_diagnosis" {
			why = strings.Join(p.Why(), "; ")
		}
	}
	if !strings.Contains(why, "closest vocabulary") {
		t.Errorf("primary_diagnosis: the explanation does not name the closest vocabulary: %q", why)
	}
}

// TestUninformativeSamples: sample values drawn from one pool of words
// for every text field (no field's vocabulary is its own) must not make
// the matcher worse than names alone: no "closest vocabulary" among
// look-alikes, and no proposals on shared pool words alone.
func TestUninformativeSamples(t *testing.T) {
	src, dst, st, dt := syntheticPairTruth(300, 3)
	right := func(opts Options) (int, int) {
		props := Suggest(src, dst, opts)
		n := 0
		for _, p := range props {
			if st[p.Sources[0]] == dt[p.Targets[0]] {
				n++
			}
		}
		return n, len(props)
	}
	names, np := right(Options{})
	samples, sp := right(Options{SourceSample: syntheticRows(src, 2000, 8), TargetSample: syntheticRows(dst, 2000, 9)})
	t.Logf("names only: %d of %d proposals right; with samples: %d of %d", names, np, samples, sp)
	if samples < names {
		t.Errorf("uninformative samples lowered the right proposals from %d to %d", names, samples)
	}
	if samples*10 < sp*8 {
		t.Errorf("with uninformative samples %d of %d proposals are right: want 80%%", samples, sp)
	}
}

// TestSameDeclarationAccepts: a table mapped onto a copy of itself (same
// names, same declared types) gets every field at 0.8 or more, the
// Mapper's A threshold (it was 0.78: name 0.7 + compatible 0.08).
func TestSameDeclarationAccepts(t *testing.T) {
	s := mk("t", fld("region", schema.String, func(f *schema.Field) { n := 40; f.MaxLength = &n }),
		fld("opened", schema.Date), fld("active", schema.Boolean), fld("account", schema.Integer))
	props := Suggest(s, s, Options{})
	if len(props) != 4 {
		t.Fatalf("%d proposals, want 4", len(props))
	}
	for _, p := range props {
		if p.Confidence < 0.8 {
			t.Errorf("%v <- %v at %.2f, want >= 0.8: %v", p.Targets, p.Sources, p.Confidence, p.Why())
		}
	}
}
