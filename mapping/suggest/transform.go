package suggest

import (
	"fmt"
	"strings"
)

// transform proposes an expression for a 1:1 pair when a plain cast would
// be wrong: negation for opposite booleans, a cross-walk lookup for ids of
// another system, a lookup for code fields whose values differ, cents to
// units, a date layout change.
func (m *matcher) transform(a, b *fieldProf, c cand) (string, Reason) {
	x := a.operand()
	switch {
	case c.antonym && a.class == clBool && b.class == clBool:
		return "!" + x, Reason{Signal: "transform", Detail: "opposite meanings: negate", Contribution: 0}
	case a.ref && b.ref && !a.ownKey && !b.ownKey:
		name := lowerWords(b)
		return fmt.Sprintf("lookup(%q, %s)", name, x), Reason{Signal: "transform", Detail: "cross-walk: an id of one system is not an id of the other", Contribution: 0}
	case !a.ref && !a.ownKey && b.ref && !b.ownKey:
		return fmt.Sprintf("lookup(%q, %s)", lowerWords(b), x), Reason{Signal: "transform", Detail: "resolve the value to the referenced record's id", Contribution: 0}
	case len(a.f.EnumValues) > 0 && len(b.f.EnumValues) > 0 && jaccardFold(a.f.EnumValues, b.f.EnumValues) < 1:
		return fmt.Sprintf("lookup(%q, %s)", lowerWords(b), x), Reason{Signal: "transform", Detail: "code values differ: translate with a lookup table", Contribution: 0}
	case a.epoch != "" && b.epoch == "" && b.class == clTemporal:
		fn := "parse_datetime"
		if b.f.Type == "date" {
			fn = "parse_date"
		}
		return fmt.Sprintf("%s(%s, %q)", fn, x, a.epoch), Reason{Signal: "transform", Detail: "unit: Unix time (" + a.epoch + ") -> timestamp", Contribution: 0}
	case isMinorUnits(a) && !isMinorUnits(b) && (b.class == clNumber || b.class == clText && b.has("amount")):
		return "to_decimal(" + x + ") / 100", Reason{Signal: "transform", Detail: "unit: minor units (cents) -> currency units", Contribution: 0}
	case a.sample != nil && a.sample.layout != "" && a.sample.layout != "ISO" && (b.class == clTemporal || b.sample != nil && b.sample.layout == "ISO"):
		return fmt.Sprintf("format_date(parse_date(%s, %q), \"ISO\")", x, a.sample.layout), Reason{Signal: "transform", Detail: "date layout " + a.sample.layout + " -> ISO", Contribution: 0}
	}
	return "", Reason{}
}

// isMinorUnits: the field says it holds amounts in cents or the smallest
// currency unit.
func isMinorUnits(p *fieldProf) bool {
	for _, t := range p.toks {
		switch t.concept {
		case "cents", "cent", "pennies", "minor":
			return true
		}
	}
	d := strings.ToLower(p.f.Description)
	return strings.Contains(d, "in cents") || strings.Contains(d, "smallest currency unit") || strings.Contains(d, "minor unit")
}
