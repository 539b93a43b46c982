package suggest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// fld builds a field; path segments separated by dots.
func fld(path string, t schema.Type, opts ...func(*schema.Field)) *schema.Field {
	name := path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		name = path[i+1:]
	}
	f := &schema.Field{Path: path, Name: name, Type: t}
	for _, o := range opts {
		o(f)
	}
	return f
}

func pk(f *schema.Field) { f.PrimaryKey = true }
func enum(vs ...string) func(*schema.Field) {
	return func(f *schema.Field) { f.Type = schema.Enum; f.EnumValues = vs }
}
func desc(d string) func(*schema.Field) { return func(f *schema.Field) { f.Description = d } }

// mk builds a schema, nesting fields under their parents by path.
func mk(name string, fs ...*schema.Field) *schema.Schema {
	s := &schema.Schema{Name: name}
	byPath := map[string]*schema.Field{}
	var attach func(f *schema.Field)
	attach = func(f *schema.Field) {
		byPath[f.Path] = f
		i := strings.LastIndexByte(f.Path, '.')
		if i < 0 {
			s.Fields = append(s.Fields, f)
			return
		}
		parent := byPath[f.Path[:i]]
		if parent == nil {
			parent = fld(f.Path[:i], schema.Object)
			attach(parent)
		}
		parent.Children = append(parent.Children, f)
	}
	for _, f := range fs {
		attach(f)
	}
	return s
}

func byTarget(props []Proposal) map[string]Proposal {
	out := map[string]Proposal{}
	for _, p := range props {
		for _, t := range p.Targets {
			out[t] = p
		}
	}
	return out
}

func crmFixture() (*schema.Schema, *schema.Schema, Options) {
	src := mk("customers",
		fld("customer_id", schema.Integer, pk),
		fld("full_name", schema.String),
		fld("email_addr", schema.String),
		fld("tel", schema.String),
		fld("zip_code", schema.String),
		fld("created_ts", schema.Timestamp),
		fld("is_active", schema.Boolean),
		fld("addr_line1", schema.String),
		fld("addr_line2", schema.String),
		fld("city", schema.String),
		fld("amount_cents", schema.Integer),
		fld("signup_dt", schema.String),
		fld("status_code", schema.String, enum("A", "I")),
		fld("internal_score", schema.Float),
	)
	dst := mk("Contact",
		fld("Id", schema.String, pk),
		fld("FirstName", schema.String),
		fld("LastName", schema.String),
		fld("Email", schema.String),
		fld("Phone", schema.String),
		fld("HomePhone", schema.String),
		fld("MailingPostalCode", schema.String),
		fld("MailingStreet", schema.String),
		fld("MailingCity", schema.String),
		fld("CreatedDate", schema.TimestampTZ),
		fld("IsDeleted", schema.Boolean),
		fld("Amount", schema.Decimal),
		fld("SignupDate", schema.Date),
		fld("Status", schema.String, enum("Active", "Inactive")),
		fld("LeadSource", schema.String),
	)
	rows := []*value.Record{}
	for _, d := range []string{"03/07/2024", "12/31/2023", "1/2/2024"} {
		r := value.NewRecord([]string{"signup_dt"})
		r.Vals[0] = value.Str(d)
		rows = append(rows, r)
	}
	return src, dst, Options{SourceSample: rows}
}

func TestSuggestCRM(t *testing.T) {
	src, dst, opts := crmFixture()
	props := Suggest(src, dst, opts)
	got := byTarget(props)
	want := []struct {
		target, sources, expr string
	}{
		{"FirstName", "full_name", "first_name(full_name)"},
		{"LastName", "full_name", "last_name(full_name)"},
		{"Email", "email_addr", ""},
		{"Phone", "tel", ""},
		{"MailingPostalCode", "zip_code", ""},
		{"MailingStreet", "addr_line1+addr_line2", `concat(addr_line1, ", ", addr_line2)`},
		{"MailingCity", "city", ""},
		{"CreatedDate", "created_ts", ""},
		{"IsDeleted", "is_active", "!is_active"},
		{"Amount", "amount_cents", "to_decimal(amount_cents) / 100"},
		{"SignupDate", "signup_dt", `format_date(parse_date(signup_dt, "MM/DD/YYYY"), "ISO")`},
		{"Status", "status_code", `lookup("status", status_code)`},
	}
	for _, w := range want {
		p, ok := got[w.target]
		if !ok {
			t.Errorf("%s: no proposal, want <- %s", w.target, w.sources)
			continue
		}
		i := 0
		for k, tg := range p.Targets {
			if tg == w.target {
				i = k
			}
		}
		if s := strings.Join(p.Sources, "+"); s != w.sources || p.ExprFor(i) != w.expr {
			t.Errorf("%s <- %s expr %q, want <- %s expr %q", w.target, s, p.ExprFor(i), w.sources, w.expr)
		}
		if p.Confidence < DefaultMinConfidence || p.Confidence > 1 {
			t.Errorf("%s: confidence %.2f out of range", w.target, p.Confidence)
		}
	}
	for _, absent := range []string{"Id", "HomePhone", "LeadSource"} {
		if p, ok := got[absent]; ok {
			t.Errorf("%s: proposed from %v (%.2f), want abstention", absent, p.Sources, p.Confidence)
		}
	}
	// one source feeds at most one proposal
	seen := map[string]bool{}
	for _, p := range props {
		for _, s := range p.Sources {
			if seen[s] {
				t.Errorf("source %s proposed twice", s)
			}
			seen[s] = true
		}
	}
}

func TestSuggestContextAndDecoys(t *testing.T) {
	tests := []struct {
		name     string
		src, dst *schema.Schema
		want     map[string]string // target -> source
		absent   []string
		decoy    bool
	}{
		{
			name: "parent path picks billing vs shipping",
			src:  mk("order", fld("billing.address.city", schema.String), fld("shipping.address.city", schema.String)),
			dst:  mk("Account", fld("ShippingCity", schema.String), fld("BillingCity", schema.String)),
			want: map[string]string{"BillingCity": "billing.address.city", "ShippingCity": "shipping.address.city"},
		},
		{
			name:   "home phone is a decoy for phone",
			src:    mk("people", fld("phone", schema.String)),
			dst:    mk("Contact", fld("HomePhone", schema.String), fld("Phone", schema.String)),
			want:   map[string]string{"Phone": "phone"},
			absent: []string{"HomePhone"},
		},
		{
			name:   "abstains on the decoy alone",
			src:    mk("people", fld("phone", schema.String)),
			dst:    mk("Contact", fld("HomePhone", schema.String), fld("Name", schema.String)),
			absent: []string{"HomePhone", "Name"},
		},
		{
			name:   "first vs last conflict",
			src:    mk("people", fld("first_name", schema.String)),
			dst:    mk("Contact", fld("LastName", schema.String)),
			absent: []string{"LastName"},
		},
		{
			name:   "created vs updated conflict",
			src:    mk("t", fld("created_at", schema.TimestampTZ)),
			dst:    mk("t2", fld("UpdatedDate", schema.TimestampTZ)),
			absent: []string{"UpdatedDate"},
		},
		{
			name: "one source, one target",
			src:  mk("t", fld("email", schema.String)),
			dst:  mk("t2", fld("Email", schema.String), fld("EmailAddress", schema.String), fld("e_mail", schema.String)),
			want: map[string]string{"Email": "email"},
		},
		{
			name:   "unrelated fields abstain",
			src:    mk("t", fld("colour", schema.String), fld("weight_kg", schema.Float)),
			dst:    mk("t2", fld("Industry", schema.String), fld("Website", schema.String)),
			absent: []string{"Industry", "Website"},
		},
		{
			name:   "own keys of two systems are not mapped",
			src:    mk("users", fld("user_id", schema.Integer, pk)),
			dst:    mk("Contact", fld("Id", schema.String, pk)),
			absent: []string{"Id"},
		},
		{
			name:   "boolean flag into text abstains",
			src:    mk("users", fld("shared_phone_number", schema.Boolean)),
			dst:    mk("Contact", fld("Phone", schema.String)),
			absent: []string{"Phone"},
		},
		{
			name: "first and last joined into a full name",
			src:  mk("people", fld("first_name", schema.String), fld("last_name", schema.String)),
			dst:  mk("contact", fld("full_name", schema.String)),
			want: map[string]string{"full_name": "first_name+last_name"},
		},
		{
			name: "description names the field",
			src:  mk("t", fld("calls_last_logged", schema.TimestampTZ, desc("When a note or call was last logged; shown as Last Touch Date."))),
			dst:  mk("t2", fld("LastTouchDate", schema.TimestampTZ, desc("The date of the last touch.")), fld("SystemModstamp", schema.TimestampTZ, desc("Last modified by the system."))),
			want: map[string]string{"LastTouchDate": "calls_last_logged"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := byTarget(Suggest(tt.src, tt.dst, Options{}))
			for tg, s := range tt.want {
				p, ok := got[tg]
				if !ok || strings.Join(p.Sources, "+") != s {
					t.Errorf("%s <- %v, want %s", tg, p.Sources, s)
				}
			}
			for _, tg := range tt.absent {
				if p, ok := got[tg]; ok {
					t.Errorf("%s proposed from %v (%.2f): %v", tg, p.Sources, p.Confidence, p.Why())
				}
			}
			if len(tt.want) == 0 && len(got) != 0 {
				t.Errorf("want no proposals, got %v", got)
			}
		})
	}
}

func TestDecoyFlaggedInReasons(t *testing.T) {
	src := mk("people", fld("mobile", schema.String))
	dst := mk("Contact", fld("MobilePhone", schema.String), fld("Phone", schema.String), fld("HomePhone", schema.String))
	m := &matcher{opts: Options{MinConfidence: 0.5}, v: &vocab{ids: map[string]int32{}}}
	m.src, m.dst = profileSchema(src, m.v, lex.dict), profileSchema(dst, m.v, lex.dict)
	m.srcDF, m.dstDF = describe(m.src, m.dst, m.v)
	m.rel = buildRelations(m.src, m.dst, m.v)
	c := m.score(m.src[0], m.dst[2], true) // mobile vs HomePhone
	if !c.decoy {
		t.Fatalf("mobile vs HomePhone not flagged as decoy: %+v", c.reasons)
	}
	found := false
	for _, r := range c.reasons {
		if r.Signal == "decoy" && r.Contribution < 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("no negative decoy reason: %+v", c.reasons)
	}
}

func TestWhyToRulesExplain(t *testing.T) {
	src, dst, opts := crmFixture()
	props := Suggest(src, dst, opts)
	rules := ToRules(props)
	if len(rules) < len(props) {
		t.Fatalf("%d rules for %d proposals", len(rules), len(props))
	}
	for _, r := range rules {
		if r.Status != "suggested" || r.Confidence <= 0 || len(r.Why) == 0 || len(r.From) == 0 {
			t.Errorf("rule %+v: want status suggested, confidence, why, from", r)
		}
		for _, w := range r.Why {
			if !strings.Contains(w, ": ") {
				t.Errorf("why line %q lacks 'signal: '", w)
			}
		}
	}
	var buf bytes.Buffer
	Explain(&buf, props)
	out := buf.String()
	for _, want := range []string{"FirstName, LastName <- full_name", "+0.", "name", "expr", "!is_active"} {
		if !strings.Contains(out, want) {
			t.Errorf("Explain output lacks %q:\n%s", want, out)
		}
	}
}

func TestSuggestFromData(t *testing.T) {
	// Opaque names: only the sample values connect the fields.
	src := mk("export", fld("col_a", schema.String), fld("col_b", schema.String))
	dst := mk("import", fld("fld1", schema.String), fld("fld2", schema.String))
	countries := []string{"DE", "FR", "US", "GB", "IT", "ES", "NL", "BE", "AT", "CH", "PL", "SE", "NO", "DK", "FI", "PT", "IE", "CZ", "HU", "GR", "RO", "BG", "HR", "SI", "SK", "LT", "LV", "EE", "LU", "MT", "CY", "IS"}
	mkRows := func(keys []string, cols ...func(i int) string) []*value.Record {
		var rows []*value.Record
		for i := 0; i < 64; i++ {
			r := value.NewRecord(keys)
			for k, c := range cols {
				r.Vals[k] = value.Str(c(i))
			}
			rows = append(rows, r)
		}
		return rows
	}
	opts := Options{
		SourceSample: mkRows([]string{"col_a", "col_b"},
			func(i int) string { return countries[i%len(countries)] },
			func(i int) string { return strings.Repeat("x", i%7) + "@example.com" }),
		TargetSample: mkRows([]string{"fld1", "fld2"},
			func(i int) string { return "user" + string(rune('a'+i%26)) + "@example.org" },
			func(i int) string { return countries[(i*7)%len(countries)] }),
	}
	got := byTarget(Suggest(src, dst, opts))
	if p, ok := got["fld2"]; !ok || p.Sources[0] != "col_a" {
		t.Errorf("fld2 <- %v, want col_a (shared country codes): %v", p.Sources, p.Why())
	}
	if p, ok := got["fld1"]; ok {
		t.Errorf("fld1 <- %v: e-mail shapes alone should not reach the threshold: %v", p.Sources, p.Why())
	}
}

func TestSuggestOddInput(t *testing.T) {
	long := strings.Repeat("customeraddress", 500)
	src := mk("", fld("", schema.String), fld("名前", schema.String), fld(long, schema.String), fld("___", schema.Integer), fld("a.b.c", schema.String))
	dst := mk("x", fld("名前", schema.String), fld(long, schema.String), fld("[]", schema.String))
	_ = Suggest(src, dst, Options{})
	if Suggest(nil, dst, Options{}) != nil || Suggest(src, nil, Options{}) != nil {
		t.Error("nil schema: want no proposals")
	}
	if got := Suggest(mk("a"), mk("b"), Options{}); len(got) != 0 {
		t.Errorf("empty schemas: %v", got)
	}
}

func TestWhyFormat(t *testing.T) {
	p := Proposal{Reasons: []Reason{
		{Signal: "name", Detail: "amount ~ total", Contribution: 0.71},
		{Signal: "decoy", Detail: "amount kind: net vs gross", Contribution: -0.35},
		{Signal: "type", Detail: "string -> string castable", Contribution: 0},
	}}
	got := strings.Join(p.Why(), "\n")
	want := "name: amount ~ total 0.71\ndecoy: amount kind: net vs gross -0.35"
	if got != want {
		t.Errorf("Why() = %q, want %q", got, want)
	}
}
