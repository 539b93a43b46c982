package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// Per-field changes of Diff and the type promotions they are judged by.

// promotes reports whether data of type from can be read as type to.
func promotes(from, to *schema.Field) bool {
	if from.Type == to.Type {
		switch from.Type {
		case schema.Integer:
			return bitsOf(from) <= bitsOf(to)
		case schema.Decimal:
			if from.Scale != nil && to.Scale != nil && *from.Scale > *to.Scale {
				return false
			}
			if from.Precision != nil && to.Precision != nil && from.Scale != nil && to.Scale != nil {
				return *from.Precision-*from.Scale <= *to.Precision-*to.Scale
			}
		default:
		}
		return true
	}
	switch from.Type {
	case schema.Integer:
		return to.Type == schema.Float || to.Type == schema.Decimal || to.Type == schema.String
	case schema.Float:
		return to.Type == schema.String
	case schema.String:
		return to.Type == schema.Binary
	case schema.Binary:
		return to.Type == schema.String
	case schema.Enum:
		return to.Type == schema.String
	case schema.Date:
		return to.Type == schema.Timestamp || to.Type == schema.TimestampTZ
	default:
	}
	return false
}

func fieldChanges(o, n *schema.Field) []Change {
	var out []Change
	// A string's length and an enum's values are constraints, reported
	// once below with the direction they break; a retyped change of the
	// same type would call them "safe both ways" beside it.
	sameKind := o.Type == n.Type && (o.Type == schema.String || o.Type == schema.Enum)
	if !sameKind && (o.TypeString() != n.TypeString() || o.Type != n.Type) {
		var br []string
		if !promotes(o, n) {
			br = append(br, Backward)
		}
		if !promotes(n, o) {
			br = append(br, Forward)
		}
		out = append(out, Change{Kind: ChangeRetyped, Path: o.Path, Old: o.TypeString(), New: n.TypeString(), Breaks: br,
			Detail: retypeDetail(br)})
	}
	con := func(detail string, br ...string) {
		out = append(out, Change{Kind: ChangeConstraint, Path: o.Path, Detail: detail, Breaks: br})
	}
	if mustHave(o) != mustHave(n) {
		if mustHave(n) {
			con("now required (no default): data without it is refused", Backward)
		} else {
			con("no longer required: old readers expect it", Forward)
		}
	}
	if o.Nullable != n.Nullable && mustHave(o) == mustHave(n) {
		if n.Nullable {
			con("now nullable: old readers do not expect null", Forward)
		} else {
			con("no longer nullable: old data may hold null", Backward)
		}
	}
	if o.Type == n.Type && o.Type == schema.String {
		ol, nl := -1, -1
		if o.MaxLength != nil {
			ol = *o.MaxLength
		}
		if n.MaxLength != nil {
			nl = *n.MaxLength
		}
		if ol != nl {
			switch {
			case nl >= 0 && (ol < 0 || nl < ol):
				con(fmt.Sprintf("max length %s -> %d: longer old values no longer fit", lenText(ol), nl), Backward)
			default:
				con(fmt.Sprintf("max length %d -> %s: old readers reject longer new values", ol, lenText(nl)), Forward)
			}
		}
	}
	// Enum values compare between two enums: string -> enum is a retype
	// (old strings may not be values), not "values added".
	if o.Type == schema.Enum && n.Type == schema.Enum {
		gone, plus := setDiff(o.EnumValues, n.EnumValues), setDiff(n.EnumValues, o.EnumValues)
		if len(gone) > 0 {
			con("enum values removed: "+strings.Join(gone, ", "), Backward)
		}
		if len(plus) > 0 {
			con("enum values added: "+strings.Join(plus, ", "), Forward)
		}
	}
	return out
}

func lenText(n int) string {
	if n < 0 {
		return "unbounded"
	}
	return strconv.Itoa(n)
}

func retypeDetail(br []string) string {
	switch len(br) {
	case 0:
		return "safe both ways"
	case 1:
		if br[0] == Backward {
			return "old data does not fit the new type"
		}
		return "a widening: old readers cannot read new values"
	}
	return "not a promotion in either direction"
}

func setDiff(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}
