package check

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// meaning: D29 unit_mismatch, D30 currency_dropped, D32 polarity,
// D33 name_semantics, D37 sensitive_data, D26 code_system (roles.go).
func meaning(c *ctx) []Finding {
	return c.eachTargeted(func(ri *ruleInfo) []Finding {
		own := slices.Concat(c.whatSemantics(ri), c.codeSystem(ri))
		s := ri.subject()
		if s == nil {
			return own
		}
		return slices.Concat(own, c.nameSemantics(ri, s), polarity(ri, s), units(ri, s), c.currencyDropped(ri, s), sensitive(ri, s))
	})
}

func (c *ctx) nameSemantics(ri *ruleInfo, s *schema.Field) []Finding {
	sr := rolesOf(leafTokens(s.Path))
	// The parent object's name carries the role too: shippingAddress.city.
	for g, r := range rolesOf(tokens(strings.ReplaceAll(s.Path, "[]", ""))) {
		if _, ok := sr[g]; !ok {
			sr[g] = r
		}
	}
	tr := rolesOf(tokens(ri.tf.Path))
	var groups []string
	for g := range sr {
		if _, ok := tr[g]; ok && sr[g][0] != tr[g][0] {
			groups = append(groups, g)
		}
	}
	sort.Strings(groups)
	var out []Finding
	for _, g := range groups {
		a, b := sr[g], tr[g]
		f := ri.finding(kind.NameSemantics, diag.Error, "D33",
			fmt.Sprintf("%s plays the %s role but %s the %s role (%s)", s.Path, a[0], ri.tf.Path, b[0], g),
			fmt.Sprintf("source token %q -> role %s", a[1], a[0]), fmt.Sprintf("target token %q -> role %s", b[1], b[0]))
		if alt := c.unreadWithRole(g, b[0]); alt != "" {
			f.Message += "; unmapped " + alt + " plays the " + b[0] + " role"
		}
		out = append(out, f)
	}
	return out
}

// unreadWithRole finds a source field no rule reads whose name plays role.
func (c *ctx) unreadWithRole(group, role string) string {
	if c.src == nil {
		return ""
	}
	read := c.readPaths()
	for _, f := range valueFields(c.src) {
		if read[f.Path] {
			continue
		}
		if r, ok := rolesOf(leafTokens(f.Path))[group]; ok && r[0] == role {
			return f.Path
		}
	}
	return ""
}

func polarity(ri *ruleInfo, s *schema.Field) []Finding {
	if s.Type != schema.Boolean && ri.tf.Type != schema.Boolean {
		return nil
	}
	sp, st, sg := polarityOf(leafTokens(s.Path))
	tp, tt, tg := polarityOf(tokens(ri.tf.Path))
	if sp == 0 || tp == 0 || sg != tg {
		return nil
	}
	why := []string{fmt.Sprintf("source token %q, target token %q", st, tt)}
	switch {
	case sp != tp && !ri.x.negated:
		return []Finding{ri.finding(kind.Polarity, diag.Error, "D32",
			fmt.Sprintf("%s and %s mean opposite things and the rule does not negate: every row is inverted", s.Path, ri.tf.Path), append(why, "no negation in the rule")...)}
	case sp == tp && ri.x.negated:
		return []Finding{ri.finding(kind.Polarity, diag.Warn, "D32",
			fmt.Sprintf("%s and %s mean the same thing but the rule negates", s.Path, ri.tf.Path), append(why, "negation in: "+ri.r.Expr)...)}
	}
	return nil
}

// unitOf reads the unit a numeric field is expressed in, with the reason.
func unitOf(f *schema.Field) (string, string) {
	toks := tokens(f.Path)
	d := strings.ToLower(f.Description)
	fm := strings.ToLower(f.Format)
	switch {
	case fm == "unix-time" || fm == "unix_time" || fm == "epoch":
		return "epoch-s", "format " + f.Format
	case hasTok(toks, "ms", "millis", "milliseconds", "msec") != "":
		if isTemporal(effType(f)) {
			return "", ""
		}
		return "epoch-ms", "name token " + hasTok(toks, "ms", "millis", "milliseconds", "msec")
	case hasTok(toks, "cents", "minor", "pence", "kobo") != "":
		return "minor", "name token " + hasTok(toks, "cents", "minor", "pence", "kobo")
	case strings.Contains(d, "smallest currency unit") || strings.Contains(d, "in cents"):
		return "minor", "description says smallest currency unit"
	case hasTok(toks, "percent", "pct", "percentage") != "":
		return "percent", "name token " + hasTok(toks, "percent", "pct", "percentage")
	case f.Max != nil && *f.Max == 100 && f.Min != nil && *f.Min == 0:
		return "percent", "range 0..100"
	case f.Max != nil && *f.Max == 1 && f.Min != nil && *f.Min == 0:
		return "fraction", "range 0..1"
	case hasTok(toks, "fraction", "ratio") != "":
		return "fraction", "name token " + hasTok(toks, "fraction", "ratio")
	}
	if isMoneyName(toks) != "" {
		switch f.Type {
		case schema.Integer:
			return "minor?", "integer money (" + isMoneyName(toks) + ")"
		case schema.Decimal, schema.Float:
			if f.Scale == nil || *f.Scale > 0 {
				return "major", string(f.Type) + " money (" + isMoneyName(toks) + ")"
			}
		default:
		}
	}
	if hasTok(toks, "discount") != "" && (f.Type == schema.Float || f.Type == schema.Decimal) && isMoneyName(toks) == "" {
		return "fraction?", "discount without amount: a rate (Northwind discount is 0..1)"
	}
	return "", ""
}

func units(ri *ruleInfo, s *schema.Field) []Finding {
	if ri.x.scale != "" {
		return nil // the rule converts explicitly
	}
	su, sw := unitOf(s)
	tu, tw := unitOf(ri.tf)
	tt := effType(ri.tf)
	msg := ""
	sev := diag.Warn
	switch {
	case strings.HasPrefix(su, "minor") && strings.HasPrefix(tu, "major"):
		msg = fmt.Sprintf("%s is in minor units (cents), %s in currency units: values are 100x too large without / 100", s.Path, ri.tf.Path)
		if su == "minor" {
			sev = diag.Error
		}
	case strings.HasPrefix(su, "major") && strings.HasPrefix(tu, "minor"):
		msg = fmt.Sprintf("%s is in currency units, %s in minor units: values are 100x too small without * 100", s.Path, ri.tf.Path)
		if tu == "minor" {
			sev = diag.Error
		}
	case su == "epoch-s" && tu == "epoch-ms", su == "epoch-ms" && tu == "epoch-s":
		msg = fmt.Sprintf("%s and %s count time in different units (seconds vs milliseconds): 1000x off", s.Path, ri.tf.Path)
		sev = diag.Error
	case (su == "epoch-s" || su == "epoch-ms") && isTemporal(tt) && ri.x.plain:
		msg = fmt.Sprintf("%s is a number of %s since 1970; a plain cast into %s must know the unit (use from_unix%s)", s.Path, map[string]string{"epoch-s": "seconds", "epoch-ms": "milliseconds"}[su], ri.tf.Path, map[string]string{"epoch-s": "", "epoch-ms": "_ms"}[su])
		tw = "target " + string(tt)
	case su == "percent" && strings.HasPrefix(tu, "fraction"), strings.HasPrefix(su, "fraction") && tu == "percent":
		msg = fmt.Sprintf("%s is a %s, %s a %s: 100x off", s.Path, strings.TrimSuffix(su, "?"), ri.tf.Path, strings.TrimSuffix(tu, "?"))
	case (su == "major" || su == "minor" || su == "minor?") && strings.HasPrefix(tu, "fraction"):
		msg = fmt.Sprintf("%s is an amount of money, %s a rate: an amount cannot be copied into a fraction", s.Path, ri.tf.Path)
		sev = diag.Error
	}
	if msg == "" {
		return nil
	}
	return []Finding{ri.finding(kind.UnitMismatch, sev, "D29", msg, "source: "+sw, "target: "+tw)}
}

// currencySibling returns the currency field beside amount s ("" if none).
func currencySibling(c *ctx, s *schema.Field) string {
	parent := ""
	if i := strings.LastIndexByte(s.Path, '.'); i >= 0 {
		parent = s.Path[:i]
	}
	top := ""
	for _, f := range c.src.Flatten() {
		if !currencyNames[fold(f.Name)] {
			continue
		}
		switch fp := parentOf(f.Path); {
		case fp == parent:
			return f.Path
		case fp == "" && top == "":
			top = f.Path
		}
	}
	return top
}

var currencyNames = map[string]bool{"currency": true, "currencycode": true, "currency_code": true, "curr": true, "ccy": true, "isocurrency": true, "currencyisocode": true}

func (c *ctx) currencyDropped(ri *ruleInfo, s *schema.Field) []Finding {
	if c.src == nil || isMoneyName(leafTokens(s.Path)) == "" {
		return nil
	}
	// Currency fields beside the amount, or one level up (Stripe invoice.currency).
	var sibs []string
	parent := ""
	if i := strings.LastIndexByte(s.Path, '.'); i >= 0 {
		parent = s.Path[:i]
	}
	for _, f := range c.src.Flatten() {
		fp := ""
		if i := strings.LastIndexByte(f.Path, '.'); i >= 0 {
			fp = f.Path[:i]
		}
		if currencyNames[fold(f.Name)] && (fp == parent || fp == "") {
			sibs = append(sibs, f.Path)
		}
	}
	if len(sibs) == 0 {
		return nil
	}
	read := c.readPaths()
	for _, p := range sibs {
		if read[p] {
			return nil
		}
	}
	return []Finding{ri.finding(kind.CurrencyDropped, diag.Error, "D30",
		fmt.Sprintf("amount %s is mapped but its currency (%s) is not: amounts in different currencies become one number", s.Path, strings.Join(sibs, ", ")),
		"currency field beside the amount: "+sibs[0], "no rule reads it")}
}

func sensitive(ri *ruleInfo, s *schema.Field) []Finding {
	tok := isSensitiveName(leafTokens(s.Path))
	why := ""
	if tok != "" {
		why = "name token " + tok
	} else if d := strings.ToLower(s.Description); strings.Contains(d, "sensitive") || strings.Contains(d, "personal data") || strings.Contains(d, "pii") {
		why = "description marks it sensitive"
	} else if strings.EqualFold(s.Format, "password") {
		why = "format password"
	}
	if why == "" {
		return nil
	}
	tt := tokens(ri.tf.Path)
	if hasTok(tt, sensitiveMarks...) != "" || isSensitiveName(tt) != "" {
		return nil
	}
	d := strings.ToLower(ri.tf.Description)
	for _, m := range sensitiveMarks {
		if strings.Contains(d, m) {
			return nil
		}
	}
	return []Finding{ri.finding(kind.SensitiveData, diag.Warn, "D37",
		fmt.Sprintf("personal data %s flows into %s, which is not marked for it", s.Path, ri.tf.Path), "source: "+why, "target has no sensitive/PII marker")}
}

// drift: D38, a schema whose fingerprint no longer matches the mapping.
func drift(c *ctx) []Finding {
	if c.m == nil {
		return nil
	}
	var out []Finding
	for _, side := range []struct {
		name string
		ref  string
		fp   string
		s    *schema.Schema
	}{{"source", c.m.Source.Schema, c.m.Source.Fingerprint, c.src}, {"target", c.m.Target.Schema, c.m.Target.Fingerprint, c.dst}} {
		if side.s == nil || side.fp == "" {
			continue
		}
		if now := side.s.Fingerprint(); now != side.fp {
			out = append(out, Finding{Kind: kind.Drift, Severity: diag.Error, Detector: "D38", Source: []string{},
				Target:  side.ref,
				Message: fmt.Sprintf("the %s schema %s changed since the mapping was saved; run seam diff against the old version", side.name, side.ref),
				Why:     []string{"mapping fingerprint " + side.fp, "schema fingerprint " + now}})
		}
	}
	return out
}
